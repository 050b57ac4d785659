import type { TicketRow } from '../../db/schema';
import { slackWebClient } from '../../integrations/slack/web-api';
import type { Executor, ServiceDeps } from '../context';
import { loadSlackConnection } from './slack-settings-service';

export const SLACK_NOTIFY_JOB = 'slack.notify';

export type SlackNoticeKind = 'critical_created' | 'acknowledged' | 'resolved' | 'sla_warning';

export interface SlackNotice {
  kind: SlackNoticeKind;
  ticketId: string;
  /** For SLA warnings: what is about to breach, in words (e.g. "response due 10:00, 80% used"). */
  detail?: string;
}

/**
 * Enqueues a notice in the caller's transaction (the notice exists only if the change is committed). Nothing
 * is enqueued while Slack is not connected.
 */
export async function enqueueSlackNotice(
  trx: Executor,
  deps: Pick<ServiceDeps, 'jobs'>,
  notice: SlackNotice,
): Promise<void> {
  const connected = await trx.selectFrom('slack_connection').select('id').executeTakeFirst();
  if (!connected) return;
  await deps.jobs.send(trx, SLACK_NOTIFY_JOB, notice);
}

export function slackNoticeText(
  notice: SlackNotice,
  ticket: Pick<TicketRow, 'number' | 'subject' | 'priority'>,
  clientName: string,
  link: string,
): string {
  const what = `#${ticket.number} ${ticket.subject}`;
  switch (notice.kind) {
    case 'critical_created':
      return `:rotating_light: New critical ticket for ${clientName}: <${link}|${what}>`;
    case 'acknowledged':
      return `:eyes: Acknowledged (${clientName}, ${ticket.priority}): <${link}|${what}>`;
    case 'resolved':
      return `:white_check_mark: Resolved (${clientName}): <${link}|${what}>`;
    case 'sla_warning':
      return `:warning: SLA warning for ${clientName}${notice.detail ? ` (${notice.detail})` : ''}: <${link}|${what}>`;
  }
}

/**
 * The job: posts the notice (chat.postMessage) to each channel connected to the ticket's client — into the
 * ticket's own thread when it came from that channel — and to the agency channel. The client sees the portal
 * link, the agency the desk link. A failed post throws and the whole notice is retried (a channel that
 * succeeded before the failure may see it twice).
 */
export async function sendSlackNotice(deps: ServiceDeps, notice: SlackNotice): Promise<{ posted: string[] }> {
  const connection = await loadSlackConnection(deps.db);
  if (!connection) return { posted: [] };
  const ticket = await deps.db
    .selectFrom('tickets')
    .innerJoin('organizations', 'organizations.id', 'tickets.client_id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.subject',
      'tickets.priority',
      'tickets.client_id',
      'organizations.name',
    ])
    .where('tickets.id', '=', notice.ticketId)
    .executeTakeFirst();
  if (!ticket) return { posted: [] };
  const [channels, thread] = await Promise.all([
    deps.db
      .selectFrom('slack_channels')
      .select('channel_id')
      .where('client_id', '=', ticket.client_id)
      .orderBy('channel_id')
      .execute(),
    deps.db.selectFrom('slack_threads').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirst(),
  ]);
  const base = deps.config.publicUrl.replace(/\/$/, '');
  const client = slackWebClient(deps.config, deps.log, connection.bot_token);
  const posted: string[] = [];
  const portalText = slackNoticeText(notice, ticket, ticket.name, `${base}/portal/requests/${ticket.id}`);
  for (const { channel_id: channel } of channels) {
    const threadTs = thread && thread.channel_id === channel ? thread.thread_ts : undefined;
    await client.chat.postMessage({
      channel,
      text: portalText,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    posted.push(channel);
  }
  if (connection.agency_channel_id && !posted.includes(connection.agency_channel_id)) {
    const deskText = slackNoticeText(notice, ticket, ticket.name, `${base}/tickets/${ticket.id}`);
    await client.chat.postMessage({ channel: connection.agency_channel_id, text: deskText });
    posted.push(connection.agency_channel_id);
  }
  return { posted };
}

import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { InboundItemRow } from '../../db/schema';
import { postToResponseUrl, slackUserEmail, slackWebClient } from '../../integrations/slack/web-api';
import { isAgency } from '../access';
import { CalendarCache } from '../calendars-service';
import type { Actor, Executor, ServiceDeps } from '../context';
import { TicketCommands } from '../tickets/ticket-commands';
import { loadSlackConnection } from './slack-settings-service';
import { joinTransaction } from '../join-transaction';
export { joinTransaction };

/** What the Slack routes store in `inbound_items.payload`. */
export type SlackInboundPayload =
  { kind: 'event'; body: SlackEventEnvelope } | { kind: 'command'; body: Record<string, string> };

export interface SlackEventEnvelope {
  type: string;
  event_id?: string;
  event?: {
    type: string;
    subtype?: string;
    bot_id?: string;
    user?: string;
    text?: string;
    channel?: string;
    ts?: string;
    thread_ts?: string;
  };
}

/** The idempotency key of a slash command: Slack's trigger_id, or the body's SHA-256 when it has none. */
export function slackCommandKey(rawBody: string, fields: Record<string, string>): string {
  return fields.trigger_id
    ? `command:${fields.trigger_id}`
    : `command-sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}

interface SlackAuthor {
  name: string;
  /** The Tend user with the Slack user's email: agency staff, or a user of the channel's client; else null. */
  actor: Actor | null;
}

interface Context {
  deps: ServiceDeps;
  trx: Executor;
  web: WebClient;
  integration: Actor;
  tickets: TicketCommands;
}

/**
 * The inbound processor for `source: 'slack'` items (register it in the inbound processors). Runs inside the
 * transaction that marks the item processed and does its whole effect with that transaction.
 *
 * - A message in a connected channel (not from a bot, no subtype such as message_changed) opens a ticket for
 *   that channel's client (channel `slack`); the requester is the client user whose email matches the Slack
 *   user's (users.info); unknown Slack users leave the requester empty. The ticket is created by the admin who
 *   connected Slack (the integration acts on their behalf); the thread is remembered and answered with the link.
 * - A reply in a ticket's thread becomes a public comment by the matching Tend user (a client user's reply
 *   resumes clocks that wait on the client); a reply from a Slack user unknown to Tend becomes an internal note
 *   for staff, attributed in its text — it is never published in anyone's name.
 * - A slash command raises a request the same way and answers through its response_url, ephemerally, with the
 *   request's portal link.
 * - Anything else (other event types, unconnected channels) is recorded as processed with `{ ignored }`.
 */
export async function processSlackItem(
  deps: ServiceDeps,
  item: InboundItemRow,
  trx: Executor,
): Promise<Record<string, unknown>> {
  const connection = await loadSlackConnection(trx);
  if (!connection) return { ignored: 'slack not connected' };
  const integration = await actorFor(trx, connection.configured_by);
  if (!integration) throw new Error('The admin who connected Slack no longer exists; reconnect Slack.');
  const joined = joinTransaction(trx);
  const context: Context = {
    deps,
    trx,
    web: slackWebClient(deps.config, deps.log, connection.bot_token),
    integration,
    tickets: new TicketCommands({ ...deps, db: joined }, new CalendarCache()),
  };
  const payload = item.payload as SlackInboundPayload;
  return payload.kind === 'command'
    ? processCommand(context, payload.body)
    : processEvent(context, payload.body);
}

async function processEvent(
  context: Context,
  envelope: SlackEventEnvelope,
): Promise<Record<string, unknown>> {
  const event = envelope.event;
  if (envelope.type !== 'event_callback' || !event) return { ignored: `payload type ${envelope.type}` };
  if (event.type !== 'message') return { ignored: `event type ${event.type}` };
  if (event.subtype) return { ignored: `message subtype ${event.subtype}` };
  if (event.bot_id || !event.user || !event.channel || !event.ts)
    return { ignored: 'not a person’s message' };
  const clientId = await connectedClient(context.trx, event.channel);
  if (!clientId) return { ignored: 'channel not connected' };
  const text = (event.text ?? '').trim();

  if (event.thread_ts && event.thread_ts !== event.ts) {
    const thread = await context.trx
      .selectFrom('slack_threads')
      .select('ticket_id')
      .where('channel_id', '=', event.channel)
      .where('thread_ts', '=', event.thread_ts)
      .executeTakeFirst();
    if (!thread) return { ignored: 'reply in a thread without a ticket' };
    if (!text) return { ignored: 'empty reply' };
    const author = await resolveAuthor(context, event.user, clientId);
    const { comment } = author.actor
      ? await context.tickets.comment(author.actor, thread.ticket_id, {
          body: text,
          visibility: 'public',
          assessment: false,
        })
      : await context.tickets.comment(context.integration, thread.ticket_id, {
          body: `${author.name} wrote in Slack (not a Tend user):\n\n${text}`,
          visibility: 'internal',
          assessment: false,
        });
    return { ticketId: thread.ticket_id, commentId: comment.id, visibility: comment.visibility };
  }

  const author = await resolveAuthor(context, event.user, clientId);
  const ticket = await raiseTicket(context, clientId, author, text, text || 'Slack message');
  await context.trx
    .insertInto('slack_threads')
    .values({ ticket_id: ticket.id, channel_id: event.channel, thread_ts: event.ts })
    .execute();
  await context.web.chat.postMessage({
    channel: event.channel,
    thread_ts: event.ts,
    text: `Ticket #${ticket.number} opened: <${portalLink(context.deps, ticket.id)}|${ticket.subject}>. Replies in this thread are added to it.`,
  });
  return { ticketId: ticket.id, number: ticket.number, requesterId: ticket.requester_id };
}

async function processCommand(
  context: Context,
  fields: Record<string, string>,
): Promise<Record<string, unknown>> {
  const { channel_id: channelId, user_id: userId, response_url: responseUrl } = fields;
  const text = (fields.text ?? '').trim();
  if (!channelId || !userId || !responseUrl) return { ignored: 'incomplete slash command' };
  const clientId = await connectedClient(context.trx, channelId);
  if (!clientId) {
    await postToResponseUrl(context.deps.config, responseUrl, {
      response_type: 'ephemeral',
      text: 'This channel is not connected to a client in Tend, so no request was raised. Ask your agency to connect it.',
    });
    return { ignored: 'channel not connected' };
  }
  const author = await resolveAuthor(context, userId, clientId);
  const ticket = await raiseTicket(
    context,
    clientId,
    author,
    text,
    text || `Request from ${author.name} via ${fields.command ?? 'Slack'}`,
  );
  const link = portalLink(context.deps, ticket.id);
  await postToResponseUrl(context.deps.config, responseUrl, {
    response_type: 'ephemeral',
    text: `Request #${ticket.number} raised: <${link}|${ticket.subject}>\n${link}`,
  });
  return { ticketId: ticket.id, number: ticket.number, requesterId: ticket.requester_id };
}

async function raiseTicket(
  context: Context,
  clientId: string,
  author: SlackAuthor,
  text: string,
  subjectSource: string,
) {
  const staff = author.actor && isAgency(author.actor) ? author.actor : null;
  const requester = author.actor && !isAgency(author.actor) ? author.actor : null;
  const firstLine = subjectSource.split('\n')[0]!.trim();
  const subject = firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine;
  const { ticket } = await context.tickets.create(staff ?? context.integration, {
    clientId,
    subject,
    body: requester || staff ? text : `${text}\n\n— ${author.name} via Slack`.trim(),
    channel: 'slack',
    priority: 'medium',
    ...(requester ? { requesterId: requester.userId } : {}),
  });
  return ticket;
}

async function connectedClient(trx: Executor, channelId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('slack_channels')
    .select('client_id')
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return row?.client_id ?? null;
}

async function resolveAuthor(context: Context, slackUserId: string, clientId: string): Promise<SlackAuthor> {
  const { email, name } = await slackUserEmail(context.web, slackUserId);
  if (!email) return { name, actor: null };
  const row = await context.trx
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return { name, actor: null };
  const actor: Actor = {
    userId: row.id,
    organizationId: row.organization_id,
    role: row.role,
    email: row.email,
    name: row.name,
  };
  // Another client's user in this client's channel is nobody we may act for here.
  if (!isAgency(actor) && row.organization_id !== clientId) return { name, actor: null };
  return { name: row.name, actor };
}

async function actorFor(trx: Executor, userId: string): Promise<Actor | null> {
  const row = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  return row
    ? {
        userId: row.id,
        organizationId: row.organization_id,
        role: row.role,
        email: row.email,
        name: row.name,
      }
    : null;
}

function portalLink(deps: ServiceDeps, ticketId: string): string {
  return `${deps.config.publicUrl.replace(/\/$/, '')}/portal/requests/${ticketId}`;
}

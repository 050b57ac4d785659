import { slackWebClient } from '../../integrations/slack/web-api';
import type { MaintenanceWindowRow } from '../../db/schema';
import type { Executor, ServiceDeps } from '../context';
import { preferencesOf } from '../notifications-service';
import { EMAIL_NOTIFY_JOB } from '../sla-alerts-service';
import { loadSlackConnection } from '../slack/slack-settings-service';
import { MAINTENANCE_SLACK_JOB, type ReleaseNotesSlackJob } from './maintenance-jobs';

/** Where a client reads a window in the portal. */
export function portalWindowUrl(deps: Pick<ServiceDeps, 'config'>, windowId: string): string {
  return `${deps.config.publicUrl.replace(/\/$/, '')}/portal/maintenance/windows/${windowId}`;
}

/**
 * Queues a closed window's release notes for the client, in the closing transaction: an `email.notify` job
 * per client admin who takes email (none without SMTP_URL: Tend queues no mail it cannot send), and one Slack
 * job when Slack is connected and the client has a channel.
 */
export async function enqueueReleaseNotes(
  trx: Executor,
  deps: ServiceDeps,
  window: Pick<MaintenanceWindowRow, 'id' | 'title' | 'release_notes'> & { client_id: string },
  clientName: string,
): Promise<{ emails: number; slack: boolean }> {
  let emails = 0;
  if (deps.config.smtpUrl) {
    const admins = await trx
      .selectFrom('users')
      .select(['id', 'email', 'name'])
      .where('organization_id', '=', window.client_id)
      .where('role', '=', 'client_admin')
      .where('disabled_at', 'is', null)
      .orderBy('email')
      .execute();
    const prefs = await preferencesOf(
      trx,
      admins.map((admin) => admin.id),
    );
    for (const admin of admins.filter((a) => prefs.get(a.id)?.email !== false)) {
      await deps.jobs.send(
        trx,
        EMAIL_NOTIFY_JOB,
        {
          kind: 'release_notes',
          windowId: window.id,
          userId: admin.id,
          to: admin.email,
          name: admin.name,
          subject: `Release notes: ${window.title} (${clientName})`,
          text: window.release_notes ?? '',
          url: portalWindowUrl(deps, window.id),
        },
        { singletonKey: `release-notes:${window.id}:${admin.id}` },
      );
      emails++;
    }
  }
  const connected = await trx.selectFrom('slack_connection').select('id').executeTakeFirst();
  const channel = connected
    ? await trx
        .selectFrom('slack_channels')
        .select('channel_id')
        .where('client_id', '=', window.client_id)
        .executeTakeFirst()
    : undefined;
  if (channel) {
    const job: ReleaseNotesSlackJob = { windowId: window.id };
    await deps.jobs.send(trx, MAINTENANCE_SLACK_JOB, job, { singletonKey: `release-notes:${window.id}` });
  }
  return { emails, slack: channel !== undefined };
}

/** Markdown headings become bold lines (Slack's mrkdwn has none); &, < and > are escaped as Slack asks. */
export function toSlackText(notes: string, url: string): string {
  const escaped = notes.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = escaped.replace(/^#{1,6} (.+)$/gm, '*$1*').trimEnd();
  return `${body}\n\n<${url}|Open in Tend>`;
}

/**
 * The Slack job: posts the stored notes to each of the client's channels. A failed post throws and the job is
 * retried (a channel that succeeded before the failure may see the notes twice).
 */
export async function sendReleaseNotesToSlack(
  deps: ServiceDeps,
  windowId: string,
): Promise<{ posted: string[] }> {
  const connection = await loadSlackConnection(deps.db);
  if (!connection) return { posted: [] };
  const window = await deps.db
    .selectFrom('maintenance_windows')
    .innerJoin('agreements', 'agreements.id', 'maintenance_windows.agreement_id')
    .select(['maintenance_windows.id', 'maintenance_windows.release_notes', 'agreements.client_id'])
    .where('maintenance_windows.id', '=', windowId)
    .executeTakeFirst();
  if (!window?.release_notes) return { posted: [] };
  const channels = await deps.db
    .selectFrom('slack_channels')
    .select('channel_id')
    .where('client_id', '=', window.client_id)
    .orderBy('channel_id')
    .execute();
  const client = slackWebClient(deps.config, deps.log, connection.bot_token);
  const text = toSlackText(window.release_notes, portalWindowUrl(deps, window.id));
  const posted: string[] = [];
  for (const { channel_id: channel } of channels) {
    await client.chat.postMessage({ channel, text });
    posted.push(channel);
  }
  return { posted };
}

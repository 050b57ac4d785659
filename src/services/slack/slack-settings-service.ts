import { AppError, invalidInput, notFound } from '../../errors';
import type { SlackChannelInput, SlackConnectionInput } from '../../schemas/slack';
import { verifySlackSignature } from '../../integrations/slack/signature';
import { requireAgencyAdmin } from '../access';
import { recordAudit } from '../audit';
import type { Actor, Executor, ServiceDeps } from '../context';
import { findVisibleTicket } from '../tickets/ticket-access';
import { sendSlackNotice, type SlackNotice } from './slack-notices';

const SIGNATURE_REFUSALS = {
  missing: 'The Slack signature headers are missing.',
  malformed: 'The Slack signature headers are malformed.',
  stale: 'The Slack request timestamp is more than five minutes away from now.',
  mismatch: 'The Slack signature does not match.',
} as const;

/** The last four characters of a secret: enough to recognise it, never enough to use it. */
export function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`;
}

export interface SlackConnectionRow {
  signing_secret: string;
  bot_token: string;
  agency_channel_id: string | null;
  configured_by: string;
  updated_at: Date;
}

export function loadSlackConnection(db: Executor): Promise<SlackConnectionRow | undefined> {
  return db
    .selectFrom('slack_connection')
    .select(['signing_secret', 'bot_token', 'agency_channel_id', 'configured_by', 'updated_at'])
    .executeTakeFirst();
}

/** The agency's Slack app (signing secret, bot token, agency channel) and the channels shared with clients. */
const SECRET_CACHE_MS = 5_000;

export class SlackSettingsService {
  constructor(private readonly deps: ServiceDeps) {}

  async getConnection(actor: Actor) {
    requireAgencyAdmin(actor);
    return toConnectionDto(await loadSlackConnection(this.deps.db), this.deps.config.publicUrl);
  }

  /** Creates or updates the connection; a secret left out keeps the stored one. */
  async putConnection(actor: Actor, input: SlackConnectionInput) {
    this.secretCache = null;
    requireAgencyAdmin(actor);
    return this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock.now();
      const existing = await trx.selectFrom('slack_connection').selectAll().forUpdate().executeTakeFirst();
      const signingSecret = input.signingSecret ?? existing?.signing_secret;
      const botToken = input.botToken ?? existing?.bot_token;
      if (!signingSecret || !botToken) {
        throw invalidInput('Connecting Slack needs the signing secret and the bot token.', [
          ...(signingSecret ? [] : [{ path: 'signingSecret', message: 'is required' }]),
          ...(botToken ? [] : [{ path: 'botToken', message: 'is required' }]),
        ]);
      }
      const values = {
        signing_secret: signingSecret,
        bot_token: botToken,
        agency_channel_id:
          input.agencyChannelId !== undefined ? input.agencyChannelId : (existing?.agency_channel_id ?? null),
        configured_by: actor.userId,
        updated_at: now,
      };
      if (existing) await trx.updateTable('slack_connection').set(values).execute();
      else await trx.insertInto('slack_connection').values(values).execute();
      await recordAudit(trx, actor, {
        action: existing ? 'slack.connection_updated' : 'slack.connected',
        entity: 'slack_connection',
        entityId: 'slack',
        data: {
          signingSecretChanged: input.signingSecret !== undefined,
          botTokenChanged: input.botToken !== undefined,
          agencyChannelId: values.agency_channel_id,
        },
        at: now,
      });
      return toConnectionDto(values, this.deps.config.publicUrl);
    });
  }

  async deleteConnection(actor: Actor): Promise<void> {
    this.secretCache = null;
    requireAgencyAdmin(actor);
    await this.deps.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('slack_connection').executeTakeFirst();
      if (!deleted.numDeletedRows) throw notFound('Slack connection');
      await recordAudit(trx, actor, {
        action: 'slack.disconnected',
        entity: 'slack_connection',
        entityId: 'slack',
        at: this.deps.clock.now(),
      });
    });
  }

  async listChannels(actor: Actor) {
    requireAgencyAdmin(actor);
    const rows = await this.deps.db
      .selectFrom('slack_channels')
      .innerJoin('organizations', 'organizations.id', 'slack_channels.client_id')
      .select([
        'slack_channels.channel_id',
        'slack_channels.client_id',
        'slack_channels.created_at',
        'organizations.name',
      ])
      .orderBy('organizations.name')
      .orderBy('slack_channels.channel_id')
      .execute();
    return rows.map((row) => ({
      channelId: row.channel_id,
      clientId: row.client_id,
      clientName: row.name,
      createdAt: row.created_at,
    }));
  }

  async addChannel(actor: Actor, input: SlackChannelInput) {
    requireAgencyAdmin(actor);
    return this.deps.db.transaction().execute(async (trx) => {
      const client = await trx
        .selectFrom('organizations')
        .select(['id', 'name'])
        .where('id', '=', input.clientId)
        .where('kind', '=', 'client')
        .executeTakeFirst();
      if (!client)
        throw invalidInput('The client does not exist.', [{ path: 'clientId', message: 'no such client' }]);
      const now = this.deps.clock.now();
      const inserted = await trx
        .insertInto('slack_channels')
        .values({ channel_id: input.channelId, client_id: client.id, created_at: now })
        .onConflict((oc) => oc.column('channel_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) {
        throw new AppError('conflict', `The channel ${input.channelId} is connected to a client already.`, {
          issues: [{ path: 'channelId', message: 'is connected already' }],
        });
      }
      await recordAudit(trx, actor, {
        action: 'slack.channel_connected',
        entity: 'slack_channel',
        entityId: input.channelId,
        organizationId: client.id,
        at: now,
      });
      return {
        channelId: inserted.channel_id,
        clientId: client.id,
        clientName: client.name,
        createdAt: inserted.created_at,
      };
    });
  }

  async removeChannel(actor: Actor, channelId: string): Promise<void> {
    requireAgencyAdmin(actor);
    await this.deps.db.transaction().execute(async (trx) => {
      const deleted = await trx
        .deleteFrom('slack_channels')
        .where('channel_id', '=', channelId)
        .returningAll()
        .executeTakeFirst();
      if (!deleted) throw notFound('Slack channel');
      await recordAudit(trx, actor, {
        action: 'slack.channel_disconnected',
        entity: 'slack_channel',
        entityId: channelId,
        organizationId: deleted.client_id,
        at: this.deps.clock.now(),
      });
    });
  }

  /**
   * Checks that a request comes from the connected Slack app (v0 signature over the raw body, timestamp within
   * five minutes); refuses with `unauthenticated` otherwise, also while Slack is not connected.
   */
  /**
   * The signing secret, read at most every few seconds: intake must answer Slack fast, and a rotated secret
   * reaches every instance within the same few seconds.
   */
  private secretCache: { value: string | null; readAt: number } | null = null;

  private async signingSecret(): Promise<string | null> {
    const now = Date.now();
    if (this.secretCache && now - this.secretCache.readAt < SECRET_CACHE_MS) return this.secretCache.value;
    const connection = await loadSlackConnection(this.deps.db);
    this.secretCache = { value: connection?.signing_secret ?? null, readAt: now };
    return this.secretCache.value;
  }

  async verifyRequest(request: {
    timestamp: string | undefined;
    signature: string | undefined;
    rawBody: string;
  }) {
    const secret = await this.signingSecret();
    if (!secret) throw new AppError('unauthenticated', 'Slack is not connected.');
    const verdict = verifySlackSignature(secret, request, this.deps.clock.now());
    if (!verdict.ok)
      throw new AppError('unauthenticated', SIGNATURE_REFUSALS[verdict.reason], { reason: verdict.reason });
  }

  /** Posts a notice to Slack (the `slack.notify` job). */
  notify(notice: SlackNotice): Promise<{ posted: string[] }> {
    return sendSlackNotice(this.deps, notice);
  }

  /** The Slack thread a ticket lives in (for the ticket page), or null; anyone who may see the ticket may ask. */
  async ticketThread(actor: Actor, ticketId: string) {
    const ticket = await findVisibleTicket(this.deps.db, actor, ticketId);
    const thread = await this.deps.db
      .selectFrom('slack_threads')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirst();
    return { thread: thread ? { channelId: thread.channel_id, threadTs: thread.thread_ts } : null };
  }
}

function toConnectionDto(row: Omit<SlackConnectionRow, 'configured_by'> | undefined, publicUrl: string) {
  const base = publicUrl.replace(/\/$/, '');
  return {
    connected: row !== undefined,
    signingSecretHint: row ? secretHint(row.signing_secret) : null,
    botTokenHint: row ? secretHint(row.bot_token) : null,
    agencyChannelId: row?.agency_channel_id ?? null,
    updatedAt: row?.updated_at ?? null,
    /** What to paste into the Slack app's configuration. */
    eventsUrl: `${base}/api/slack/events`,
    commandsUrl: `${base}/api/slack/commands`,
  };
}

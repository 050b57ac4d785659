import type { NotificationChannel, NotificationRow } from '../db/schema';
import { notFound } from '../errors';
import type { Actor, Executor, ServiceDeps } from './context';

export const NOTIFICATION_CHANNELS: readonly NotificationChannel[] = ['email', 'slack', 'in_app'];

export interface NewNotification {
  userId: string;
  ticketId: string | null;
  kind: string;
  title: string;
  body: string;
  /** Unique per user: recording the same key twice for a user records it once. */
  dedupeKey: string;
}

export interface NotificationPreferences {
  email: boolean;
  slack: boolean;
  inApp: boolean;
}

/**
 * Records in-app notifications in the caller's transaction. (user_id, dedupe_key) is unique and the insert
 * skips conflicts, so concurrent writers (several workers) record each notification once. Returns how many
 * were new.
 */
export async function recordNotifications(
  db: Executor,
  at: Date,
  items: readonly NewNotification[],
): Promise<number> {
  if (items.length === 0) return 0;
  const inserted = await db
    .insertInto('notifications')
    .values(
      items.map((item) => ({
        user_id: item.userId,
        ticket_id: item.ticketId,
        kind: item.kind,
        title: item.title,
        body: item.body,
        dedupe_key: item.dedupeKey,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/** Each user's channels; a channel a user never set is enabled. */
export async function preferencesOf(
  db: Executor,
  userIds: readonly string[],
): Promise<Map<string, NotificationPreferences>> {
  const result = new Map<string, NotificationPreferences>(
    userIds.map((id) => [id, { email: true, slack: true, inApp: true }]),
  );
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['user_id', 'channel', 'enabled'])
    .where('user_id', 'in', [...new Set(userIds)])
    .execute();
  for (const row of rows) {
    const prefs = result.get(row.user_id);
    if (!prefs) continue;
    if (row.channel === 'in_app') prefs.inApp = row.enabled;
    else prefs[row.channel] = row.enabled;
  }
  return result;
}

function toNotificationDto(row: NotificationRow & { ticket_number: number | null }) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/** A user's own in-app notifications and channel preferences (every role has them). */
export class NotificationsService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(actor: Actor, options: { limit?: number | undefined; unreadOnly?: boolean | undefined } = {}) {
    let query = this.deps.db
      .selectFrom('notifications')
      .leftJoin('tickets', 'tickets.id', 'notifications.ticket_id')
      .selectAll('notifications')
      .select('tickets.number as ticket_number')
      .where('notifications.user_id', '=', actor.userId);
    if (options.unreadOnly) query = query.where('notifications.read_at', 'is', null);
    const rows = await query
      .orderBy('notifications.created_at', 'desc')
      .orderBy('notifications.id')
      .limit(options.limit ?? 50)
      .execute();
    const unread = await this.deps.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('user_id', '=', actor.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { items: rows.map(toNotificationDto), unreadCount: Number(unread.count) };
  }

  async markRead(actor: Actor, id: string) {
    const row = await this.deps.db
      .updateTable('notifications')
      .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(this.deps.clock.now())) }))
      .where('id', '=', id)
      .where('user_id', '=', actor.userId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('Notification');
    const ticket = row.ticket_id
      ? await this.deps.db
          .selectFrom('tickets')
          .select('number')
          .where('id', '=', row.ticket_id)
          .executeTakeFirst()
      : undefined;
    return toNotificationDto({ ...row, ticket_number: ticket?.number ?? null });
  }

  async markAllRead(actor: Actor) {
    const result = await this.deps.db
      .updateTable('notifications')
      .set({ read_at: this.deps.clock.now() })
      .where('user_id', '=', actor.userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return { updated: Number(result.numUpdatedRows) };
  }

  async getPreferences(actor: Actor): Promise<NotificationPreferences> {
    return (await preferencesOf(this.deps.db, [actor.userId])).get(actor.userId)!;
  }

  async setPreferences(
    actor: Actor,
    input: Partial<NotificationPreferences>,
  ): Promise<NotificationPreferences> {
    const now = this.deps.clock.now();
    const changes: { channel: NotificationChannel; enabled: boolean }[] = [];
    if (input.email !== undefined) changes.push({ channel: 'email', enabled: input.email });
    if (input.slack !== undefined) changes.push({ channel: 'slack', enabled: input.slack });
    if (input.inApp !== undefined) changes.push({ channel: 'in_app', enabled: input.inApp });
    if (changes.length > 0) {
      await this.deps.db
        .insertInto('notification_preferences')
        .values(
          changes.map((c) => ({
            user_id: actor.userId,
            channel: c.channel,
            enabled: c.enabled,
            updated_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['user_id', 'channel']).doUpdateSet((eb) => ({
            enabled: eb.ref('excluded.enabled'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    return this.getPreferences(actor);
  }
}

import type { Actor, Executor, ServiceDeps } from '../../services/context';
import type { CalendarCache } from '../../services/calendars-service';
import type { FileAttachmentStore } from '../../storage/attachment-store';
import { joinTransaction } from '../../services/join-transaction';
export { joinTransaction };

/** What the email processor and the triage service need beyond a transaction. */
export interface EmailContext {
  deps: ServiceDeps;
  calendars: CalendarCache;
  store: FileAttachmentStore;
}

export async function actorOfUser(db: Executor, userId: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'organization_id', 'role', 'email', 'name'])
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return user
    ? {
        userId: user.id,
        organizationId: user.organization_id,
        role: user.role,
        email: user.email,
        name: user.name,
      }
    : null;
}

/** The agency admin mail is handled on behalf of: the mailbox's creator, else the longest-standing admin. */
export async function integrationActor(db: Executor, mailboxCreator: string | null): Promise<Actor> {
  const creator = mailboxCreator ? await actorOfUser(db, mailboxCreator) : null;
  if (creator && creator.role === 'agency_admin') return creator;
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'agency_admin')
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
  const actor = admin ? await actorOfUser(db, admin.id) : null;
  if (!actor) throw new Error('No active agency admin to handle email on behalf of.');
  return actor;
}

/** `Name <a@b>` or `a@b` → `a@b`. */
export function addressOf(from: string): string {
  const match = /<([^>]+)>/.exec(from);
  return (match ? match[1]! : from).trim().toLowerCase();
}

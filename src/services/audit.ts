import type { Actor, Executor } from './context';

/** One row per change in Tend, written in the same transaction as the change. */
export async function recordAudit(
  db: Executor,
  actor: Actor | null,
  entry: {
    action: string;
    entity: string;
    entityId: string;
    organizationId?: string | null;
    data?: object;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_id: actor?.userId ?? null,
      organization_id: entry.organizationId ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}

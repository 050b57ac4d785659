import { recordAudit } from '../audit';
import type { Actor, Executor, ServiceDeps } from '../context';
import { lockPlanning } from './planning-lock';

/*
 * Scaffolding shared by the services for an agreement's recurring items (chores, schedules): each change is
 * one transaction, holds the agreement's planning lock when it re-plans, and leaves one audit entry under the
 * agreement's client.
 */

/**
 * Runs one change to an agreement's items in one transaction holding the agreement's planning lock, so the
 * change and the re-plan it triggers never interleave with another planner. `now` is read once the lock is held.
 */
export function changeUnderPlanningLock<T>(
  deps: ServiceDeps,
  agreementId: string,
  change: (trx: Executor, now: Date) => Promise<T>,
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    await lockPlanning(trx, agreementId);
    return change(trx, deps.clock.now());
  });
}

/** The agreement an item belongs to, as the change needs it (its client for the audit, its time zone). */
export function agreementOf(trx: Executor, id: string) {
  return trx
    .selectFrom('agreements')
    .select(['id', 'client_id', 'time_zone'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export interface AgreementItemAudit {
  entity: 'maintenance_chore' | 'maintenance_schedule';
  /** What happened, after the entity: `created`, `updated`, `stopped`. */
  change: 'created' | 'updated' | 'stopped';
  entityId: string;
  clientId: string;
  at: Date;
  data: object;
}

export async function auditAgreementItem(
  trx: Executor,
  actor: Actor,
  entry: AgreementItemAudit,
): Promise<void> {
  await recordAudit(trx, actor, {
    action: `${entry.entity}.${entry.change}`,
    entity: entry.entity,
    entityId: entry.entityId,
    organizationId: entry.clientId,
    at: entry.at,
    data: entry.data,
  });
}

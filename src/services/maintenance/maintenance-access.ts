import { notFound } from '../../errors';
import type {
  AgreementRow,
  MaintenanceChoreRow,
  MaintenanceScheduleRow,
  MaintenanceWindowRow,
} from '../../db/schema';
import { clientScope, requireAgency } from '../access';
import { findVisibleAgreement } from '../agreements-service';
import type { Actor, Executor } from '../context';

/*
 * Every maintenance record hangs off an agreement. A client user sees only those of its own organisation's
 * agreements; another tenant's record is "not found", exactly like a missing one. Role checks come after the
 * record is found, so a client is refused (403) only for its own records.
 */

/** For agency-only changes: the agreement must be visible (else 404), then the actor must be staff (403). */
export async function findAgreementForStaff(db: Executor, actor: Actor, id: string): Promise<AgreementRow> {
  const agreement = await findVisibleAgreement(db, actor, id);
  requireAgency(actor);
  return agreement;
}

export interface WindowWithAgreement extends MaintenanceWindowRow {
  client_id: string;
  time_zone: string;
}

export async function findVisibleWindow(
  db: Executor,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<WindowWithAgreement> {
  const scope = clientScope(actor);
  let query = db
    .selectFrom('maintenance_windows')
    .innerJoin('agreements', 'agreements.id', 'maintenance_windows.agreement_id')
    .selectAll('maintenance_windows')
    .select(['agreements.client_id', 'agreements.time_zone'])
    .where('maintenance_windows.id', '=', id);
  if (scope) query = query.where('agreements.client_id', '=', scope);
  if (options.forUpdate) query = query.forUpdate('maintenance_windows');
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Maintenance window');
  return row;
}

export async function findScheduleForStaff(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<MaintenanceScheduleRow> {
  const scope = clientScope(actor);
  let query = db
    .selectFrom('maintenance_schedules')
    .innerJoin('agreements', 'agreements.id', 'maintenance_schedules.agreement_id')
    .selectAll('maintenance_schedules')
    .where('maintenance_schedules.id', '=', id);
  if (scope) query = query.where('agreements.client_id', '=', scope);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Maintenance schedule');
  requireAgency(actor);
  return row;
}

export async function findChoreForStaff(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<MaintenanceChoreRow> {
  const scope = clientScope(actor);
  let query = db
    .selectFrom('maintenance_chores')
    .innerJoin('agreements', 'agreements.id', 'maintenance_chores.agreement_id')
    .selectAll('maintenance_chores')
    .where('maintenance_chores.id', '=', id);
  if (scope) query = query.where('agreements.client_id', '=', scope);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Maintenance chore');
  requireAgency(actor);
  return row;
}

import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor, ServiceDeps } from '../context';
import { createDueChoreTickets } from './chore-tickets';
import { materialiseSchedule } from './materialise';
import { planAgreement, type PlanResult } from './plan-agreement';
import { lockPlanning } from './planning-lock';

export interface UpkeepResult extends PlanResult {
  windowsCreated: number;
  choreTickets: string[];
}

/**
 * Everything that keeps one agreement's maintenance current, in the caller's transaction and under the
 * agreement's planning lock: its schedules' windows exist up to the horizon, chores due for the next window
 * have their tickets, and the backlog is planned. Idempotent: running it twice changes nothing the second time.
 */
export async function upkeepAgreement(
  trx: Executor,
  deps: ServiceDeps,
  calendars: CalendarCache,
  agreementId: string,
  actor: Actor | null,
): Promise<UpkeepResult> {
  await lockPlanning(trx, agreementId);
  const now = deps.clock.now();
  const agreement = await trx
    .selectFrom('agreements')
    .select(['id', 'client_id', 'time_zone', 'status'])
    .where('id', '=', agreementId)
    .executeTakeFirstOrThrow();
  let windowsCreated = 0;
  let choreTickets: string[] = [];
  // An ended agreement gets no new windows nor chores; what is already planned stays planned.
  if (agreement.status === 'active') {
    const schedules = await trx
      .selectFrom('maintenance_schedules')
      .selectAll()
      .where('agreement_id', '=', agreementId)
      .where('active', '=', true)
      .orderBy('created_at')
      .execute();
    for (const schedule of schedules)
      windowsCreated += await materialiseSchedule(trx, schedule, agreement.time_zone, now);
    choreTickets = await createDueChoreTickets(trx, deps, calendars, agreement, actor, now);
  }
  const plan = await planAgreement(trx, calendars, agreementId, actor, now);
  return { ...plan, windowsCreated, choreTickets };
}

/** Agreements with anything to keep up: a schedule, a chore or a window still to come. */
export async function agreementsWithMaintenance(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('agreements')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('maintenance_schedules')
            .select('id')
            .whereRef('maintenance_schedules.agreement_id', '=', 'agreements.id')
            .where('maintenance_schedules.active', '=', true),
        ),
        eb.exists(
          eb
            .selectFrom('maintenance_chores')
            .select('id')
            .whereRef('maintenance_chores.agreement_id', '=', 'agreements.id')
            .where('maintenance_chores.active', '=', true),
        ),
        eb.exists(
          eb
            .selectFrom('maintenance_windows')
            .select('id')
            .whereRef('maintenance_windows.agreement_id', '=', 'agreements.id')
            .where('maintenance_windows.status', 'in', ['scheduled', 'in_progress']),
        ),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

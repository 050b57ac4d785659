import { occurrences, RecurrenceRuleSchema, type Occurrence } from '../../domain/maintenance/recurrence';
import type { MaintenanceScheduleRow } from '../../db/schema';
import type { Executor } from '../context';

/** How far ahead a schedule's windows exist as rows (the calendar, the planner's horizon). */
export const HORIZON_MONTHS = 12;

function horizonEnd(now: Date): number {
  return Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth() + HORIZON_MONTHS,
    now.getUTCDate(),
    now.getUTCHours(),
    now.getUTCMinutes(),
  );
}

function upcomingOccurrences(schedule: MaintenanceScheduleRow, timeZone: string, now: Date): Occurrence[] {
  if (!schedule.active) return [];
  const rule = RecurrenceRuleSchema.parse(schedule.rule);
  return occurrences(rule, timeZone, now.getTime(), horizonEnd(now));
}

/**
 * Creates the schedule's windows that start from now to the horizon and do not exist yet. Idempotent and safe
 * in several processes at once: (schedule_id, starts_at) is unique and a window already there — even one
 * cancelled by hand — is left as it is. Returns how many windows were created.
 */
export async function materialiseSchedule(
  trx: Executor,
  schedule: MaintenanceScheduleRow,
  timeZone: string,
  now: Date,
): Promise<number> {
  const wanted = upcomingOccurrences(schedule, timeZone, now);
  if (wanted.length === 0) return 0;
  const inserted = await trx
    .insertInto('maintenance_windows')
    .values(
      wanted.map((o) => ({
        agreement_id: schedule.agreement_id,
        schedule_id: schedule.id,
        title: schedule.name,
        starts_at: new Date(o.startsAt),
        ends_at: new Date(o.endsAt),
        capacity_minutes: schedule.capacity_minutes,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['schedule_id', 'starts_at']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/**
 * After a schedule changed (rule, capacity, name, or stopped): its future scheduled windows follow the new
 * rule. Windows at a start the rule still has take the new end, capacity and title; the others go — deleted
 * when nothing refers to them but the plan (their items are re-planned by the caller), cancelled when time
 * was logged against them. Then the missing windows are created.
 */
export async function rematerialiseSchedule(
  trx: Executor,
  schedule: MaintenanceScheduleRow,
  timeZone: string,
  now: Date,
): Promise<void> {
  const wanted = new Map(upcomingOccurrences(schedule, timeZone, now).map((o) => [o.startsAt, o] as const));
  const future = await trx
    .selectFrom('maintenance_windows')
    .selectAll()
    .where('schedule_id', '=', schedule.id)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .execute();
  const obsolete: string[] = [];
  for (const window of future) {
    const occurrence = wanted.get(window.starts_at.getTime());
    if (!occurrence) {
      obsolete.push(window.id);
      continue;
    }
    await trx
      .updateTable('maintenance_windows')
      .set({
        ends_at: new Date(occurrence.endsAt),
        capacity_minutes: schedule.capacity_minutes,
        title: schedule.name,
        updated_at: now,
      })
      .where('id', '=', window.id)
      .execute();
  }
  await removeWindows(trx, obsolete, now);
  await materialiseSchedule(trx, schedule, timeZone, now);
}

/** Deletes windows still to come, or cancels those with time logged against them. */
export async function removeWindows(trx: Executor, windowIds: readonly string[], now: Date): Promise<void> {
  if (windowIds.length === 0) return;
  const withTime = await trx
    .selectFrom('time_entries')
    .select('window_id')
    .distinct()
    .where('window_id', 'in', windowIds)
    .execute();
  const keep = new Set(withTime.map((row) => row.window_id));
  const deletable = windowIds.filter((id) => !keep.has(id));
  if (keep.size > 0)
    await trx
      .updateTable('maintenance_windows')
      .set({ status: 'cancelled', updated_at: now })
      .where(
        'id',
        'in',
        [...keep].filter((id): id is string => id !== null),
      )
      .execute();
  if (deletable.length === 0) return;
  await trx.updateTable('window_plan').set({ window_id: null }).where('window_id', 'in', deletable).execute();
  await trx
    .updateTable('window_plan')
    .set({ first_window_id: null })
    .where('first_window_id', 'in', deletable)
    .execute();
  await trx.deleteFrom('maintenance_windows').where('id', 'in', deletable).execute();
}

import type { MaintenanceChoreRow, MaintenanceScheduleRow, MaintenanceWindowRow } from '../../db/schema';
import { describeRule, type RecurrenceRule } from '../../domain/maintenance/recurrence';

export function toScheduleDto(row: MaintenanceScheduleRow, timeZone: string) {
  const rule = row.rule as RecurrenceRule;
  return {
    id: row.id,
    agreementId: row.agreement_id,
    name: row.name,
    rule,
    /** The rule in words, e.g. "Second Tuesday of every month, 18:00 for 4 h". */
    description: describeRule(rule),
    /** The zone the rule is read in: the agreement's. */
    timeZone,
    capacityMinutes: row.capacity_minutes,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toChoreDto(row: MaintenanceChoreRow) {
  return {
    id: row.id,
    agreementId: row.agreement_id,
    title: row.title,
    description: row.description,
    cadenceMonths: row.cadence_months,
    estimateMinutes: row.estimate_minutes,
    priority: row.priority,
    nextDueOn: row.next_due_on,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface WindowFigures {
  plannedMinutes: number;
  itemCount: number;
  /** For closed windows: the frozen outcomes. */
  doneCount: number;
  rolledCount: number;
  minutesLogged: number;
}

export function toWindowDto(
  row: MaintenanceWindowRow & { client_id: string; time_zone: string },
  figures: WindowFigures,
) {
  return {
    id: row.id,
    agreementId: row.agreement_id,
    clientId: row.client_id,
    scheduleId: row.schedule_id,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    /** The agreement's zone, in which the window was set. */
    timeZone: row.time_zone,
    capacityMinutes: row.capacity_minutes,
    status: row.status,
    startedAt: row.started_at,
    closedAt: row.closed_at,
    plannedMinutes: figures.plannedMinutes,
    remainingMinutes: row.capacity_minutes - figures.plannedMinutes,
    itemCount: figures.itemCount,
    doneCount: figures.doneCount,
    rolledCount: figures.rolledCount,
    minutesLogged: figures.minutesLogged,
    hasReleaseNotes: row.release_notes !== null,
  };
}

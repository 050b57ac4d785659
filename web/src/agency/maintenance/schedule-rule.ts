import type { MaintenanceSchedule } from '../../api/types';

/** A schedule's rule as the API takes it (domain/maintenance/recurrence.ts on the server). */
export type ScheduleRule = MaintenanceSchedule['rule'];
export type Weekday = Extract<ScheduleRule['on'], { kind: 'nth_weekday' }>['weekday'];
export type Nth = Extract<ScheduleRule['on'], { kind: 'nth_weekday' }>['nth'];

export const WEEKDAYS: { value: Weekday; label: string }[] = [
  { value: 'MO', label: 'Monday' },
  { value: 'TU', label: 'Tuesday' },
  { value: 'WE', label: 'Wednesday' },
  { value: 'TH', label: 'Thursday' },
  { value: 'FR', label: 'Friday' },
  { value: 'SA', label: 'Saturday' },
  { value: 'SU', label: 'Sunday' },
];

export const NTHS: { value: Nth; label: string }[] = [
  { value: 1, label: 'First' },
  { value: 2, label: 'Second' },
  { value: 3, label: 'Third' },
  { value: 4, label: 'Fourth' },
  { value: -1, label: 'Last' },
];

/** "18:00" plus a duration → the local end, "22:00" (or "02:00 the next day"). */
export function endTime(startTime: string, durationMinutes: number): string {
  const start = Number(startTime.slice(0, 2)) * 60 + Number(startTime.slice(3, 5));
  const end = start + durationMinutes;
  const wrapped = end % 1440;
  const text = `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
  return end >= 1440 ? `${text} the next day` : text;
}

/** "Monthly, second Tuesday, 18:00–22:00" — the form's preview before the server's own description. */
export function previewRule(rule: ScheduleRule): string {
  const on = rule.on;
  const day =
    on.kind === 'nth_weekday'
      ? `${NTHS.find((n) => n.value === on.nth)?.label.toLowerCase() ?? ''} ${
          WEEKDAYS.find((w) => w.value === on.weekday)?.label ?? ''
        }`
      : `day ${on.day}${on.day >= 29 ? ' (or the month’s last day)' : ''}`;
  const every = rule.frequency === 'monthly' ? 'Monthly' : `Quarterly from ${rule.firstMonth}`;
  return `${every}, ${day}, ${rule.startTime}–${endTime(rule.startTime, rule.durationMinutes)}`;
}

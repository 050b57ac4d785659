import { z } from 'zod';
import { createZonedClock, MINUTE_MS } from '../calendar/zoned-time';
import { addMonths } from '../ledger/months';

/**
 * When a maintenance schedule's windows happen, stored as JSON in `maintenance_schedules.rule` and read in the
 * agreement's time zone, e.g. "monthly on the second Tuesday, 18:00 for 4 hours":
 * `{"frequency":"monthly","on":{"kind":"nth_weekday","nth":2,"weekday":"TU"},"startTime":"18:00",
 *   "durationMinutes":240,"firstMonth":"2026-01"}`.
 * Quarterly means every third month counted from `firstMonth`.
 */

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const NthWeekday = z.object({
  kind: z.literal('nth_weekday'),
  nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)], {
    error: 'must be 1, 2, 3, 4 or -1 (the last one)',
  }),
  weekday: z.enum(WEEKDAYS, { error: 'must be one of MO TU WE TH FR SA SU' }),
});

const DayOfMonth = z.object({
  kind: z.literal('day_of_month'),
  /** 29–31 fall on the month's last day in shorter months. */
  day: z.number().int().min(1).max(31),
});

export const RecurrenceRuleSchema = z.object({
  frequency: z.enum(['monthly', 'quarterly']),
  on: z.discriminatedUnion('kind', [NthWeekday, DayOfMonth]),
  startTime: z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a local time "HH:MM"'),
  /** Wall-clock length: "18:00 for 240 minutes" ends at 22:00 local, whatever DST does in between. */
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(24 * 60),
  firstMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'),
});
export type RecurrenceRule = z.infer<typeof RecurrenceRuleSchema>;

export interface Occurrence {
  /** The local date the window starts on, YYYY-MM-DD. */
  localDate: string;
  startsAt: number;
  endsAt: number;
}

/**
 * The windows of a rule that start in [fromMs, toMs), oldest first, as UTC instants. Local times are
 * resolved with the zone's rules of that day: a start inside a spring-forward gap moves to the end of the
 * gap, an ambiguous autumn time takes the earlier instant (Tend's rule everywhere).
 */
export function occurrences(
  rule: RecurrenceRule,
  timeZone: string,
  fromMs: number,
  toMs: number,
): Occurrence[] {
  if (toMs <= fromMs) return [];
  const clock = createZonedClock(timeZone);
  const step = rule.frequency === 'monthly' ? 1 : 3;
  const startMinutes = Number(rule.startTime.slice(0, 2)) * 60 + Number(rule.startTime.slice(3, 5));
  // Start a step before the month of `fromMs` (UTC and local months differ by at most a day) and stop once a
  // window starts at or after `toMs`.
  const fromMonth = new Date(fromMs).toISOString().slice(0, 7);
  let month = alignToStep(rule.firstMonth, addMonths(fromMonth, -1), step);
  const found: Occurrence[] = [];
  for (;;) {
    const day = dayInMonth(rule.on, month);
    const localDate = `${month}-${String(day).padStart(2, '0')}`;
    const wallStart = Date.parse(`${localDate}T00:00:00Z`) + startMinutes * MINUTE_MS;
    const startsAt = clock.wallToInstant(wallStart);
    if (startsAt >= toMs) return found;
    if (startsAt >= fromMs) {
      const endsAt = clock.wallToInstant(wallStart + rule.durationMinutes * MINUTE_MS);
      found.push({ localDate, startsAt, endsAt });
    }
    month = addMonths(month, step);
  }
}

/** The first month of the rule's cycle on or after `month` (never before `firstMonth`). */
function alignToStep(firstMonth: string, month: string, step: number): string {
  if (month <= firstMonth) return firstMonth;
  const gap = monthIndex(month) - monthIndex(firstMonth);
  return addMonths(firstMonth, Math.ceil(gap / step) * step);
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** Day of the month (1-based) the rule falls on in `month` (YYYY-MM). */
export function dayInMonth(on: RecurrenceRule['on'], month: string): number {
  const year = Number(month.slice(0, 4));
  const monthZero = Number(month.slice(5, 7)) - 1;
  const length = new Date(Date.UTC(year, monthZero + 1, 0)).getUTCDate();
  if (on.kind === 'day_of_month') return Math.min(on.day, length);
  // getUTCDay: 0 = Sunday; WEEKDAYS index: 0 = Monday.
  const target = (WEEKDAYS.indexOf(on.weekday) + 1) % 7;
  if (on.nth === -1) {
    const lastWeekday = new Date(Date.UTC(year, monthZero, length)).getUTCDay();
    return length - ((lastWeekday - target + 7) % 7);
  }
  const firstWeekday = new Date(Date.UTC(year, monthZero, 1)).getUTCDay();
  return 1 + ((target - firstWeekday + 7) % 7) + (on.nth - 1) * 7;
}

/** "Second Tuesday of every month, 18:00 for 4 h" — for titles and the UI. */
export function describeRule(rule: RecurrenceRule): string {
  const every = rule.frequency === 'monthly' ? 'every month' : `every three months from ${rule.firstMonth}`;
  const hours = rule.durationMinutes / 60;
  const length = Number.isInteger(hours) ? `${hours} h` : `${rule.durationMinutes} min`;
  return `${describeDay(rule.on)} of ${every}, ${rule.startTime} for ${length}`;
}

const ORDINALS: Record<number, string> = { 1: 'First', 2: 'Second', 3: 'Third', 4: 'Fourth', [-1]: 'Last' };
const DAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

function describeDay(on: RecurrenceRule['on']): string {
  if (on.kind === 'nth_weekday') return `${ORDINALS[on.nth] ?? ''} ${DAY_NAMES[on.weekday]}`;
  return on.day >= 29 ? `Day ${on.day} (or the month's last day)` : `Day ${on.day}`;
}

import { createZonedClock } from '../calendar/zoned-time';
import { addMonths, datesOfMonth, isMonth, monthsBetween } from '../ledger/months';

/**
 * The month a report covers, in the client's time zone, and the instant its figures are taken at.
 * `from`/`to` are local midnights as instants ([from, to)); `cutoff` is the last instant whose events count
 * (inclusive): the month's last millisecond, or `now` while the month is still running.
 */
export interface ReportPeriod {
  month: string;
  timeZone: string;
  from: number;
  to: number;
  /** The last instant considered, inclusive: min(now, to − 1 ms). */
  cutoff: number;
  /** Whether the month is over (every figure is final). */
  complete: boolean;
  /** The month's first and last local dates, 'YYYY-MM-DD'. */
  firstDate: string;
  lastDate: string;
}

/** Local midnight of the first day of `month` as an instant (a midnight skipped by DST: the first instant after). */
export function localMonthStart(month: string, timeZone: string): number {
  if (!isMonth(month)) throw new RangeError(`month must be "YYYY-MM", got ${JSON.stringify(month)}`);
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return createZonedClock(timeZone).wallToInstant(Date.UTC(year, monthNumber - 1, 1));
}

/**
 * The report period of `month` as seen at `now`. Returns null when the month has not started yet: such a
 * month has no figures.
 */
export function reportPeriodOf(month: string, timeZone: string, now: number): ReportPeriod | null {
  const from = localMonthStart(month, timeZone);
  const to = localMonthStart(addMonths(month, 1), timeZone);
  if (now < from) return null;
  const days = datesOfMonth(month);
  return {
    month,
    timeZone,
    from,
    to,
    cutoff: Math.min(now, to - 1),
    complete: now >= to,
    firstDate: days[0] ?? `${month}-01`,
    lastDate: days.at(-1) ?? `${month}-01`,
  };
}

/** The `count` months ending with `month`, oldest first. */
export function monthsEndingWith(month: string, count: number): string[] {
  return monthsBetween(addMonths(month, 1 - count), month);
}

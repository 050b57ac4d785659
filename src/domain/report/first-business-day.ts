import { addMonths, datesOfMonth } from '../ledger/months';

/**
 * When monthly reports go out: on the first business day of a month (Monday to Friday, not a holiday of the
 * agency's calendar), for the month before. Dates are local 'YYYY-MM-DD' dates in the agency's time zone.
 */

function weekdayOf(date: string): number {
  // Noon UTC of the date: the same calendar day whatever the zone, so no clock or zone is needed.
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

export function isBusinessDay(date: string, holidays: ReadonlySet<string>): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/**
 * The first business day of a month. A month whose every weekday is a holiday (no real calendar has one)
 * falls back to its first weekday, so reports still go out.
 */
export function firstBusinessDayOfMonth(month: string, holidays: ReadonlySet<string>): string {
  const dates = datesOfMonth(month);
  return (
    dates.find((date) => isBusinessDay(date, holidays)) ??
    dates.find((date) => isBusinessDay(date, new Set())) ??
    dates[0]!
  );
}

export function isFirstBusinessDay(date: string, holidays: ReadonlySet<string>): boolean {
  return firstBusinessDayOfMonth(date.slice(0, 7), holidays) === date;
}

/**
 * The month whose reports are due on a local date: the previous month, from the first business day of the
 * date's month on (a worker that was down that day catches up on the next), or null before it.
 */
export function reportMonthDueOn(date: string, holidays: ReadonlySet<string>): string | null {
  const month = date.slice(0, 7);
  return date >= firstBusinessDayOfMonth(month, holidays) ? addMonths(month, -1) : null;
}

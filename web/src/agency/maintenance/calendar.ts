import type { MaintenanceWindow } from '../../api/types';
import { addMonths, daysInMonth, localDateIn } from '../clients/months';

const DAY_MS = 86_400_000;

/**
 * The instants to ask the API for a month's windows. Each window belongs to the day it starts on in its own
 * zone, which may be up to 14 hours from UTC, so the range reaches two days beyond the month on each side.
 */
export function monthRange(month: string): { from: string; to: string } {
  const start = Date.parse(`${month}-01T00:00:00Z`);
  const end = Date.parse(`${addMonths(month, 1)}-01T00:00:00Z`);
  return { from: new Date(start - 2 * DAY_MS).toISOString(), to: new Date(end + 2 * DAY_MS).toISOString() };
}

/** The local date a window starts on, in the zone it was set in. */
export function windowDate(window: Pick<MaintenanceWindow, 'startsAt' | 'timeZone'>): string {
  return localDateIn(window.timeZone, Date.parse(window.startsAt));
}

/** The month's windows by local start date, each day's in start order. */
export function windowsByDay(windows: readonly MaintenanceWindow[], month: string) {
  const days = new Map<string, MaintenanceWindow[]>();
  for (const window of windows) {
    const date = windowDate(window);
    if (!date.startsWith(`${month}-`)) continue;
    days.set(date, [...(days.get(date) ?? []), window]);
  }
  for (const list of days.values()) list.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return days;
}

/** The weeks (Monday first) covering the month; days outside it are null. */
export function monthWeeks(month: string): (string | null)[][] {
  const length = daysInMonth(month);
  // getUTCDay: 0 = Sunday; the grid starts on Monday.
  const lead = (new Date(`${month}-01T00:00:00Z`).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

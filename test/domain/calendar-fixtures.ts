import type { CalendarSpecInput } from '../../src/domain/calendar/calendar-spec';

type Span = [string, string];
type Weekly = CalendarSpecInput['weekly'];

/** The same spans every day of the week. */
export function everyDay(...spans: Span[]): Weekly {
  return { mon: spans, tue: spans, wed: spans, thu: spans, fri: spans, sat: spans, sun: spans };
}

/** The same spans Monday to Friday, closed at weekends. */
export function weekdays(...spans: Span[]): Weekly {
  return { mon: spans, tue: spans, wed: spans, thu: spans, fri: spans, sat: [], sun: [] };
}

/** Berlin office, Mon–Fri 09:00–17:00, with Easter and Christmas 2026 holidays. */
export const berlinOffice: CalendarSpecInput = {
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  weekly: weekdays(['09:00', '17:00']),
  holidays: [
    { date: '2026-04-03', name: 'Karfreitag' },
    { date: '2026-04-06', name: 'Ostermontag' },
    { date: '2026-12-25', name: '1. Weihnachtstag' },
    '2026-12-26',
    '2027-01-01',
  ],
};

/** Berlin office with a lunch break. */
export const berlinSplit: CalendarSpecInput = {
  ...berlinOffice,
  name: 'Berlin split',
  weekly: weekdays(['09:00', '12:00'], ['13:00', '17:00']),
};

/** Epoch ms of an ISO-8601 instant (test input only). */
export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${iso}`);
  return ms;
};

export const iso = (ms: number): string => new Date(ms).toISOString();

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

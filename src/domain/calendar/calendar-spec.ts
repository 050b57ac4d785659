import { z } from 'zod';

/**
 * The calendar JSON shared by the API, the CLI and the database:
 * `{"name", "timeZone", "weekly": {"mon": [["09:00","17:00"]], ..., "sun": []}, "holidays": [...]}`.
 * Validation messages name the offending field through their path (e.g. `weekly.mon.1`).
 */

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

const TIME_PATTERN = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since local midnight for a validated "HH:MM" ("24:00" → 1440). */
export function parseTimeOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30, which Date would roll over). */
export function isValidIsoDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Intl is the source of truth for zone names: whatever it accepts, the engine can convert. */
function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Error text for a wrong type: "is required" when absent, otherwise what was expected. */
function describeMissing(expected: string): (issue: { input: unknown }) => string {
  return (issue) => (issue.input === undefined ? `is required (${expected})` : `must be ${expected}`);
}

const timeOfDay = z.string({ error: 'time must be a string "HH:MM"' }).regex(TIME_PATTERN, {
  error: (issue) => `time must be "HH:MM" between 00:00 and 24:00, got ${JSON.stringify(issue.input)}`,
});

const span = z.tuple([timeOfDay, timeOfDay], {
  error: 'span must be a pair of times like ["09:00", "17:00"]',
});

/** Checks order inside each span and between neighbours; issues point at the span's index. */
function checkDaySpans(spans: readonly (readonly [string, string])[], ctx: z.RefinementCtx): void {
  let previous: readonly [string, string] | undefined;
  spans.forEach((current, index) => {
    const [start, end] = current;
    const label = `span ${start}–${end}`;
    if (start === end) {
      ctx.addIssue({
        code: 'custom',
        path: [index],
        message: `${label} is empty (start must be before end)`,
      });
    } else if (parseTimeOfDay(end) < parseTimeOfDay(start)) {
      ctx.addIssue({ code: 'custom', path: [index], message: `${label} ends before it starts` });
    } else if (previous && parseTimeOfDay(start) < parseTimeOfDay(previous[0])) {
      const message = `${label} starts before the previous span ${previous[0]}–${previous[1]} (spans must be sorted)`;
      ctx.addIssue({ code: 'custom', path: [index], message });
    } else if (previous && parseTimeOfDay(start) < parseTimeOfDay(previous[1])) {
      const message = `${label} overlaps the previous span ${previous[0]}–${previous[1]}`;
      ctx.addIssue({ code: 'custom', path: [index], message });
    }
    previous = current;
  });
}

const daySpans = z
  .array(span, {
    error: (issue) =>
      issue.input === undefined
        ? 'is required: a list of spans, [] when closed'
        : 'must be a list of spans, e.g. [["09:00", "17:00"]] or [] when closed',
  })
  .superRefine(checkDaySpans);

const weekly = z.strictObject(
  Object.fromEntries(WEEKDAY_KEYS.map((key) => [key, daySpans])) as Record<WeekdayKey, typeof daySpans>,
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? undefined : describeMissing('an object with keys mon..sun')(issue),
  },
);

const holidayDate = z.string({ error: 'holiday date must be a string "YYYY-MM-DD"' }).refine(isValidIsoDate, {
  error: (issue) => `not a valid date "YYYY-MM-DD": ${JSON.stringify(issue.input)}`,
});

const holiday = z.union(
  [holidayDate, z.strictObject({ date: holidayDate, name: z.string().trim().min(1).optional() })],
  { error: 'holiday must be "YYYY-MM-DD" or {"date": "YYYY-MM-DD", "name": "..."}' },
);

export const CalendarSpec = z
  .strictObject(
    {
      name: z
        .string({ error: describeMissing('a string') })
        .trim()
        .min(1, { error: 'must not be empty' }),
      timeZone: z
        .string({ error: describeMissing('an IANA time zone name like "Europe/Berlin"') })
        .refine(isKnownTimeZone, {
          error: (issue) => `unknown IANA time zone ${JSON.stringify(issue.input)}`,
        }),
      weekly,
      holidays: z.array(holiday, { error: 'must be a list of dates' }).optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'calendar must be a JSON object') },
  )
  .superRefine((spec, ctx) => {
    // A calendar that is never open would make every deadline search run to its horizon.
    if (WEEKDAY_KEYS.every((key) => spec.weekly[key].length === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['weekly'],
        message: 'calendar must have at least one open span per week',
      });
    }
  });

export type CalendarSpecInput = z.infer<typeof CalendarSpec>;

export interface Holiday {
  date: string;
  name?: string;
}

/** Holidays as objects, in the order given (string entries get no name). */
export function normalizeHolidays(spec: Pick<CalendarSpecInput, 'holidays'>): Holiday[] {
  return (spec.holidays ?? []).map((entry) =>
    typeof entry === 'string'
      ? { date: entry }
      : entry.name
        ? { date: entry.date, name: entry.name }
        : { date: entry.date },
  );
}

/** One line per problem, `path: message` (e.g. `weekly.mon.1: span 13:00–12:00 ends before it starts`). */
export function formatCalendarIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

import { compileCalendar } from '../domain/calendar/business-calendar';
import type { BusinessCalendar, Interval } from '../domain/calendar/business-calendar.types';
import { CalendarSpec, formatCalendarIssues, isValidIsoDate } from '../domain/calendar/calendar-spec';

export interface SlaDueOptions {
  /** The calendar file's text (the calendar JSON format). */
  calendarJson: string;
  /** JSON lines as a byte/text stream, e.g. process.stdin; chunks need not be line-aligned. */
  input: NodeJS.ReadableStream | AsyncIterable<string>;
  write: (line: string) => void;
  writeError: (line: string) => void;
}

const EXIT_OK = 0;
const EXIT_BAD_LINES = 1;
const EXIT_BAD_CALENDAR = 2;
const INSTANT_EXAMPLE = '"2026-03-02T09:00:00+01:00"';

/**
 * `tend sla due --calendar FILE`: reads `{"start", "minutes", "pauses"?}` lines and writes `{"due"}` lines in
 * the same order. A bad line gets an `{"error"}` line in its place and a message with its line number on the
 * error stream, and the run goes on (exit 1);
 * an invalid calendar stops before reading any input (exit 2).
 */
export async function runSlaDue(opts: SlaDueOptions): Promise<number> {
  const calendar = loadCalendar(opts.calendarJson, opts.writeError);
  if (!calendar) return EXIT_BAD_CALENDAR;
  let failed = false;
  let lineNumber = 0;
  for await (const line of readLines(opts.input)) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const result = computeDueLine(calendar, line);
    if (typeof result === 'string') {
      opts.write(JSON.stringify({ due: result }));
    } else {
      const message = `line ${lineNumber}: ${result.problems.join('; ')}`;
      // An error line keeps the output aligned with the input, so a caller can zip the two.
      opts.write(JSON.stringify({ error: message }));
      opts.writeError(message);
      failed = true;
    }
  }
  return failed ? EXIT_BAD_LINES : EXIT_OK;
}

function loadCalendar(
  calendarJson: string,
  writeError: (line: string) => void,
): BusinessCalendar | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(calendarJson);
  } catch (error) {
    writeError(`calendar: invalid JSON: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = CalendarSpec.safeParse(raw);
  if (!parsed.success) {
    writeError('calendar: invalid calendar:');
    for (const problem of formatCalendarIssues(parsed.error)) writeError(`  ${problem}`);
    return undefined;
  }
  return compileCalendar(parsed.data);
}

/** Splits a chunked stream into lines without buffering more than the current partial line. */
async function* readLines(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder(); // streaming mode keeps multi-byte characters split across chunks intact
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let lineStart = 0;
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n', lineStart)) {
      yield pending.slice(lineStart, newline).replace(/\r$/, '');
      lineStart = newline + 1;
    }
    pending = pending.slice(lineStart);
  }
  pending += decoder.decode();
  if (pending !== '') yield pending.replace(/\r$/, '');
}

/** The due instant as ISO text, or every problem found on the line. */
function computeDueLine(calendar: BusinessCalendar, line: string): string | { problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { problems: [`invalid JSON: ${(error as Error).message}`] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problems: ['must be a JSON object like {"start": ' + INSTANT_EXAMPLE + ', "minutes": 60}'] };
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  const start = readInstant(record.start, '"start"', problems);
  const minutes = readMinutes(record.minutes, problems);
  const pauses = readPauses(record.pauses, problems);
  if (problems.length > 0 || start === undefined || minutes === undefined) return { problems };
  try {
    return new Date(calendar.addBusinessMinutes(start, minutes, pauses)).toISOString();
  } catch (error) {
    return { problems: [`cannot compute a deadline: ${(error as Error).message}`] };
  }
}

function readMinutes(value: unknown, problems: string[]): number | undefined {
  if (value === undefined) problems.push('"minutes" is required (a non-negative number)');
  else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    problems.push('"minutes" must be a non-negative number');
  } else return value;
  return undefined;
}

function readPauses(value: unknown, problems: string[]): Interval[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push('"pauses" must be a list of [start, end] pairs of ISO-8601 instants');
    return [];
  }
  const pauses: Interval[] = [];
  value.forEach((pair: unknown, index) => {
    const label = `"pauses[${index}]"`;
    if (!Array.isArray(pair) || pair.length !== 2) {
      problems.push(`${label} must be a pair [start, end] of ISO-8601 instants`);
      return;
    }
    const start = readInstant(pair[0], `"pauses[${index}][0]"`, problems);
    const end = readInstant(pair[1], `"pauses[${index}][1]"`, problems);
    if (start === undefined || end === undefined) return;
    if (end < start) problems.push(`${label} ends before it starts`);
    else pauses.push([start, end]);
  });
  return pauses;
}

function readInstant(value: unknown, label: string, problems: string[]): number | undefined {
  if (value === undefined) {
    problems.push(`${label} is required (an ISO-8601 instant with offset, e.g. ${INSTANT_EXAMPLE})`);
    return undefined;
  }
  const instant = typeof value === 'string' ? parseIsoInstant(value) : undefined;
  if (instant === undefined) {
    const shown = JSON.stringify(value);
    problems.push(`${label} must be an ISO-8601 instant with offset (e.g. ${INSTANT_EXAMPLE}), got ${shown}`);
  }
  return instant;
}

const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Strict ISO-8601 / RFC 3339 instant with an explicit offset. Date.parse is not used: it silently rolls
 * over impossible dates (2026-02-30 → 2026-03-02) and a missing offset would mean "server local time".
 */
export function parseIsoInstant(text: string): number | undefined {
  const match = ISO_INSTANT.exec(text);
  if (!match) return undefined;
  const [, date, hh, mm, ss = '0', fraction = '', zulu, sign, offH = '0', offM = '0'] = match;
  const [hour, minute, second] = [Number(hh), Number(mm), Number(ss)];
  const offsetMinutes = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM));
  if (!date || !isValidIsoDate(date) || hour > 23 || minute > 59 || second > 59) return undefined;
  if (Number(offH) > 23 || Number(offM) > 59) return undefined;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const wallMs = Date.parse(`${date}T00:00:00Z`) + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return wallMs - offsetMinutes * 60_000;
}

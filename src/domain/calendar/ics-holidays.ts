import ICAL from 'ical.js';
import type { Holiday } from './calendar-spec';

type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalEvent = InstanceType<typeof ICAL.Event>;

export interface IcsImportOptions {
  /** Recurring events (RRULE) are expanded up to and including this date. Default "2100-12-31". */
  until?: string;
}

/** Stops a runaway rule (e.g. FREQ=DAILY without end) from producing an unbounded list. */
const MAX_OCCURRENCES_PER_EVENT = 1000;
const DAY_MS = 86_400_000;

/**
 * Holidays from an iCalendar feed: every VEVENT contributes the local dates it covers (all-day events:
 * DTSTART up to the exclusive DTEND; timed events: the dates they touch as written). SUMMARY becomes the
 * name; cancelled events are skipped. Returns unique dates in ascending order.
 */
export function parseIcsHolidays(icsText: string, options: IcsImportOptions = {}): Holiday[] {
  const calendar = parseCalendarComponent(icsText);
  const until = options.until ?? '2100-12-31';
  const byDate = new Map<string, Holiday>();
  for (const component of calendar.getAllSubcomponents('vevent')) {
    if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
    const event = new ICAL.Event(component);
    if (!component.hasProperty('dtstart')) continue; // an event without a date names no holiday
    const name = event.summary ? String(event.summary).trim() : '';
    for (const date of listEventDates(event, until)) addHoliday(byDate, date, name);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

function parseCalendarComponent(rawText: string): InstanceType<typeof ICAL.Component> {
  const icsText = rawText.replace(/^\uFEFF/, ''); // feeds exported from Windows tools often carry a BOM
  if (!/^\s*BEGIN:VCALENDAR\b/i.test(icsText)) {
    throw new Error('not an iCalendar feed: it must start with "BEGIN:VCALENDAR"');
  }
  let jcal: unknown;
  try {
    jcal = ICAL.parse(icsText);
  } catch (error) {
    throw new Error(`invalid iCalendar feed: ${(error as Error).message}`);
  }
  // Several concatenated VCALENDARs parse to a list; the first one is what a holiday feed contains.
  const first = (Array.isArray(jcal) && Array.isArray(jcal[0]) ? jcal[0] : jcal) as unknown[];
  const component = new ICAL.Component(first);
  if (component.name !== 'vcalendar') throw new Error('not an iCalendar feed: no VCALENDAR component');
  return component;
}

/** Two events on one date (e.g. two regional feeds) keep both names. */
function addHoliday(byDate: Map<string, Holiday>, date: string, name: string): void {
  const existing = byDate.get(date);
  if (!existing) {
    byDate.set(date, name ? { date, name } : { date });
  } else if (name && existing.name !== name && !existing.name?.split(' / ').includes(name)) {
    existing.name = existing.name ? `${existing.name} / ${name}` : name;
  }
}

function listEventDates(event: IcalEvent, until: string): string[] {
  const hasEnd = event.component.hasProperty('dtend') || event.component.hasProperty('duration');
  if (!event.isRecurring()) {
    return hasEnd ? listCoveredDates(event.startDate, event.endDate) : [formatLocalDate(event.startDate)];
  }
  const duration = event.duration;
  return listOccurrences(event, until).flatMap((occurrence) => {
    if (!hasEnd) return [formatLocalDate(occurrence)];
    const end = occurrence.clone();
    end.addDuration(duration);
    return listCoveredDates(occurrence, end);
  });
}

function listOccurrences(event: IcalEvent, until: string): IcalTime[] {
  const iterator = event.iterator();
  const occurrences: IcalTime[] = [];
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (formatLocalDate(next) > until || occurrences.length >= MAX_OCCURRENCES_PER_EVENT) break;
    occurrences.push(next.clone());
  }
  return occurrences;
}

/** Dates from start up to end (exclusive when end is at local midnight); at least the start date. */
function listCoveredDates(start: IcalTime, end: IcalTime): string[] {
  const first = toDayIndex(start);
  const endsAtMidnight = end.isDate || (end.hour === 0 && end.minute === 0 && end.second === 0);
  const last = Math.max(first, toDayIndex(end) - (endsAtMidnight ? 1 : 0));
  const dates: string[] = [];
  for (let day = first; day <= last; day += 1) dates.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
  return dates;
}

/** Day number of the date as written in the feed; Date.UTC also normalises overflowing fields. */
function toDayIndex(time: IcalTime): number {
  return Date.UTC(time.year, time.month - 1, time.day) / DAY_MS;
}

function formatLocalDate(time: IcalTime): string {
  return new Date(toDayIndex(time) * DAY_MS).toISOString().slice(0, 10);
}

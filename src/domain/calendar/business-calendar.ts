import type { BusinessCalendar, Interval } from './business-calendar.types';
import { WEEKDAY_KEYS, normalizeHolidays, parseTimeOfDay, type CalendarSpecInput } from './calendar-spec';
import { OpenIntervalTimeline, type DayMaterializer } from './open-interval-timeline';
import {
  addAcrossPauses,
  assertInstant,
  computeDurationMs,
  msBetweenExceptPauses,
  type PlainBusinessClock,
} from './pauses';
import { DAY_MS, MINUTE_MS, createZonedClock } from './zoned-time';

/** Forward searches give up after ~10 years: a deadline further out means a misconfigured calendar. */
const HORIZON_DAYS = 3653;
const NO_INSTANTS: readonly number[] = [];

/**
 * Compiles a validated calendar spec (see CalendarSpec) into a calendar answering queries from a cache of
 * open intervals in UTC. The cache grows lazily per local day; no query does any Intl work once its days
 * are cached, which is what makes deadline computation cheap.
 */
export function compileCalendar(spec: CalendarSpecInput): BusinessCalendar {
  const zone = createZonedClock(spec.timeZone);
  const timeline = new OpenIntervalTimeline(createDayMaterializer(spec, zone.resolveDay));
  const describe = (atMs: number) => `${new Date(atMs).toISOString()} (calendar "${spec.name}")`;
  const horizonOf = (atMs: number) => Math.floor(atMs / DAY_MS) + HORIZON_DAYS;

  const firstOpenIndex = (atMs: number): number => {
    let index = timeline.indexOfFirstEndAfter(atMs);
    while (index === timeline.count) {
      timeline.extendForward(horizonOf(atMs), () => describe(atMs));
      index = timeline.indexOfFirstEndAfter(atMs);
    }
    return index;
  };

  const clock: PlainBusinessClock = {
    firstOpenAtOrAfter(atMs) {
      timeline.prepare(atMs, atMs);
      const index = firstOpenIndex(atMs);
      return Math.max(atMs, timeline.starts[index]!);
    },
    addWithoutPauses(startMs, durationMs) {
      timeline.prepare(startMs, startMs);
      const target = timeline.totalAt(startMs) + durationMs;
      while (timeline.lastTotal < target) timeline.extendForward(horizonOf(startMs), () => describe(startMs));
      // The first interval whose total reaches the target holds the deadline; reaching it exactly at the
      // interval's end yields the closing time, not the next opening.
      const index = timeline.indexOfFirstTotalReaching(target);
      return timeline.starts[index]! + (target - timeline.cumStarts[index]!);
    },
    msBetween(fromMs, toMs) {
      timeline.prepare(fromMs, toMs);
      return timeline.totalAt(toMs) - timeline.totalAt(fromMs);
    },
  };

  return {
    name: spec.name,
    timeZone: spec.timeZone,
    isOpen(atMs) {
      assertInstant('instant', atMs);
      timeline.prepare(atMs, atMs);
      const index = timeline.indexOfFirstEndAfter(atMs);
      return index < timeline.count && timeline.starts[index]! <= atMs;
    },
    addBusinessMinutes: (startMs, minutes, pauses) => addMinutes(clock, startMs, minutes, pauses),
    businessMsBetween: (fromMs, toMs, pauses) => measureBetween(clock, fromMs, toMs, pauses),
    endOfBusinessDay(atMs) {
      assertInstant('instant', atMs);
      timeline.prepare(atMs, atMs);
      const first = firstOpenIndex(atMs);
      // The whole local day of that interval is cached (days are materialised whole), so scan its spans.
      const day = timeline.days[first]!;
      let last = first;
      while (last + 1 < timeline.count && timeline.days[last + 1] === day) last += 1;
      return timeline.ends[last]!;
    },
  };
}

/** A calendar open around the clock in UTC; every query is plain arithmetic (minus pauses). */
export function alwaysOpenCalendar(): BusinessCalendar {
  const clock: PlainBusinessClock = {
    firstOpenAtOrAfter: (atMs) => atMs,
    addWithoutPauses: (startMs, durationMs) => startMs + durationMs,
    msBetween: (fromMs, toMs) => toMs - fromMs,
  };
  return {
    name: '24x7',
    timeZone: 'UTC',
    isOpen(atMs) {
      assertInstant('instant', atMs);
      return true;
    },
    addBusinessMinutes: (startMs, minutes, pauses) => addMinutes(clock, startMs, minutes, pauses),
    businessMsBetween: (fromMs, toMs, pauses) => measureBetween(clock, fromMs, toMs, pauses),
    // Every UTC date is one business day closing at the next midnight, like a ["00:00","24:00"] UTC calendar.
    endOfBusinessDay(atMs) {
      assertInstant('instant', atMs);
      return (Math.floor(atMs / DAY_MS) + 1) * DAY_MS;
    },
  };
}

function addMinutes(
  clock: PlainBusinessClock,
  startMs: number,
  minutes: number,
  pauses?: readonly Interval[],
) {
  assertInstant('start', startMs);
  const durationMs = computeDurationMs(minutes);
  if (pauses && pauses.length > 0) return addAcrossPauses(clock, startMs, durationMs, pauses);
  return durationMs === 0 ? clock.firstOpenAtOrAfter(startMs) : clock.addWithoutPauses(startMs, durationMs);
}

function measureBetween(
  clock: PlainBusinessClock,
  fromMs: number,
  toMs: number,
  pauses?: readonly Interval[],
) {
  assertInstant('from', fromMs);
  assertInstant('to', toMs);
  if (toMs <= fromMs) return 0;
  if (pauses && pauses.length > 0) return msBetweenExceptPauses(clock, fromMs, toMs, pauses);
  return clock.msBetween(fromMs, toMs);
}

/** Turns the weekly spans and holidays into per-day UTC instants (holidays have no spans). */
function createDayMaterializer(
  spec: CalendarSpecInput,
  resolveDay: (dayWallMs: number, wallTimes: readonly number[]) => number[],
): DayMaterializer {
  const holidayDays = new Set(
    normalizeHolidays(spec).map(({ date }) => Date.parse(`${date}T00:00:00Z`) / DAY_MS),
  );
  // Indexed like Date#getUTCDay (0 = Sunday); values are ms after local midnight, start/end pairs.
  const offsetsByWeekday = [6, 0, 1, 2, 3, 4, 5].map((keyIndex) =>
    spec.weekly[WEEKDAY_KEYS[keyIndex]!].flatMap(([start, end]) => [
      parseTimeOfDay(start) * MINUTE_MS,
      parseTimeOfDay(end) * MINUTE_MS,
    ]),
  );
  return (day) => {
    const offsets = offsetsByWeekday[(((day + 4) % 7) + 7) % 7]!;
    if (offsets.length === 0 || holidayDays.has(day)) return NO_INSTANTS;
    const dayWallMs = day * DAY_MS;
    return resolveDay(
      dayWallMs,
      offsets.map((offset) => dayWallMs + offset),
    );
  };
}

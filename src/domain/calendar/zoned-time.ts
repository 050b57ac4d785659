/**
 * Local wall time ↔ UTC for one IANA zone, using only Intl. "Wall ms" means the local date-time written as
 * if it were UTC (Date.UTC of the local fields), which lets day arithmetic stay plain integer maths.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface ZonedClock {
  /** Offset (local − UTC) in ms in effect at the instant. */
  offsetAt: (instantMs: number) => number;
  /**
   * The instant for a local wall time. A wall time inside a spring-forward gap resolves to the first
   * instant after the gap (the transition); an ambiguous autumn wall time resolves to the earlier instant.
   */
  wallToInstant: (wallMs: number) => number;
  /** Resolves several wall times of one local day (sorted ascending); cheap when the day has no transition. */
  resolveDay: (dayWallMs: number, wallTimes: readonly number[]) => number[];
}

export function createZonedClock(timeZone: string): ZonedClock {
  // One formatter per zone: constructing Intl.DateTimeFormat costs far more than formatting.
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

  const offsetAt = (instantMs: number): number => {
    const wholeSecond = Math.floor(instantMs / 1000) * 1000;
    return readWallMs(formatter, wholeSecond) - wholeSecond;
  };

  const wallToInstant = (wallMs: number): number => {
    // Offsets never exceed ±1 day, so the offsets a day either side bracket every candidate instant.
    const before = offsetAt(wallMs - DAY_MS);
    const after = offsetAt(wallMs + DAY_MS);
    if (before === after) return wallMs - before;
    return resolveNearTransition(offsetAt, wallMs, before, after);
  };

  const resolveDay = (dayWallMs: number, wallTimes: readonly number[]): number[] => {
    const before = offsetAt(dayWallMs - DAY_MS);
    const after = offsetAt(dayWallMs + 2 * DAY_MS);
    if (before === after) return wallTimes.map((wall) => wall - before);
    return wallTimes.map(wallToInstant);
  };

  return { offsetAt, wallToInstant, resolveDay };
}

function readWallMs(formatter: Intl.DateTimeFormat, instantMs: number): number {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatter.formatToParts(instantMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
}

/** Applies the gap/ambiguity rules when the offset changes within a day of the wall time. */
function resolveNearTransition(
  offsetAt: (instantMs: number) => number,
  wallMs: number,
  before: number,
  after: number,
): number {
  const withBefore = wallMs - before;
  const withAfter = wallMs - after;
  const beforeFits = offsetAt(withBefore) === before;
  const afterFits = offsetAt(withAfter) === after;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
  if (beforeFits) return withBefore;
  if (afterFits) return withAfter;
  return findTransition(offsetAt, Math.min(withBefore, withAfter), Math.max(withBefore, withAfter), after);
}

/** Binary search for the first instant in (lowMs, highMs] whose offset is already `after`. */
function findTransition(
  offsetAt: (instantMs: number) => number,
  lowMs: number,
  highMs: number,
  after: number,
): number {
  let low = lowMs;
  let high = highMs;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle) === after) high = middle;
    else low = middle;
  }
  return high;
}

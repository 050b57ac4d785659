import type { Interval } from './business-calendar.types';

/** The pause-free operations a calendar provides; pause handling is built on top of them. */
export interface PlainBusinessClock {
  /** First open instant at or after the instant. */
  firstOpenAtOrAfter(atMs: number): number;
  /** Earliest instant by which `durationMs` (> 0) business ms have elapsed since the instant. */
  addWithoutPauses(startMs: number, durationMs: number): number;
  /** Business ms inside [fromMs, toMs), fromMs <= toMs. */
  msBetween(fromMs: number, toMs: number): number;
}

/** Instants accepted by the engine (years 1000–9000): keeps Intl and Date arithmetic well inside range. */
const MIN_INSTANT_MS = Date.UTC(1000, 0, 1);
const MAX_INSTANT_MS = Date.UTC(9000, 0, 1);

export function assertInstant(label: string, value: number): void {
  if (!Number.isFinite(value) || value < MIN_INSTANT_MS || value > MAX_INSTANT_MS) {
    throw new RangeError(`${label} must be an epoch-ms instant between years 1000 and 9000, got ${value}`);
  }
}

/** Minutes → whole ms; rounding keeps fractional minutes (0.1 → 6000 ms) free of float noise. */
export function computeDurationMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite non-negative number, got ${minutes}`);
  }
  return Math.round(minutes * 60_000);
}

/** Sorted, non-overlapping, non-empty pauses; touching pauses are joined. */
export function mergePauses(pauses: readonly Interval[]): Interval[] {
  const valid = pauses.filter(([start, end]) => {
    assertInstant('pause start', start);
    assertInstant('pause end', end);
    return end > start;
  });
  valid.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of valid) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Walks the gaps between pauses: each gap contributes its business time until the remainder fits.
 * With duration 0 the answer is the first open instant that is not paused.
 */
export function addAcrossPauses(
  clock: PlainBusinessClock,
  startMs: number,
  durationMs: number,
  pauses: readonly Interval[],
): number {
  let cursor = startMs;
  let remaining = durationMs;
  for (const [pauseStart, pauseEnd] of mergePauses(pauses)) {
    if (pauseEnd <= cursor) continue;
    if (pauseStart > cursor) {
      if (remaining === 0) {
        const open = clock.firstOpenAtOrAfter(cursor);
        if (open < pauseStart) return open;
      } else {
        const available = clock.msBetween(cursor, pauseStart);
        if (available >= remaining) return clock.addWithoutPauses(cursor, remaining);
        remaining -= available;
      }
    }
    cursor = pauseEnd;
  }
  return remaining === 0 ? clock.firstOpenAtOrAfter(cursor) : clock.addWithoutPauses(cursor, remaining);
}

/** Business ms in [fromMs, toMs) minus the business ms inside the (merged) pauses. */
export function msBetweenExceptPauses(
  clock: PlainBusinessClock,
  fromMs: number,
  toMs: number,
  pauses: readonly Interval[],
): number {
  if (toMs <= fromMs) return 0;
  let total = clock.msBetween(fromMs, toMs);
  for (const [pauseStart, pauseEnd] of mergePauses(pauses)) {
    const start = Math.max(pauseStart, fromMs);
    const end = Math.min(pauseEnd, toMs);
    if (end > start) total -= clock.msBetween(start, end);
  }
  return total;
}

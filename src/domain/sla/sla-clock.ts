import type { BusinessCalendar, Interval } from '../calendar/business-calendar.types';
import type { SlaTarget } from './sla-policy';

/** Mechanical state of a clock, independent of its verdict (met/breached). */
export type ClockPhase = 'running' | 'paused' | 'stopped';
export type ClockName = 'response' | 'resolution';

export interface SlaClock {
  target: SlaTarget;
  /**
   * Minutes of the target on the clock's calendar (business or 24×7), rounded to 0.1; null while a
   * maintenance-window target waits for the item to be planned into a window.
   */
  targetMinutes: number | null;
  /**
   * Current deadline, after pauses and re-targets. For a paused clock: the due if the pause ended now.
   * Null while the target is not fixed yet (a maintenance-window target before planning): nothing is due.
   */
  dueAt: number | null;
  status: 'running' | 'paused' | 'met' | 'breached';
  /** Whether the clock is currently running, paused or stopped (a breached clock may still run). */
  phase: ClockPhase;
  stoppedAt: number | null;
  breachedAt: number | null;
  /** Minutes (clock calendar) spent paused, rounded to 0.1. */
  pausedMinutes: number;
  /** Minutes (clock calendar) counted from creation to the stop or now, rounded to 0.1. */
  elapsedMinutes: number;
  /** Unrounded elapsed / target, rounded to 4 decimals; may exceed 1. */
  usedFraction: number;
}

/**
 * How a target is measured: on which calendar, and how many ms of its time it grants. `targetMs` is
 * Infinity for a target that is not fixed yet (a maintenance window not planned): such a clock runs, counts
 * elapsed time, and can neither be due nor breach.
 */
export interface ResolvedTarget {
  calendar: BusinessCalendar;
  targetMs: number;
}

/** Mutable state of one clock during the walk over a ticket's history. */
export interface ClockState {
  readonly name: ClockName;
  readonly createdAt: number;
  target: SlaTarget;
  calendar: BusinessCalendar;
  targetMs: number;
  phase: ClockPhase;
  /** Start of the current paused or stopped stretch; null while running. */
  since: number | null;
  stoppedAt: number | null;
  breachedAt: number | null;
  /** Closed pauses, in order. Stretches spent stopped become pauses when the clock is reopened. */
  readonly pauses: Interval[];
  /** Cached deadline for the closed pauses; null when it must be recomputed. */
  due: number | null;
}

const MINUTE_MS = 60_000;

export function openClock(
  name: ClockName,
  createdAt: number,
  target: SlaTarget,
  resolved: ResolvedTarget,
): ClockState {
  return {
    name,
    createdAt,
    target,
    calendar: resolved.calendar,
    targetMs: resolved.targetMs,
    phase: 'running',
    since: null,
    stoppedAt: null,
    breachedAt: null,
    pauses: [],
    due: null,
  };
}

/** Pauses including the open one (cut at `until`) when the clock is paused. */
function pausesUntil(clock: ClockState, until: number): readonly Interval[] {
  if (clock.phase !== 'paused' || clock.since === null || clock.since >= until) return clock.pauses;
  return [...clock.pauses, [clock.since, until]];
}

function computeDue(clock: ClockState, pauses: readonly Interval[]): number {
  if (clock.targetMs === Infinity) return Infinity;
  return clock.calendar.addBusinessMinutes(clock.createdAt, clock.targetMs / MINUTE_MS, pauses);
}

/** The deadline given the closed pauses (what a running clock is heading for). */
export function currentDue(clock: ClockState): number {
  clock.due ??= computeDue(clock, clock.pauses);
  return clock.due;
}

/**
 * Checks the stretch [from, to) during which no event happened. A running clock whose due lies before `to`
 * was running past its deadline: breached at the due, but never before `from` — when a re-target or a resume
 * at `from` put the due in the past, the breach happened at `from` (never back-dated).
 * Returns the breach instant when this stretch caused it.
 */
export function checkBreach(clock: ClockState, from: number, to: number): number | null {
  if (clock.phase !== 'running' || clock.breachedAt !== null) return null;
  const due = currentDue(clock);
  if (due >= to) return null;
  clock.breachedAt = Math.max(due, from);
  return clock.breachedAt;
}

/**
 * Moves the clock to `next` at instant `at`. Leaving a paused or stopped stretch turns it into a pause, so
 * time spent waiting on the client or resolved (before a reopen) is never counted. Returns false when the
 * phase did not change.
 */
export function setPhase(clock: ClockState, next: ClockPhase, at: number): boolean {
  if (clock.phase === next) return false;
  if (clock.since !== null && clock.since < at) clock.pauses.push([clock.since, at]);
  clock.since = next === 'running' ? null : at;
  clock.stoppedAt = next === 'stopped' ? at : null;
  clock.phase = next;
  clock.due = null;
  return true;
}

/**
 * Re-targets from creation: the time already elapsed counts against the new target. A paused clock whose
 * elapsed time already exceeds the new target is breached at the change instant (it cannot be met any
 * more); a running one is checked by the next `checkBreach`, which yields the same instant.
 * Returns the breach instant when the re-target caused one.
 */
export function retarget(
  clock: ClockState,
  target: SlaTarget,
  resolved: ResolvedTarget,
  at: number,
): number | null {
  clock.target = target;
  clock.calendar = resolved.calendar;
  clock.targetMs = resolved.targetMs;
  clock.due = null;
  if (clock.phase !== 'paused' || clock.breachedAt !== null) return null;
  const elapsed = clock.calendar.businessMsBetween(clock.createdAt, at, pausesUntil(clock, at));
  if (elapsed <= clock.targetMs) return null;
  clock.breachedAt = at;
  return at;
}

const roundTo = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** The public view of a clock at `asOf` (after the final `checkBreach`). */
export function snapshotClock(clock: ClockState, asOf: number): SlaClock {
  const pauses = pausesUntil(clock, asOf);
  const end = clock.stoppedAt ?? asOf;
  const elapsedMs = clock.calendar.businessMsBetween(clock.createdAt, end, pauses);
  const pausedMs = clock.calendar.businessMsBetween(clock.createdAt, end) - elapsedMs;
  const due = pauses === clock.pauses ? currentDue(clock) : computeDue(clock, pauses);
  const fixed = Number.isFinite(clock.targetMs);
  return {
    target: clock.target,
    targetMinutes: fixed ? roundTo(clock.targetMs / MINUTE_MS, 1) : null,
    dueAt: Number.isFinite(due) ? due : null,
    status: statusOf(clock),
    phase: clock.phase,
    stoppedAt: clock.stoppedAt,
    breachedAt: clock.breachedAt,
    pausedMinutes: roundTo(pausedMs / MINUTE_MS, 1),
    elapsedMinutes: roundTo(elapsedMs / MINUTE_MS, 1),
    usedFraction: fixed ? roundTo(elapsedMs / clock.targetMs, 4) : 0,
  };
}

function statusOf(clock: ClockState): SlaClock['status'] {
  if (clock.breachedAt !== null) return 'breached';
  if (clock.phase === 'stopped') return 'met';
  return clock.phase;
}

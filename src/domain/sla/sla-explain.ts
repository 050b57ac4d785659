import type { ClockName, ClockPhase, ClockState } from './sla-clock';
import { currentDue } from './sla-clock';
import { describeTarget } from './sla-policy';

/** One clock's change caused by an event, in words. */
export interface ClockNote {
  clock: ClockName;
  text: string;
}

const DAY_MS = 86_400_000;
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * ISO-8601 UTC without milliseconds when they are zero: "2026-03-02T10:00:00Z". Plain arithmetic
 * (Hinnant's civil-from-days) rather than Date#toISOString, which was a quarter of the bulk re-derive time.
 */
export function formatInstant(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const { year, month, day } = civilFromDays(days);
  let rest = ms - days * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  const date = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  return `${date}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}${fraction}Z`;
}

/** Proleptic Gregorian date of a day count since 1970-01-01. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: doy - Math.floor((153 * mp + 2) / 5) + 1,
  };
}

/** "response 480 business min, due …" (a paused clock has no fixed due yet). */
export function describeClockTarget(clock: ClockState): string {
  const dueAt = currentDue(clock);
  const due =
    clock.phase === 'paused'
      ? 'paused'
      : Number.isFinite(dueAt)
        ? `due ${formatInstant(dueAt)}`
        : 'not planned into a window yet';
  return `${describeTarget(clock.target)}, ${due}`;
}

/** Why a clock changed phase, from the cause (an acknowledgement or the ticket status it moved to). */
export function describePhaseChange(
  clock: ClockState,
  from: ClockPhase,
  cause: string,
  acknowledged: boolean,
): string {
  const status = cause.replaceAll('_', ' ');
  switch (clock.phase) {
    case 'paused':
      return from === 'stopped' ? `reopened (${status}), paused` : 'paused: waiting on client';
    case 'running':
      return from === 'stopped' ? `resumed: reopened (${status})` : `resumed: client answered (${status})`;
    case 'stopped': {
      const verdict = clock.breachedAt === null ? 'met' : 'stopped after breach';
      const why = clock.name === 'response' && !acknowledged ? `${status} before acknowledgement` : status;
      return `${verdict}: ${why}`;
    }
  }
}

/** Joins the notes of one event: a note shared by both clocks is said once, without a clock name. */
export function joinNotes(notes: readonly ClockNote[]): string {
  const [first, second] = notes;
  if (first && second && notes.length === 2 && first.text === second.text) return first.text;
  return notes.map((n) => `${n.clock} ${n.text}`).join('; ');
}

import type { ClockName, ClockPhase, ClockState } from './sla-clock';
import { currentDue } from './sla-clock';
import { describeTarget } from './sla-policy';

/** One clock's change caused by an event, in words. */
export interface ClockNote {
  clock: ClockName;
  text: string;
}

/** ISO-8601 UTC without milliseconds when they are zero: "2026-03-02T10:00:00Z". */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** "response 480 business min, due …" (a paused clock has no fixed due yet). */
export function describeClockTarget(clock: ClockState): string {
  const due = clock.phase === 'paused' ? 'paused' : `due ${formatInstant(currentDue(clock))}`;
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

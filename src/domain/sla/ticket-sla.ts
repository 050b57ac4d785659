import { alwaysOpenCalendar } from '../calendar/business-calendar';
import type { BusinessCalendar } from '../calendar/business-calendar.types';
import type { ClockName, ClockState, ResolvedTarget, SlaClock } from './sla-clock';
import { checkBreach, currentDue, openClock, retarget, setPhase, snapshotClock } from './sla-clock';
import type { ClockNote } from './sla-explain';
import { describeClockTarget, describePhaseChange, formatInstant, joinNotes } from './sla-explain';
import type { Priority, SlaPolicyRules, SlaTarget } from './sla-policy';
import { sameTarget } from './sla-policy';

export type { SlaClock } from './sla-clock';

export type TicketStatus =
  'new' | 'acknowledged' | 'in_progress' | 'waiting_on_client' | 'resolved' | 'closed';

export type TicketSlaEvent =
  | { type: 'created'; at: number; priority: Priority }
  | { type: 'priority_changed'; at: number; priority: Priority }
  | { type: 'status_changed'; at: number; from: TicketStatus; to: TicketStatus }
  /** First public staff reply carrying an initial assessment. */
  | { type: 'acknowledged'; at: number }
  /**
   * The maintenance planner placed the ticket into a window ending at `windowEndsAt` (null: no window has
   * room); `rollCount` counts the moves to a later window so far.
   */
  | { type: 'window_planned'; at: number; windowEndsAt: number | null; rollCount: number };

export interface TicketSla {
  priority: Priority;
  response: SlaClock;
  resolution: SlaClock;
  /** One line per event that changed a clock, plus one per breach, in order. */
  explanation: string[];
}

export interface DeriveTicketSlaInput {
  events: readonly TicketSlaEvent[];
  rules: SlaPolicyRules;
  /** The policy's business calendar (24×7 targets use `alwaysOpenCalendar()`). */
  calendar: BusinessCalendar;
  now: number;
}

type CreatedEvent = Extract<TicketSlaEvent, { type: 'created' }>;

/** What turning a target into a calendar and a duration needs. */
interface TargetContext {
  readonly rules: SlaPolicyRules;
  readonly business: BusinessCalendar;
  readonly createdAt: number;
  /** Business ms from creation to that day's close; computed on first use (only EOBD targets need it). */
  eobdMs: number | null;
  priority: Priority;
  /** End of the maintenance window that fixes a window-bound target (null: not planned yet). */
  windowDue: number | null;
  /** End of the window the item is planned into now (differs from windowDue once it rolled). */
  plannedWindowEnd: number | null;
}

/** Everything the walk over one history keeps. */
interface Walk extends TargetContext {
  status: TicketStatus;
  acknowledged: boolean;
  readonly clocks: readonly [response: ClockState, resolution: ClockState];
  lastAt: number;
  readonly log: string[];
}

let twentyFourSeven: BusinessCalendar | undefined;

/**
 * Derives both SLA clocks of a ticket from its event history as of `now`: a pure function of its inputs.
 * Events later than `now` have not happened yet and are ignored (which also makes "the state at time T"
 * a matter of passing `now = T`). Events at the same instant keep their input order, after `created`.
 */
export function deriveTicketSla(input: DeriveTicketSlaInput): TicketSla {
  const { created, rest, asOf } = orderHistory(input.events, input.now);
  const walk = startWalk(created, input.rules, input.calendar);
  for (const event of rest) {
    advanceTo(walk, event.at);
    applyEvent(walk, event);
  }
  advanceTo(walk, asOf);
  const [response, resolution] = walk.clocks;
  return {
    priority: walk.priority,
    response: snapshotClock(response, asOf),
    resolution: snapshotClock(resolution, asOf),
    explanation: walk.log,
  };
}

/** The earliest due among running clocks (breached ones included: they are the most overdue), for queues. */
export function nextDeadline(sla: TicketSla): number | null {
  const dues = [sla.response, sla.resolution]
    .filter((c) => c.phase === 'running')
    .flatMap((c) => (c.dueAt === null ? [] : [c.dueAt]));
  return dues.length === 0 ? null : Math.min(...dues);
}

function orderHistory(
  events: readonly TicketSlaEvent[],
  now: number,
): { created: CreatedEvent; rest: TicketSlaEvent[]; asOf: number } {
  const createdEvents = events.filter((e): e is CreatedEvent => e.type === 'created');
  const [created] = createdEvents;
  if (!created) throw new Error('deriveTicketSla: the ticket history has no "created" event');
  if (createdEvents.length > 1) {
    throw new Error(`deriveTicketSla: the ticket history has ${createdEvents.length} "created" events`);
  }
  for (const e of events) {
    if (!Number.isFinite(e.at)) throw new Error(`deriveTicketSla: event "${e.type}" has no valid instant`);
    if (e.at < created.at) throw new Error(`deriveTicketSla: event "${e.type}" precedes the "created" event`);
  }
  const asOf = Math.max(now, created.at);
  // Array.prototype.sort is stable, so events at the same instant keep their input order.
  const rest = events.filter((e) => e !== created && e.at <= asOf).sort((a, b) => a.at - b.at);
  return { created, rest, asOf };
}

function startWalk(created: CreatedEvent, rules: SlaPolicyRules, business: BusinessCalendar): Walk {
  const partial: TargetContext = {
    rules,
    business,
    createdAt: created.at,
    eobdMs: null,
    priority: created.priority,
    windowDue: null,
    plannedWindowEnd: null,
  };
  const clocks = (['response', 'resolution'] as const).map((name) => {
    const target = tierTarget(partial, name);
    return openClock(name, created.at, target, resolveTarget(partial, target));
  });
  const [response, resolution] = clocks as [ClockState, ClockState];
  const walk: Walk = {
    ...partial,
    status: 'new',
    acknowledged: false,
    clocks: [response, resolution],
    lastAt: created.at,
    log: [],
  };
  const targets = walk.clocks.map((c) => `${c.name} ${describeClockTarget(c)}`).join('; ');
  walk.log.push(`${formatInstant(created.at)} created: priority ${created.priority}; ${targets}`);
  return walk;
}

function tierTarget(walk: TargetContext, clock: ClockName): SlaTarget {
  return walk.rules.tiers[walk.priority][clock];
}

/** Maps a target onto its calendar; end_of_business_day becomes the business time from creation to the close. */
function resolveTarget(walk: TargetContext, target: SlaTarget): ResolvedTarget {
  switch (target.kind) {
    case 'business_minutes':
      return { calendar: walk.business, targetMs: target.minutes * 60_000 };
    case 'clock_minutes':
      twentyFourSeven ??= alwaysOpenCalendar();
      return { calendar: twentyFourSeven, targetMs: target.minutes * 60_000 };
    case 'end_of_business_day': {
      walk.eobdMs ??= walk.business.businessMsBetween(
        walk.createdAt,
        walk.business.endOfBusinessDay(walk.createdAt),
      );
      return { calendar: walk.business, targetMs: walk.eobdMs };
    }
    case 'next_maintenance_window': {
      // Real time from creation to the window's end: with no pause the due is exactly the window's end; time
      // spent waiting on the client moves it later like any other clock.
      twentyFourSeven ??= alwaysOpenCalendar();
      const targetMs = walk.windowDue === null ? Infinity : Math.max(0, walk.windowDue - walk.createdAt);
      return { calendar: twentyFourSeven, targetMs };
    }
  }
}

/** Runs the clocks through the quiet stretch up to `to`, recording any breach in it. */
function advanceTo(walk: Walk, to: number): void {
  const breaches = walk.clocks
    .map((clock) => ({ clock, at: checkBreach(clock, walk.lastAt, to) }))
    .filter((b): b is { clock: ClockState; at: number } => b.at !== null)
    .sort((a, b) => a.at - b.at);
  for (const { clock, at } of breaches) {
    walk.log.push(`${formatInstant(at)} ${clock.name} breached (due ${formatInstant(currentDue(clock))})`);
  }
  walk.lastAt = to;
}

function applyEvent(walk: Walk, event: TicketSlaEvent): void {
  const previousPriority = walk.priority;
  let cause: string;
  switch (event.type) {
    case 'created':
      throw new Error('deriveTicketSla: unexpected second "created" event');
    case 'priority_changed':
      walk.priority = event.priority;
      cause = 'priority change';
      break;
    case 'status_changed':
      // `to` is authoritative; `from` is informational (a lost event must not derail the derivation).
      walk.status = event.to;
      cause = event.to;
      break;
    case 'acknowledged':
      walk.acknowledged = true;
      cause = 'acknowledged';
      break;
    case 'window_planned':
      planIntoWindow(walk, event);
      return;
  }
  const notes = walk.clocks.flatMap((clock) => updateClock(walk, clock, event.at, cause));
  if (notes.length === 0) return;
  const head = walk.priority === previousPriority ? '' : `priority ${previousPriority} → ${walk.priority}: `;
  walk.log.push(`${formatInstant(event.at)} ${head}${joinNotes(notes)}`);
}

/** Applies the walk's new status/priority to one clock; returns what changed, in words. */
function updateClock(walk: Walk, clock: ClockState, at: number, cause: string): ClockNote[] {
  const notes: ClockNote[] = [];
  const from = clock.phase;
  if (setPhase(clock, desiredPhase(walk, clock), at)) {
    notes.push({ clock: clock.name, text: describePhaseChange(clock, from, cause, walk.acknowledged) });
  }
  // A stopped clock keeps the target it was judged against; a reopened one takes the current priority's.
  const target = tierTarget(walk, clock.name);
  if (clock.phase === 'stopped' || sameTarget(target, clock.target)) return notes;
  const breachAt = retarget(clock, target, resolveTarget(walk, target), at);
  notes.push({ clock: clock.name, text: `re-targeted to ${describeClockTarget(clock)}` });
  if (breachAt !== null)
    notes.push({ clock: clock.name, text: 'breached: elapsed time exceeds the new target' });
  return notes;
}

/**
 * A planning decision. The first window the item is planned into fixes a window-bound target; a later
 * window moves it only when the policy's target says `movesWhenRolled`. The planned window is remembered
 * whatever the current target, so a priority change to a window-bound tier finds it.
 */
function planIntoWindow(walk: Walk, event: Extract<TicketSlaEvent, { type: 'window_planned' }>): void {
  const previousEnd = walk.plannedWindowEnd;
  walk.plannedWindowEnd = event.windowEndsAt;
  if (event.windowEndsAt === null || event.windowEndsAt === previousEnd) return;
  const target = tierTarget(walk, 'resolution');
  const moves = target.kind === 'next_maintenance_window' && target.movesWhenRolled;
  if (walk.windowDue !== null && !moves) {
    if (target.kind === 'next_maintenance_window' && event.windowEndsAt > walk.windowDue) {
      walk.log.push(
        `${formatInstant(event.at)} rolled to the window ending ${formatInstant(event.windowEndsAt)} ` +
          `(${rollWord(event.rollCount)}); resolution stays due by the end of the first planned window`,
      );
    }
    return;
  }
  walk.windowDue = event.windowEndsAt;
  if (target.kind !== 'next_maintenance_window') return;
  const [, resolution] = walk.clocks;
  if (resolution.phase === 'stopped') return;
  const breachAt = retarget(resolution, target, resolveTarget(walk, target), event.at);
  const what = event.rollCount > 0 ? `rolled (${rollWord(event.rollCount)}) to` : 'planned into';
  const notes = [`${what} the window ending ${formatInstant(event.windowEndsAt)}`];
  if (breachAt !== null) notes.push('breached: elapsed time exceeds the new target');
  walk.log.push(`${formatInstant(event.at)} resolution ${notes.join('; ')}`);
}

const rollWord = (count: number): string => (count === 1 ? 'rolled once' : `rolled ${count} times`);

function desiredPhase(walk: Walk, clock: ClockState): ClockState['phase'] {
  // The response clock stops for good at the first acknowledgement, or when the ticket is resolved or
  // closed without one (the resolution answered the client).
  if (clock.name === 'response' && (clock.phase === 'stopped' || walk.acknowledged)) return 'stopped';
  if (walk.status === 'resolved' || walk.status === 'closed') return 'stopped';
  return walk.status === 'waiting_on_client' ? 'paused' : 'running';
}

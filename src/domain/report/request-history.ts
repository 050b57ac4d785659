import type { Priority } from '../sla/sla-policy';
import { isOpenStatus, type TicketStatus } from '../tickets/ticket-status';
import type { TicketKindName } from './report-model';

/** The events of a ticket's history that decide how a report counts it. */
export type RequestEvent =
  | { type: 'created'; at: number; priority: Priority; kind: TicketKindName }
  | { type: 'priority_changed'; at: number; priority: Priority }
  | { type: 'kind_changed'; at: number; kind: TicketKindName }
  | { type: 'status_changed'; at: number; to: TicketStatus };

export interface RequestHistory {
  id: string;
  createdAt: number;
  /** In the order they happened (events at one instant keep their order). */
  events: readonly RequestEvent[];
}

/** A ticket as it stood at an instant. */
export interface RequestState {
  status: TicketStatus;
  priority: Priority;
  kind: TicketKindName;
  /** When it last stopped being open (resolved or closed), while it is not open; null while open. */
  doneAt: number | null;
  /** When it was last resolved, while it is resolved or closed after that (the billing instant); else null. */
  resolvedAt: number | null;
}

/**
 * The ticket's state at `at` (events at `at` included), replayed from its history: priority, kind and status
 * as they were then, whatever happened afterwards. Null when the ticket did not exist yet.
 */
export function requestStateAt(history: RequestHistory, at: number): RequestState | null {
  if (history.createdAt > at) return null;
  const created = history.events.find((e) => e.type === 'created');
  if (!created) throw new Error(`requestStateAt: ticket ${history.id} has no "created" event`);
  const state: RequestState = {
    status: 'new',
    priority: created.priority,
    kind: created.kind,
    doneAt: null,
    resolvedAt: null,
  };
  for (const event of history.events) {
    if (event.at > at) break;
    applyRequestEvent(state, event);
  }
  return state;
}

function applyRequestEvent(state: RequestState, event: RequestEvent): void {
  switch (event.type) {
    case 'created':
      return;
    case 'priority_changed':
      state.priority = event.priority;
      return;
    case 'kind_changed':
      state.kind = event.kind;
      return;
    case 'status_changed': {
      const wasOpen = isOpenStatus(state.status);
      state.status = event.to;
      if (isOpenStatus(event.to)) {
        state.doneAt = null;
        state.resolvedAt = null;
      } else {
        // Resolved then closed stays done (and billable) from the resolution.
        if (wasOpen) state.doneAt = event.at;
        if (event.to === 'resolved') state.resolvedAt = event.at;
      }
      return;
    }
  }
}

export interface RequestMonth<T> {
  /** Created in the month, with their state at the cutoff. */
  received: Array<T & { state: RequestState }>;
  /** Done (resolved or closed) in the month and still done at the cutoff. */
  resolved: Array<T & { state: RequestState }>;
  /** Open just before the month began. */
  openAtStart: number;
  /** Open at the cutoff. */
  openAtEnd: number;
}

/**
 * Sorts a client's tickets into the month's requests. `from` is the month's first instant, `cutoff` the last
 * one considered (inclusive): later events are ignored, so a past month always counts the same.
 */
export function sortRequestsOfMonth<T extends RequestHistory>(
  tickets: readonly T[],
  from: number,
  cutoff: number,
): RequestMonth<T> {
  const result: RequestMonth<T> = { received: [], resolved: [], openAtStart: 0, openAtEnd: 0 };
  for (const ticket of tickets) {
    const before = requestStateAt(ticket, from - 1);
    if (before && isOpenStatus(before.status)) result.openAtStart += 1;
    const state = requestStateAt(ticket, cutoff);
    if (!state) continue;
    if (isOpenStatus(state.status)) result.openAtEnd += 1;
    if (ticket.createdAt >= from) result.received.push({ ...ticket, state });
    if (state.doneAt !== null && state.doneAt >= from) result.resolved.push({ ...ticket, state });
  }
  return result;
}

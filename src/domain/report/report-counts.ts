import { PRIORITIES, type Priority } from '../sla/sla-policy';
import type { CountsByKindAndPriority, TicketKindName } from './report-model';

export const TICKET_KINDS: readonly TicketKindName[] = ['support', 'maintenance', 'change'];

/** Counts tickets by kind and by priority; every kind and priority is present, zero when none. */
export function countByKindAndPriority(
  tickets: ReadonlyArray<{ kind: TicketKindName; priority: Priority }>,
): CountsByKindAndPriority {
  const byKind = Object.fromEntries(TICKET_KINDS.map((kind) => [kind, 0])) as Record<TicketKindName, number>;
  const byPriority = Object.fromEntries(PRIORITIES.map((priority) => [priority, 0])) as Record<
    Priority,
    number
  >;
  for (const ticket of tickets) {
    byKind[ticket.kind] += 1;
    byPriority[ticket.priority] += 1;
  }
  return { total: tickets.length, byKind, byPriority };
}

/** The median, rounded to 0.1 (the mean of the middle two for an even count); null for no values. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 10) / 10;
}

import { sql, type SqlBool } from 'kysely';
import { createZonedClock } from '../../domain/calendar/zoned-time';
import { itemEstimate, type ItemSizeSource } from '../../domain/maintenance/item-size';
import type { PlanItem } from '../../domain/maintenance/planner';
import type { TicketRow } from '../../db/schema';
import type { CalendarCache } from '../calendars-service';
import type { Executor } from '../context';
import { computeSla, loadEventsByTicket, loadSlaContexts } from '../tickets/ticket-sla';

/**
 * The maintenance backlog of an agreement: its open tickets that are maintenance work (kind maintenance,
 * recurring chores) or that triage sent to the next window.
 */
export type BacklogTicket = Pick<
  TicketRow,
  | 'id'
  | 'number'
  | 'subject'
  | 'priority'
  | 'status'
  | 'kind'
  | 'agreement_id'
  | 'client_id'
  | 'next_window'
  | 'estimate_minutes'
  | 'chore_id'
  | 'chore_due_on'
  | 'created_at'
>;

export const BACKLOG_COLUMNS = [
  'tickets.id',
  'tickets.number',
  'tickets.subject',
  'tickets.priority',
  'tickets.status',
  'tickets.kind',
  'tickets.agreement_id',
  'tickets.client_id',
  'tickets.next_window',
  'tickets.estimate_minutes',
  'tickets.chore_id',
  'tickets.chore_due_on',
  'tickets.created_at',
] as const;

/**
 * Backlog membership as a condition on `tickets` (open, and maintenance work or sent to the next window),
 * usable in any query over tickets whatever it joins. Keep in step with isBacklogTicket.
 */
export const IN_BACKLOG = sql<SqlBool>`(tickets.status not in ('resolved', 'closed') and (tickets.kind = 'maintenance' or tickets.next_window or tickets.chore_id is not null))`;

export function isBacklogTicket(ticket: Pick<TicketRow, 'status' | 'kind' | 'next_window' | 'chore_id'>) {
  return (
    ticket.status !== 'resolved' &&
    ticket.status !== 'closed' &&
    (ticket.kind === 'maintenance' || ticket.next_window || ticket.chore_id !== null)
  );
}

export async function loadBacklogTickets(
  db: Executor,
  agreementId: string,
  now: Date,
): Promise<BacklogTicket[]> {
  // A ticket "created" after now exists only in a seeded history being replayed: it is not there yet.
  return db
    .selectFrom('tickets')
    .select(BACKLOG_COLUMNS)
    .where('tickets.agreement_id', '=', agreementId)
    .where('tickets.created_at', '<=', now)
    .where(IN_BACKLOG)
    .orderBy('tickets.number')
    .execute();
}

export interface ItemSize {
  minutes: number | null;
  source: ItemSizeSource;
}

/** Each ticket's planning estimate: its own, else its latest standing client estimate, else none. */
export async function loadItemSizes(
  db: Executor,
  tickets: readonly Pick<TicketRow, 'id' | 'estimate_minutes'>[],
): Promise<Map<string, ItemSize>> {
  const ids = tickets.map((ticket) => ticket.id);
  const estimates = ids.length
    ? await db
        .selectFrom('estimates')
        .select(['ticket_id', 'minutes', 'status', 'created_at'])
        .where('ticket_id', 'in', ids)
        .execute()
    : [];
  return new Map(
    tickets.map((ticket) => [
      ticket.id,
      itemEstimate(
        ticket.estimate_minutes,
        estimates
          .filter((e) => e.ticket_id === ticket.id)
          .map((e) => ({ minutes: e.minutes, status: e.status, createdAt: e.created_at.getTime() })),
      ),
    ]),
  );
}

/**
 * The date an item is due by: a chore's due date (start of that day in the agreement's zone), else the
 * resolution deadline of the ticket's SLA — unless that target is the maintenance window itself, whose due
 * follows from the plan and so cannot order it.
 */
export async function loadDueDates(
  db: Executor,
  calendars: CalendarCache,
  agreement: { id: string; time_zone: string },
  tickets: readonly BacklogTicket[],
  now: Date,
): Promise<Map<string, number | null>> {
  const clock = createZonedClock(agreement.time_zone);
  const others = tickets.filter((ticket) => ticket.chore_due_on === null);
  const [contexts, events] = await Promise.all([
    loadSlaContexts(db, others.length ? [agreement.id] : []),
    loadEventsByTicket(
      db,
      others.map((ticket) => ticket.id),
    ),
  ]);
  const context = contexts.get(agreement.id);
  return new Map(
    tickets.map((ticket) => {
      if (ticket.chore_due_on !== null)
        return [ticket.id, clock.wallToInstant(Date.parse(`${ticket.chore_due_on}T00:00:00Z`))];
      const sla = computeSla(context, events.get(ticket.id) ?? [], calendars, now);
      const resolution = sla?.resolution;
      if (!resolution || resolution.target.kind === 'next_maintenance_window') return [ticket.id, null];
      return [ticket.id, resolution.dueAt];
    }),
  );
}

export function toPlanItem(
  ticket: BacklogTicket,
  size: ItemSize | undefined,
  dueAt: number | null,
  current: { windowId: string | null; rollCount: number },
): PlanItem {
  return {
    id: ticket.id,
    priority: ticket.priority,
    dueAt,
    createdAt: ticket.created_at.getTime(),
    estimateMinutes: size?.minutes ?? null,
    currentWindowId: current.windowId,
    rollCount: current.rollCount,
  };
}

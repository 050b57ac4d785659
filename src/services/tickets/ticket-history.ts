import { AppError } from '../../errors';
import type { TicketRow } from '../../db/schema';
import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor } from '../context';
import { computeSla, loadEventsByTicket, loadSlaContexts, queueDueAt } from './ticket-sla';

export interface NewEvent {
  type: string;
  data?: Record<string, unknown>;
}

/**
 * When a change happened. Only agency admins may name an explicit instant (history import); it may not be
 * in the future, nor before the ticket's last event: the history stays append-only and in order.
 */
export async function resolveEventTime(
  db: Executor,
  actor: Actor,
  at: string | undefined,
  now: Date,
  ticketId?: string,
): Promise<Date> {
  if (at === undefined) return now;
  if (actor.role !== 'agency_admin') {
    throw new AppError('forbidden', 'Only agency admins may give an explicit time (at).');
  }
  const instant = new Date(at);
  if (instant.getTime() > now.getTime()) {
    throw new AppError('invalid_input', 'The time lies in the future.', {
      issues: [{ path: 'at', message: 'must not be in the future' }],
    });
  }
  if (ticketId) {
    const last = await db
      .selectFrom('ticket_events')
      .select('at')
      .where('ticket_id', '=', ticketId)
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last && instant.getTime() < last.at.getTime()) {
      throw new AppError(
        'invalid_input',
        `The time lies before the ticket's last event (${last.at.toISOString()}).`,
        {
          issues: [{ path: 'at', message: 'must not be before the last event of the ticket' }],
        },
      );
    }
  }
  return instant;
}

export async function appendEvents(
  db: Executor,
  ticketId: string,
  actor: Actor | null,
  at: Date,
  events: readonly NewEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('ticket_events')
    .values(
      events.map((event) => ({
        ticket_id: ticketId,
        at,
        type: event.type,
        actor_id: actor?.userId ?? null,
        data: JSON.stringify(event.data ?? {}),
      })),
    )
    .execute();
}

/** Re-derives the ticket's SLA from its history and stores the queue's sort key, in the same transaction. */
export async function refreshQueuePosition(
  db: Executor,
  ticket: Pick<TicketRow, 'id' | 'agreement_id'>,
  calendars: CalendarCache,
  at: Date,
): Promise<void> {
  const contexts = await loadSlaContexts(db, ticket.agreement_id ? [ticket.agreement_id] : []);
  const events = (await loadEventsByTicket(db, [ticket.id])).get(ticket.id) ?? [];
  const sla = computeSla(
    ticket.agreement_id ? contexts.get(ticket.agreement_id) : undefined,
    events,
    calendars,
    at,
  );
  const due = queueDueAt(sla);
  await db
    .updateTable('tickets')
    .set({ queue_due_at: due === 'infinity' ? 'infinity' : due, updated_at: at })
    .where('id', '=', ticket.id)
    .execute();
}

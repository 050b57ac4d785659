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
  await refreshQueuePositions(db, [ticket], calendars, at, { touch: true });
}

/**
 * The same for many tickets at once (a policy, calendar or agreement changed under them). `touch` marks the
 * tickets as updated, which a settings change does not.
 */
export async function refreshQueuePositions(
  db: Executor,
  tickets: readonly Pick<TicketRow, 'id' | 'agreement_id'>[],
  calendars: CalendarCache,
  at: Date,
  options: { touch: boolean },
): Promise<void> {
  const contexts = await loadSlaContexts(
    db,
    tickets.flatMap((t) => (t.agreement_id ? [t.agreement_id] : [])),
  );
  const events = await loadEventsByTicket(
    db,
    tickets.map((t) => t.id),
  );
  for (const ticket of tickets) {
    const context = ticket.agreement_id ? contexts.get(ticket.agreement_id) : undefined;
    const due = queueDueAt(computeSla(context, events.get(ticket.id) ?? [], calendars, at));
    await db
      .updateTable('tickets')
      .set({ queue_due_at: due, ...(options.touch ? { updated_at: at } : {}) })
      .where('id', '=', ticket.id)
      .execute();
  }
}

/** Open tickets under agreements matching the filter, for re-sorting after a settings change. */
export async function openTicketsUnder(
  db: Executor,
  filter: { agreementId?: string; slaPolicyId?: string; calendarId?: string },
): Promise<Pick<TicketRow, 'id' | 'agreement_id'>[]> {
  let query = db
    .selectFrom('tickets')
    .innerJoin('agreements', 'agreements.id', 'tickets.agreement_id')
    .leftJoin('sla_policies', 'sla_policies.id', 'agreements.sla_policy_id')
    .select(['tickets.id', 'tickets.agreement_id'])
    .where('tickets.status', 'not in', ['resolved', 'closed']);
  if (filter.agreementId) query = query.where('agreements.id', '=', filter.agreementId);
  if (filter.slaPolicyId) query = query.where('agreements.sla_policy_id', '=', filter.slaPolicyId);
  if (filter.calendarId) query = query.where('sla_policies.calendar_id', '=', filter.calendarId);
  return query.execute();
}

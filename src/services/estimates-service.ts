import { AppError, invalidInput, notFound } from '../errors';
import type { EstimateRow } from '../db/schema';
import { isOpenStatus } from '../domain/tickets/ticket-status';
import { clientScope, isAgency, requireAgency } from './access';
import type { CalendarCache } from './calendars-service';
import type { Actor, ServiceDeps } from './context';
import { findVisibleTicket } from './tickets/ticket-access';
import { appendEvents, refreshQueuePosition } from './tickets/ticket-history';
import { queueTicketEmail } from '../integrations/email/outbound-email';
import { replanAfterTicketChange } from './maintenance/replan-hook';

export function toEstimateDto(row: EstimateRow) {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    agreementId: row.agreement_id,
    minutes: row.minutes,
    amountCents: row.amount_cents,
    note: row.note,
    status: row.status,
    requestedBy: row.requested_by,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    createdAt: row.created_at,
  };
}

/** The hourly rate an estimate is priced at: pay-as-you-go rate, else the retainer's project or overage rate. */
function hourlyRateOf(terms: Record<string, unknown>): number {
  const rate = terms.hourlyRateCents ?? terms.projectRateCents ?? terms.overageRateCents ?? 0;
  return typeof rate === 'number' ? rate : 0;
}

export class EstimatesService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  async list(
    actor: Actor,
    filter: { ticketId?: string | undefined; status?: EstimateRow['status'] | undefined },
  ) {
    const scope = clientScope(actor);
    let query = this.deps.db
      .selectFrom('estimates')
      .innerJoin('tickets', 'tickets.id', 'estimates.ticket_id')
      .selectAll('estimates');
    if (scope) query = query.where('tickets.client_id', '=', scope);
    if (filter.ticketId) query = query.where('estimates.ticket_id', '=', filter.ticketId);
    if (filter.status) query = query.where('estimates.status', '=', filter.status);
    return (await query.orderBy('estimates.created_at', 'desc').execute()).map(toEstimateDto);
  }

  /**
   * Staff send an estimate; while the client decides, the ticket waits on them (its clocks pause).
   * A newer estimate withdraws the pending one, so there is only ever one to approve.
   */
  async request(actor: Actor, ticketId: string, input: { minutes: number; note: string }) {
    return this.deps.db.transaction().execute(async (trx) => {
      // Another client's ticket is not found; the role decides only about the actor's own tickets.
      const ticket = await findVisibleTicket(trx, actor, ticketId, { forUpdate: true });
      requireAgency(actor);
      if (!isOpenStatus(ticket.status))
        throw new AppError(
          'invalid_transition',
          `The ticket is ${ticket.status}; reopen it before estimating.`,
        );
      if (!ticket.agreement_id)
        throw invalidInput('The ticket has no agreement to price the estimate with.', [
          { path: 'ticketId', message: 'has no agreement' },
        ]);
      const agreement = await trx
        .selectFrom('agreements')
        .selectAll()
        .where('id', '=', ticket.agreement_id)
        .executeTakeFirstOrThrow();
      const now = this.deps.clock.now();
      await trx
        .updateTable('estimates')
        .set({ status: 'withdrawn', decided_at: now, decided_by: actor.userId })
        .where('ticket_id', '=', ticket.id)
        .where('status', '=', 'pending')
        .execute();
      const amountCents = Math.round(
        (input.minutes / 60) * hourlyRateOf(agreement.terms as Record<string, unknown>),
      );
      const estimate = await trx
        .insertInto('estimates')
        .values({
          ticket_id: ticket.id,
          agreement_id: agreement.id,
          minutes: input.minutes,
          amount_cents: amountCents,
          note: input.note,
          requested_by: actor.userId,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const events = [
        {
          type: 'estimate_requested',
          data: { estimateId: estimate.id, minutes: input.minutes, amountCents },
        },
      ];
      if (ticket.status !== 'waiting_on_client') {
        events.push({
          type: 'status_changed',
          data: { from: ticket.status, to: 'waiting_on_client', reason: 'estimate awaiting approval' },
        } as never);
        await trx
          .updateTable('tickets')
          .set({ status: 'waiting_on_client' })
          .where('id', '=', ticket.id)
          .execute();
      }
      await appendEvents(trx, ticket.id, actor, now, events);
      await refreshQueuePosition(trx, ticket, this.calendars, now);
      // A standing estimate sizes the ticket in the maintenance plan.
      await replanAfterTicketChange(trx, this.deps, this.calendars, actor, ticket.id);
      await queueTicketEmail(trx, this.deps, {
        ticketId: ticket.id,
        purpose: 'estimate',
        text: [
          `We estimate this request at ${Math.round((input.minutes / 60) * 100) / 100} hours` +
            (amountCents > 0 ? ` (${(amountCents / 100).toFixed(2)}).` : '.'),
          input.note,
          'Please approve or decline the estimate in the portal.',
        ]
          .filter(Boolean)
          .join('\n\n'),
        status: 'waiting_on_client',
      });
      return toEstimateDto(estimate);
    });
  }

  async decide(
    actor: Actor,
    estimateId: string,
    decision: 'approved' | 'declined',
    note: string | undefined,
  ) {
    return this.deps.db.transaction().execute(async (trx) => {
      const scope = clientScope(actor);
      let query = trx
        .selectFrom('estimates')
        .innerJoin('tickets', 'tickets.id', 'estimates.ticket_id')
        .selectAll('estimates')
        .where('estimates.id', '=', estimateId);
      if (scope) query = query.where('tickets.client_id', '=', scope);
      const estimate = await query.forUpdate().executeTakeFirst();
      if (!estimate) throw notFound('Estimate');
      // Checked after the lookup: another client's estimate is not found, whoever asks.
      if (actor.role !== 'client_admin' && actor.role !== 'agency_admin') {
        throw new AppError(
          'forbidden',
          'Estimates are approved by the client’s admins (or recorded by an agency admin).',
        );
      }
      if (estimate.status !== 'pending')
        throw new AppError('invalid_transition', `This estimate is ${estimate.status} already.`);
      const ticket = await findVisibleTicket(trx, actor, estimate.ticket_id, { forUpdate: true });
      const now = this.deps.clock.now();
      const updated = await trx
        .updateTable('estimates')
        .set({
          status: decision,
          decided_by: actor.userId,
          decided_at: now,
          decision_note: note ?? (isAgency(actor) ? 'recorded by the agency' : null),
        })
        .where('id', '=', estimate.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const events = [
        { type: 'estimate_decided', data: { estimateId: estimate.id, decision, note: note ?? null } },
      ];
      // The client answered: the clocks resume either way; staff go ahead or wind the ticket down.
      if (ticket.status === 'waiting_on_client') {
        events.push({
          type: 'status_changed',
          data: { from: ticket.status, to: 'in_progress', reason: `estimate ${decision}` },
        } as never);
        await trx.updateTable('tickets').set({ status: 'in_progress' }).where('id', '=', ticket.id).execute();
      }
      await appendEvents(trx, ticket.id, actor, now, events);
      await refreshQueuePosition(trx, ticket, this.calendars, now);
      await replanAfterTicketChange(trx, this.deps, this.calendars, actor, ticket.id);
      return toEstimateDto(updated);
    });
  }
}

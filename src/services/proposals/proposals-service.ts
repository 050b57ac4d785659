import { AppError } from '../../errors';
import type { ProposalRow, TicketRow } from '../../db/schema';
import { explainProposalRefusal, isChangeWork, priceOf } from '../../domain/proposals/proposal-rules';
import type { TicketStatus } from '../../domain/tickets/ticket-status';
import type { ProposalCreateInput, ProposalListInput, ProposalUpdateInput } from '../../schemas/proposals';
import { invalidInput, notFound } from '../../errors';
import { requireAgency } from '../access';
import { recordAudit } from '../audit';
import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor, ServiceDeps } from '../context';
import { findVisibleTicket } from '../tickets/ticket-access';
import { appendEvents, refreshQueuePosition, type NewEvent } from '../tickets/ticket-history';
import { rethrowUniqueViolation } from '../unique-violation';
import { assertTicketOpen, lockProposal, pricingOf } from './proposal-access';
import { decideProposal } from './proposal-decisions';
import { addPublicComment, describePrice, notifyClientAdmins } from './proposal-notices';
import { toProposalDto, visibleProposals } from './proposal-dto';

const IN_PLAY = ['draft', 'sent'] as const;

/**
 * Change work becomes a priced proposal: agency staff draft it (scope, assumptions, estimate, price at the
 * agreement's project rate), edit it while it is a draft, send it (the ticket then waits on the client and
 * its clocks pause) or withdraw it; the client's admins approve it (a project is set up) or decline it.
 */
export class ProposalsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  async list(actor: Actor, filter: ProposalListInput) {
    let query = visibleProposals(this.deps.db, actor);
    if (filter.clientId) query = query.where('proposals.client_id', '=', filter.clientId);
    if (filter.ticketId) query = query.where('proposals.ticket_id', '=', filter.ticketId);
    if (filter.status) query = query.where('proposals.status', '=', filter.status);
    const rows = await query.orderBy('proposals.created_at', 'desc').orderBy('proposals.id').execute();
    return rows.map(toProposalDto);
  }

  async get(actor: Actor, id: string) {
    return this.load(this.deps.db, actor, id);
  }

  async draft(actor: Actor, ticketId: string, input: ProposalCreateInput) {
    return this.deps.db.transaction().execute(async (trx) => {
      // Another client's ticket is not found; the role decides only about the actor's own tickets.
      const ticket = await findVisibleTicket(trx, actor, ticketId, { forUpdate: true });
      requireAgency(actor);
      assertTicketOpen(ticket, 'proposing');
      if (!isChangeWork(ticket))
        throw invalidInput('Only change work becomes a proposal: mark the ticket as change work first.', [
          { path: 'ticketId', message: `is ${ticket.kind} work, not change work` },
        ]);
      const inPlay = await trx
        .selectFrom('proposals')
        .select('status')
        .where('ticket_id', '=', ticket.id)
        .where('status', 'in', IN_PLAY)
        .executeTakeFirst();
      if (inPlay) throw inPlayConflict(inPlay.status);
      const { agreement, rateCents } = await pricingOf(trx, ticket);
      const now = this.deps.clock.now();
      const row = await trx
        .insertInto('proposals')
        .values({
          ticket_id: ticket.id,
          agreement_id: agreement.id,
          client_id: ticket.client_id,
          title: input.title,
          scope: input.scope,
          assumptions: input.assumptions,
          estimate_minutes: input.estimateMinutes,
          rate_cents: rateCents,
          amount_cents: priceOf(input.estimateMinutes, rateCents),
          status: 'draft',
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((error: unknown) =>
          rethrowUniqueViolation(error, 'ticketId', inPlayConflict('draft').message),
        );
      await this.audit(trx, actor, 'proposal.drafted', row, now);
      return this.load(trx, actor, row.id);
    });
  }

  /** A draft is changed in place; a new estimate is priced at the agreement's rate of today. */
  async update(actor: Actor, id: string, input: ProposalUpdateInput) {
    return this.deps.db.transaction().execute(async (trx) => {
      const { proposal, ticket } = await lockProposal(trx, actor, id);
      requireAgency(actor);
      refuseUnless(proposal, 'edit');
      const { rateCents } = await pricingOf(trx, ticket);
      const minutes = input.estimateMinutes ?? proposal.estimate_minutes;
      const now = this.deps.clock.now();
      const row = await trx
        .updateTable('proposals')
        .set({
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.scope !== undefined ? { scope: input.scope } : {}),
          ...(input.assumptions !== undefined ? { assumptions: input.assumptions } : {}),
          estimate_minutes: minutes,
          rate_cents: rateCents,
          amount_cents: priceOf(minutes, rateCents),
          updated_at: now,
        })
        .where('id', '=', proposal.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit(trx, actor, 'proposal.updated', row, now);
      return this.load(trx, actor, row.id);
    });
  }

  /** The client is asked to decide: the ticket waits on them (its clocks pause) and their admins are told. */
  async send(actor: Actor, id: string) {
    return this.deps.db.transaction().execute(async (trx) => {
      const { proposal, ticket } = await lockProposal(trx, actor, id);
      requireAgency(actor);
      refuseUnless(proposal, 'send');
      assertTicketOpen(ticket, 'sending a proposal');
      const now = this.deps.clock.now();
      const row = await trx
        .updateTable('proposals')
        .set({ status: 'sent', sent_at: now, updated_at: now })
        .where('id', '=', proposal.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const events: NewEvent[] = [
        {
          type: 'proposal_sent',
          data: {
            proposalId: row.id,
            title: row.title,
            estimateMinutes: row.estimate_minutes,
            amountCents: row.amount_cents,
          },
        },
        await addPublicComment(
          trx,
          ticket.id,
          actor,
          now,
          `**Proposal sent: ${row.title}**\n\nEstimate: ${describePrice(row)}. This is change work: a project of its own, billed separately from the agreement’s hours. An admin of your organisation approves or declines it on this request.`,
          false,
        ),
      ];
      await this.moveTicket(trx, ticket, 'waiting_on_client', 'proposal awaiting approval', events);
      await appendEvents(trx, ticket.id, actor, now, events);
      await refreshQueuePosition(trx, ticket, this.calendars, now);
      await notifyClientAdmins(trx, this.deps, row, ticket, now);
      await this.audit(trx, actor, 'proposal.sent', row, now);
      return this.load(trx, actor, row.id);
    });
  }

  /** Staff take a proposal back; a sent one was waiting on the client, so the ticket's clocks run again. */
  async withdraw(actor: Actor, id: string, note: string | undefined) {
    return this.deps.db.transaction().execute(async (trx) => {
      const { proposal, ticket } = await lockProposal(trx, actor, id);
      requireAgency(actor);
      refuseUnless(proposal, 'withdraw');
      const now = this.deps.clock.now();
      const row = await trx
        .updateTable('proposals')
        .set({
          status: 'withdrawn',
          decided_by: actor.userId,
          decided_at: now,
          decision_note: note ?? null,
          updated_at: now,
        })
        .where('id', '=', proposal.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      // A draft was never the client's business: its withdrawal leaves the thread alone.
      if (proposal.status === 'sent') {
        const events: NewEvent[] = [
          { type: 'proposal_withdrawn', data: { proposalId: row.id, title: row.title, note: note ?? null } },
          await addPublicComment(
            trx,
            ticket.id,
            actor,
            now,
            `**Proposal withdrawn: ${row.title}**${note ? `\n\n${note}` : ''}\n\nThere is nothing to decide on it any more.`,
            false,
          ),
        ];
        if (ticket.status === 'waiting_on_client' && !(await this.hasPendingEstimate(trx, ticket.id)))
          await this.moveTicket(trx, ticket, 'in_progress', 'proposal withdrawn', events);
        await appendEvents(trx, ticket.id, actor, now, events);
        await refreshQueuePosition(trx, ticket, this.calendars, now);
      }
      await this.audit(trx, actor, 'proposal.withdrawn', row, now);
      return this.load(trx, actor, row.id);
    });
  }

  async decide(actor: Actor, id: string, decision: 'approved' | 'declined', note: string | undefined) {
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await decideProposal(trx, this.deps, this.calendars, actor, { id, decision, note });
      return this.load(trx, actor, row.id);
    });
  }

  private async load(db: Executor, actor: Actor, id: string) {
    const row = await visibleProposals(db, actor).where('proposals.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Proposal');
    return toProposalDto(row);
  }

  private async moveTicket(
    trx: Executor,
    ticket: TicketRow,
    to: TicketStatus,
    reason: string,
    events: NewEvent[],
  ): Promise<void> {
    if (ticket.status === to) return;
    events.push({ type: 'status_changed', data: { from: ticket.status, to, reason } });
    await trx.updateTable('tickets').set({ status: to }).where('id', '=', ticket.id).execute();
  }

  private async hasPendingEstimate(trx: Executor, ticketId: string): Promise<boolean> {
    const pending = await trx
      .selectFrom('estimates')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return pending !== undefined;
  }

  private async audit(trx: Executor, actor: Actor, action: string, row: ProposalRow, at: Date) {
    await recordAudit(trx, actor, {
      action,
      entity: 'proposal',
      entityId: row.id,
      organizationId: row.client_id,
      at,
      data: { status: row.status, estimateMinutes: row.estimate_minutes, amountCents: row.amount_cents },
    });
  }
}

function refuseUnless(proposal: ProposalRow, action: 'edit' | 'send' | 'withdraw'): void {
  const refusal = explainProposalRefusal(proposal.status, action);
  if (refusal) throw new AppError('invalid_transition', refusal, { status: proposal.status });
}

function inPlayConflict(status: string): AppError {
  return new AppError(
    'conflict',
    `The ticket already has a ${status} proposal: withdraw it before drafting another.`,
    { issues: [{ path: 'ticketId', message: `has a ${status} proposal` }] },
  );
}

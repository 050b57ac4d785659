import { decideCoverage, type CoverageDecision } from '../../domain/agreements/coverage';
import { explainTransitionRefusal, isReopening, type TicketStatus } from '../../domain/tickets/ticket-status';
import { localDateOf } from '../../domain/time/local-date';
import { AppError, invalidInput } from '../../errors';
import type { TicketRow } from '../../db/schema';
import type {
  CommentCreateInput,
  LinkCreateInput,
  TicketCreateInput,
  TicketUpdateInput,
  TransitionInput,
} from '../../schemas/tickets';
import { isAgency, requireAgency } from '../access';
import { enqueueSlackNotice } from '../slack/slack-notices';
import { queueTicketEmail } from '../../integrations/email/outbound-email';
import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor, ServiceDeps } from '../context';
import { appendEvents, refreshQueuePosition, resolveEventTime, type NewEvent } from './ticket-history';
import { replanAfterTicketChange } from '../maintenance/replan-hook';
import { findVisibleTicket } from './ticket-access';
import {
  assertAgencyUser,
  assertClientMaySet,
  assertUserIn,
  resolveTicketAgreement,
  resolveTicketClient,
} from './ticket-parties';

/** One occurrence of a recurring maintenance chore, created as a ticket. */
export interface ChoreOccurrence {
  id: string;
  dueOn: string;
  estimateMinutes: number;
}

export class TicketCommands {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  /**
   * `chore` (maintenance upkeep only) creates the occurrence of a recurring chore: its columns are written with
   * the ticket, and the caller — which holds the agreement's planning lock and plans once after all its
   * chores — does the re-plan.
   */
  async create(
    actor: Actor,
    input: TicketCreateInput,
    options: { chore?: ChoreOccurrence } = {},
  ): Promise<{ ticket: TicketRow; coverage: CoverageDecision | null }> {
    const clientId = resolveTicketClient(actor, input.clientId);
    assertClientMaySet(actor, input);
    return this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock.now();
      const at = await resolveEventTime(trx, actor, input.at, now);
      const client = await trx
        .selectFrom('organizations')
        .selectAll()
        .where('id', '=', clientId)
        .where('kind', '=', 'client')
        .executeTakeFirst();
      if (!client)
        throw invalidInput('The client does not exist.', [{ path: 'clientId', message: 'no such client' }]);
      const agreement = await resolveTicketAgreement(
        trx,
        clientId,
        input.agreementId,
        localDateOf(at, client.time_zone),
      );
      const coverage =
        agreement && input.requestType
          ? decideCoverage(agreement.kind, agreement.coverage as never, input.requestType)
          : null;
      // Change work is decided by the agreement, not argued per ticket.
      const kind = coverage === 'change_work' ? 'change' : (input.kind ?? 'support');
      await assertUserIn(trx, input.requesterId, clientId, 'requesterId');
      await assertAgencyUser(trx, input.assigneeId, 'assigneeId');
      const ticket = await trx
        .insertInto('tickets')
        .values({
          client_id: clientId,
          agreement_id: agreement?.id ?? null,
          subject: input.subject,
          body: input.body,
          requester_id: input.requesterId ?? (isAgency(actor) ? null : actor.userId),
          channel: input.channel ?? (isAgency(actor) ? 'api' : 'portal'),
          kind,
          request_type: input.requestType ?? null,
          coverage,
          priority: input.priority,
          status: 'new',
          assignee_id: input.assigneeId ?? null,
          created_at: at,
          updated_at: at,
          ...(options.chore
            ? {
                chore_id: options.chore.id,
                chore_due_on: options.chore.dueOn,
                estimate_minutes: options.chore.estimateMinutes,
              }
            : {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendEvents(trx, ticket.id, actor, at, [
        { type: 'created', data: { priority: ticket.priority, kind, channel: ticket.channel, coverage } },
        ...(input.assigneeId
          ? [{ type: 'assignee_changed', data: { from: null, to: input.assigneeId } }]
          : []),
      ]);
      await refreshQueuePosition(trx, ticket, this.calendars, at);
      if (!options.chore) await replanAfterTicketChange(trx, this.deps, this.calendars, actor, ticket.id);
      if (ticket.priority === 'critical')
        await enqueueSlackNotice(trx, this.deps, { kind: 'critical_created', ticketId: ticket.id });
      return { ticket: await this.reload(trx, ticket.id), coverage };
    });
  }

  async update(actor: Actor, ticketId: string, input: TicketUpdateInput): Promise<TicketRow> {
    return this.deps.db.transaction().execute(async (trx) => {
      // Another client's ticket is not found; the role decides only about the actor's own tickets.
      const ticket = await findVisibleTicket(trx, actor, ticketId, { forUpdate: true });
      requireAgency(actor);
      const at = await resolveEventTime(trx, actor, input.at, this.deps.clock.now(), ticket.id);
      const events: NewEvent[] = [];
      const reason = input.reason ?? null;
      if (input.priority && input.priority !== ticket.priority)
        events.push({
          type: 'priority_changed',
          data: { from: ticket.priority, to: input.priority, reason },
        });
      if (input.kind && input.kind !== ticket.kind)
        events.push({ type: 'kind_changed', data: { from: ticket.kind, to: input.kind, reason } });
      if (input.assigneeId !== undefined && input.assigneeId !== ticket.assignee_id) {
        await assertAgencyUser(trx, input.assigneeId ?? undefined, 'assigneeId');
        events.push({
          type: 'assignee_changed',
          data: { from: ticket.assignee_id, to: input.assigneeId, reason },
        });
      }
      // Triage for maintenance: send to (or take back from) the next window, and the planning estimate.
      if (input.nextWindow !== undefined && input.nextWindow !== ticket.next_window)
        events.push({
          type: 'next_window_changed',
          data: { from: ticket.next_window, to: input.nextWindow, reason },
        });
      if (input.estimateMinutes !== undefined && input.estimateMinutes !== ticket.estimate_minutes)
        events.push({
          type: 'effort_estimated',
          data: { from: ticket.estimate_minutes, to: input.estimateMinutes, reason },
        });
      if (events.length === 0) return ticket;
      await trx
        .updateTable('tickets')
        .set({
          ...(input.priority ? { priority: input.priority } : {}),
          ...(input.kind ? { kind: input.kind } : {}),
          ...(input.assigneeId !== undefined ? { assignee_id: input.assigneeId } : {}),
          ...(input.nextWindow !== undefined ? { next_window: input.nextWindow } : {}),
          ...(input.estimateMinutes !== undefined ? { estimate_minutes: input.estimateMinutes } : {}),
        })
        .where('id', '=', ticket.id)
        .execute();
      await appendEvents(trx, ticket.id, actor, at, events);
      await refreshQueuePosition(trx, ticket, this.calendars, at);
      await replanAfterTicketChange(trx, this.deps, this.calendars, actor, ticket.id);
      return this.reload(trx, ticket.id);
    });
  }

  async comment(actor: Actor, ticketId: string, input: CommentCreateInput) {
    const staff = isAgency(actor);
    return this.deps.db.transaction().execute(async (trx) => {
      const ticket = await findVisibleTicket(trx, actor, ticketId, { forUpdate: true });
      if (!staff && input.visibility === 'internal')
        throw new AppError('forbidden', 'Internal notes are for agency staff.');
      if (!staff && input.assessment)
        throw new AppError('forbidden', 'Only agency staff acknowledge tickets.');
      if (input.assessment && input.visibility !== 'public') {
        throw invalidInput('An assessment is a public reply.', [
          { path: 'visibility', message: 'must be public for an assessment' },
        ]);
      }
      const at = await resolveEventTime(trx, actor, input.at, this.deps.clock.now(), ticket.id);
      const comment = await trx
        .insertInto('ticket_comments')
        .values({
          ticket_id: ticket.id,
          author_id: actor.userId,
          body: input.body,
          visibility: input.visibility,
          is_assessment: input.assessment,
          created_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const events: NewEvent[] = [
        {
          type: 'comment_added',
          data: { commentId: comment.id, visibility: input.visibility, byClient: !staff },
        },
      ];
      let status: TicketStatus = ticket.status;
      if (input.assessment) events.push(...(await this.acknowledgementEvents(trx, ticket)));
      if (input.assessment && ticket.status === 'new') status = 'acknowledged';
      // The client answered: the clocks that paused while we waited on them resume.
      if (!staff && ticket.status === 'waiting_on_client') status = 'in_progress';
      if (status !== ticket.status)
        events.push({
          type: 'status_changed',
          data: { from: ticket.status, to: status, reason: staff ? 'acknowledged' : 'client replied' },
        });
      await trx.updateTable('tickets').set({ status }).where('id', '=', ticket.id).execute();
      await appendEvents(trx, ticket.id, actor, at, events);
      await refreshQueuePosition(trx, ticket, this.calendars, at);
      if (events.some((event) => event.type === 'acknowledged'))
        await enqueueSlackNotice(trx, this.deps, { kind: 'acknowledged', ticketId: ticket.id });
      // Staff's public replies (and acknowledgements) go to the requester by email.
      if (staff && input.visibility === 'public')
        await queueTicketEmail(trx, this.deps, {
          ticketId: ticket.id,
          purpose: input.assessment ? 'acknowledgement' : 'reply',
          text: input.body,
          status: status !== ticket.status ? status : undefined,
        });
      return { comment, ticket: await this.reload(trx, ticket.id) };
    });
  }

  async transition(actor: Actor, ticketId: string, input: TransitionInput): Promise<TicketRow> {
    const staff = isAgency(actor);
    return this.deps.db.transaction().execute(async (trx) => {
      const ticket = await findVisibleTicket(trx, actor, ticketId, { forUpdate: true });
      if (input.status === 'acknowledged') {
        if (!staff) throw new AppError('forbidden', 'Only agency staff acknowledge tickets.');
        if (!input.comment)
          throw invalidInput('Acknowledging needs an initial assessment.', [
            { path: 'comment', message: 'is required when acknowledging' },
          ]);
      }
      const refusal = explainTransitionRefusal(ticket.status, input.status, !staff);
      if (refusal)
        throw new AppError('invalid_transition', refusal, { from: ticket.status, to: input.status });
      const at = await resolveEventTime(trx, actor, input.at, this.deps.clock.now(), ticket.id);
      const events: NewEvent[] = [];
      if (input.comment) {
        const comment = await trx
          .insertInto('ticket_comments')
          .values({
            ticket_id: ticket.id,
            author_id: actor.userId,
            body: input.comment,
            visibility: 'public',
            is_assessment: input.status === 'acknowledged',
            created_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        events.push({
          type: 'comment_added',
          data: { commentId: comment.id, visibility: 'public', byClient: !staff },
        });
      }
      if (input.status === 'acknowledged') events.push(...(await this.acknowledgementEvents(trx, ticket)));
      events.push({
        type: 'status_changed',
        data: {
          from: ticket.status,
          to: input.status,
          reason: input.reason ?? null,
          reopened: isReopening(ticket.status, input.status),
        },
      });
      const resolvedAt =
        input.status === 'resolved'
          ? at
          : isReopening(ticket.status, input.status)
            ? null
            : ticket.resolved_at;
      await trx
        .updateTable('tickets')
        .set({ status: input.status, resolved_at: resolvedAt })
        .where('id', '=', ticket.id)
        .execute();
      await appendEvents(trx, ticket.id, actor, at, events);
      await refreshQueuePosition(trx, ticket, this.calendars, at);
      await replanAfterTicketChange(trx, this.deps, this.calendars, actor, ticket.id);
      const notice = events.some((event) => event.type === 'acknowledged')
        ? 'acknowledged'
        : input.status === 'resolved'
          ? 'resolved'
          : null;
      if (notice) await enqueueSlackNotice(trx, this.deps, { kind: notice, ticketId: ticket.id });
      // Staff's status changes (with their comment) go to the requester by email.
      if (staff)
        await queueTicketEmail(trx, this.deps, {
          ticketId: ticket.id,
          purpose: input.status === 'acknowledged' ? 'acknowledgement' : 'status',
          text: input.comment ?? `Your request is now: ${input.status.replace(/_/g, ' ')}.`,
          status: input.status,
        });
      return this.reload(trx, ticket.id);
    });
  }

  async link(actor: Actor, ticketId: string, input: LinkCreateInput) {
    return this.deps.db.transaction().execute(async (trx) => {
      const from = await findVisibleTicket(trx, actor, ticketId, { forUpdate: true });
      requireAgency(actor);
      const to = await findVisibleTicket(trx, actor, input.ticketId).catch((error: unknown) => {
        if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
        throw invalidInput('The linked ticket does not exist.', [
          { path: 'ticketId', message: 'no such ticket' },
        ]);
      });
      if (from.id === to.id)
        throw invalidInput('A ticket cannot link to itself.', [
          { path: 'ticketId', message: 'must be another ticket' },
        ]);
      if (from.client_id !== to.client_id)
        throw invalidInput('Linked tickets must belong to the same client.', [
          { path: 'ticketId', message: 'belongs to another client' },
        ]);
      const reverse = await trx
        .selectFrom('ticket_links')
        .select('kind')
        .where('from_ticket_id', '=', to.id)
        .where('to_ticket_id', '=', from.id)
        .executeTakeFirst();
      if (reverse) throw new AppError('conflict', 'These tickets are linked already (the other way round).');
      const now = this.deps.clock.now();
      const inserted = await trx
        .insertInto('ticket_links')
        .values({
          from_ticket_id: from.id,
          to_ticket_id: to.id,
          kind: input.kind,
          created_at: now,
          created_by: actor.userId,
        })
        .onConflict((oc) => oc.columns(['from_ticket_id', 'to_ticket_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) throw new AppError('conflict', 'These tickets are linked already.');
      await appendEvents(trx, from.id, actor, now, [
        { type: 'linked', data: { ticketId: to.id, number: to.number, kind: input.kind } },
      ]);
      await appendEvents(trx, to.id, actor, now, [
        { type: 'linked_from', data: { ticketId: from.id, number: from.number, kind: input.kind } },
      ]);
      return {
        fromTicketId: from.id,
        toTicketId: to.id,
        kind: inserted.kind,
        createdAt: inserted.created_at,
      };
    });
  }

  /** The response clock stops at the first acknowledgement only; later assessments are plain replies. */
  private async acknowledgementEvents(trx: Executor, ticket: TicketRow): Promise<NewEvent[]> {
    const earlier = await trx
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', ticket.id)
      .where('type', '=', 'acknowledged')
      .executeTakeFirst();
    return earlier ? [] : [{ type: 'acknowledged' }];
  }

  private reload(trx: Executor, id: string): Promise<TicketRow> {
    return trx.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }
}

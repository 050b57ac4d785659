import { AppError } from '../../errors';
import type { ProposalRow } from '../../db/schema';
import { explainProposalRefusal } from '../../domain/proposals/proposal-rules';
import { isAgency } from '../access';
import { recordAudit } from '../audit';
import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor, ServiceDeps } from '../context';
import { appendEvents, refreshQueuePosition, type NewEvent } from '../tickets/ticket-history';
import { assertTicketOpen, lockProposal } from './proposal-access';
import { addPublicComment, describePrice, notifyAgencyOfDecision } from './proposal-notices';

export interface ProposalDecision {
  id: string;
  decision: 'approved' | 'declined';
  note: string | undefined;
}

/**
 * The client's admin approves or declines a sent proposal (an agency admin may record a decision given
 * elsewhere). Approval sets up the project in the same transaction; either way the ticket moves on (in
 * progress, its clocks running again), and the decision is a ticket event and a public comment.
 */
export async function decideProposal(
  trx: Executor,
  deps: ServiceDeps,
  calendars: CalendarCache,
  actor: Actor,
  input: ProposalDecision,
): Promise<ProposalRow> {
  const { proposal, ticket } = await lockProposal(trx, actor, input.id);
  // Checked after the lookup: another client's proposal is not found, whoever asks.
  if (actor.role !== 'client_admin' && actor.role !== 'agency_admin')
    throw new AppError(
      'forbidden',
      'Proposals are approved or declined by the client’s admins (or recorded by an agency admin).',
    );
  const refusal = explainProposalRefusal(
    proposal.status,
    input.decision === 'approved' ? 'approve' : 'decline',
  );
  if (refusal) throw new AppError('invalid_transition', refusal, { status: proposal.status });
  assertTicketOpen(ticket, 'deciding on its proposal');
  const now = deps.clock.now();
  const note = input.note || (isAgency(actor) ? 'recorded by the agency' : null);
  const row = await trx
    .updateTable('proposals')
    .set({
      status: input.decision,
      decided_by: actor.userId,
      decided_at: now,
      decision_note: note,
      updated_at: now,
    })
    .where('id', '=', proposal.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const project =
    input.decision === 'approved'
      ? await trx
          .insertInto('projects')
          .values({
            proposal_id: row.id,
            client_id: row.client_id,
            name: row.title,
            budget_minutes: row.estimate_minutes,
            amount_cents: row.amount_cents,
            created_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
      : null;
  const events: NewEvent[] = [
    {
      type: 'proposal_decided',
      data: {
        proposalId: row.id,
        title: row.title,
        decision: input.decision,
        note,
        projectId: project?.id ?? null,
      },
    },
    await addPublicComment(
      trx,
      ticket.id,
      actor,
      now,
      decisionComment(row, actor, input.note),
      !isAgency(actor),
    ),
  ];
  if (ticket.status !== 'in_progress') {
    events.push({
      type: 'status_changed',
      data: { from: ticket.status, to: 'in_progress', reason: `proposal ${input.decision}` },
    });
    await trx.updateTable('tickets').set({ status: 'in_progress' }).where('id', '=', ticket.id).execute();
  }
  await appendEvents(trx, ticket.id, actor, now, events);
  await refreshQueuePosition(trx, ticket, calendars, now);
  await notifyAgencyOfDecision(trx, row, ticket, actor, now);
  await recordAudit(trx, actor, {
    action: `proposal.${input.decision}`,
    entity: 'proposal',
    entityId: row.id,
    organizationId: row.client_id,
    at: now,
    data: { note, projectId: project?.id ?? null },
  });
  if (project)
    await recordAudit(trx, actor, {
      action: 'project.created',
      entity: 'project',
      entityId: project.id,
      organizationId: project.client_id,
      at: now,
      data: { proposalId: row.id, budgetMinutes: project.budget_minutes, amountCents: project.amount_cents },
    });
  return row;
}

function decisionComment(row: ProposalRow, actor: Actor, given: string | undefined): string {
  const onBehalf = isAgency(actor) ? ' (recorded by the agency on the client’s behalf)' : '';
  const note = given ? `\n\n> ${given.replace(/\n/g, '\n> ')}` : '';
  if (row.status === 'approved')
    return `**Proposal approved: ${row.title}**${onBehalf}\n\nThe work goes ahead as a project of its own: ${describePrice(row)}, billed separately from the agreement’s hours.${note}`;
  return `**Proposal declined: ${row.title}**${onBehalf}${note}`;
}

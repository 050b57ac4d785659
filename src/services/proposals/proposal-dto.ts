import { sql } from 'kysely';
import type { ProjectRow, ProposalRow } from '../../db/schema';
import { clientScope } from '../access';
import type { Actor, Executor } from '../context';

type ProposalWithTicket = ProposalRow & {
  ticket_number: number;
  ticket_subject: string;
  project_id: string | null;
};

export function toProposalDto(row: ProposalWithTicket) {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    ticketSubject: row.ticket_subject,
    agreementId: row.agreement_id,
    clientId: row.client_id,
    title: row.title,
    scope: row.scope,
    assumptions: row.assumptions,
    estimateMinutes: row.estimate_minutes,
    rateCents: row.rate_cents,
    amountCents: row.amount_cents,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    /** The project an approved proposal became. */
    projectId: row.project_id,
  };
}

export type ProposalDto = ReturnType<typeof toProposalDto>;

/**
 * Proposals with their ticket's number and subject, as the actor may see them: a client sees its own
 * organisation's, and only those sent to it (a draft is the agency's until it is sent).
 */
export function visibleProposals(db: Executor, actor: Actor) {
  const scope = clientScope(actor);
  let query = db
    .selectFrom('proposals')
    .innerJoin('tickets', 'tickets.id', 'proposals.ticket_id')
    .leftJoin('projects', 'projects.proposal_id', 'proposals.id')
    .selectAll('proposals')
    .select([
      'tickets.number as ticket_number',
      'tickets.subject as ticket_subject',
      'projects.id as project_id',
    ]);
  if (scope)
    query = query.where('proposals.client_id', '=', scope).where('proposals.sent_at', 'is not', null);
  return query;
}

type ProjectWithUse = ProjectRow & {
  ticket_id: string;
  ticket_number: number;
  ticket_subject: string;
  used_minutes: number;
};

export function toProjectDto(row: ProjectWithUse) {
  const usedMinutes = Number(row.used_minutes);
  return {
    id: row.id,
    proposalId: row.proposal_id,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    ticketSubject: row.ticket_subject,
    clientId: row.client_id,
    name: row.name,
    status: row.status,
    budgetMinutes: row.budget_minutes,
    usedMinutes,
    /** Negative when the project ran over its budget. */
    remainingMinutes: row.budget_minutes - usedMinutes,
    amountCents: row.amount_cents,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

export type ProjectDto = ReturnType<typeof toProjectDto>;

/** Projects with the time logged on them, as the actor may see them (a client: its own). */
export function visibleProjects(db: Executor, actor: Actor) {
  const scope = clientScope(actor);
  let query = db
    .selectFrom('projects')
    .innerJoin('proposals', 'proposals.id', 'projects.proposal_id')
    .innerJoin('tickets', 'tickets.id', 'proposals.ticket_id')
    .selectAll('projects')
    .select([
      'proposals.ticket_id as ticket_id',
      'tickets.number as ticket_number',
      'tickets.subject as ticket_subject',
      sql<number>`coalesce((select sum(te.minutes) from time_entries te where te.project_id = projects.id), 0)::int`.as(
        'used_minutes',
      ),
    ]);
  if (scope) query = query.where('projects.client_id', '=', scope);
  return query;
}

import type { ProposalRow, TicketRow } from '../../db/schema';
import { queueTicketEmail } from '../../integrations/email/outbound-email';
import type { Actor, Executor, ServiceDeps } from '../context';
import { preferencesOf, recordNotifications } from '../notifications-service';
import type { NewEvent } from '../tickets/ticket-history';

const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });

/** Cents as the web app shows them: "€1,320.00". */
export function formatMoney(cents: number): string {
  return money.format(cents / 100);
}

/** 750 → "12 h 30 min", 45 → "45 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "12 h at €110.00 an hour = €1,320.00" */
export function describePrice(
  proposal: Pick<ProposalRow, 'estimate_minutes' | 'rate_cents' | 'amount_cents'>,
) {
  return `${formatDuration(proposal.estimate_minutes)} at ${formatMoney(proposal.rate_cents)} an hour = ${formatMoney(proposal.amount_cents)}`;
}

/**
 * A public comment in the ticket's thread, so the conversation shows every step of a proposal. Returns the
 * `comment_added` event to append with the change's other events.
 */
export async function addPublicComment(
  trx: Executor,
  ticketId: string,
  actor: Actor,
  at: Date,
  body: string,
  byClient: boolean,
): Promise<NewEvent> {
  const comment = await trx
    .insertInto('ticket_comments')
    .values({ ticket_id: ticketId, author_id: actor.userId, body, visibility: 'public', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { type: 'comment_added', data: { commentId: comment.id, visibility: 'public', byClient } };
}

/**
 * A sent proposal waits on the client's admins: each is told in the app and by email (threaded on the
 * request, so a reply lands on it), as their preferences allow. Mail is queued in the caller's transaction.
 */
export async function notifyClientAdmins(
  trx: Executor,
  deps: ServiceDeps,
  proposal: ProposalRow,
  ticket: Pick<TicketRow, 'id' | 'number' | 'subject'>,
  at: Date,
): Promise<void> {
  const admins = await trx
    .selectFrom('users')
    .select(['id', 'email'])
    .where('organization_id', '=', proposal.client_id)
    .where('role', '=', 'client_admin')
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();
  const prefs = await preferencesOf(
    trx,
    admins.map((admin) => admin.id),
  );
  const title = `Proposal for #${ticket.number}: ${proposal.title}`;
  const summary = `${describePrice(proposal)}. Approve or decline it on the request page.`;
  await recordNotifications(
    trx,
    at,
    admins
      .filter((admin) => prefs.get(admin.id)!.inApp)
      .map((admin) => ({
        userId: admin.id,
        ticketId: ticket.id,
        kind: 'proposal_sent',
        title,
        body: summary,
        dedupeKey: `proposal-sent:${proposal.id}`,
      })),
  );
  const text = [
    `We propose to do this as a project of its own, billed separately from your agreement’s hours: “${proposal.title}”.`,
    `Scope:\n${proposal.scope}`,
    ...(proposal.assumptions ? [`Assumptions:\n${proposal.assumptions}`] : []),
    `Estimate: ${describePrice(proposal)}.`,
    'Please approve or decline the proposal in the portal (an admin of your organisation decides).',
  ].join('\n\n');
  for (const admin of admins.filter((a) => prefs.get(a.id)!.email))
    await queueTicketEmail(trx, deps, {
      ticketId: ticket.id,
      purpose: 'proposal',
      text,
      status: 'waiting_on_client',
      to: admin.email,
    });
}

/** The client decided: the agency people behind the proposal (its author, the ticket's assignee) are told in the app. */
export async function notifyAgencyOfDecision(
  trx: Executor,
  proposal: ProposalRow,
  ticket: Pick<TicketRow, 'id' | 'number' | 'assignee_id'>,
  decider: Actor,
  at: Date,
): Promise<void> {
  const people = [...new Set([proposal.created_by, ticket.assignee_id].filter((id): id is string => !!id))];
  const recipients = people.filter((id) => id !== decider.userId);
  const prefs = await preferencesOf(trx, recipients);
  await recordNotifications(
    trx,
    at,
    recipients
      .filter((id) => prefs.get(id)!.inApp)
      .map((userId) => ({
        userId,
        ticketId: ticket.id,
        kind: 'proposal_decided',
        title: `Proposal ${proposal.status} on #${ticket.number}: ${proposal.title}`,
        body: `${decider.name} ${proposal.status} it${proposal.decision_note ? `: “${proposal.decision_note}”` : '.'}`,
        dedupeKey: `proposal-decided:${proposal.id}`,
      })),
  );
}

import { AppError, invalidInput, notFound } from '../../errors';
import type { AgreementRow, ProposalRow, TicketRow } from '../../db/schema';
import { projectRateOf, rateFieldOf } from '../../domain/proposals/proposal-rules';
import { isOpenStatus } from '../../domain/tickets/ticket-status';
import { clientScope } from '../access';
import type { Actor, Executor } from '../context';

/**
 * A proposal and its ticket, both locked for the change. The ticket is locked first, as every ticket change
 * does, so a proposal change and a ticket change never wait on each other in opposite orders. Another
 * client's proposal, and a draft a client asks for, are not found.
 */
export async function lockProposal(
  trx: Executor,
  actor: Actor,
  id: string,
): Promise<{ proposal: ProposalRow; ticket: TicketRow }> {
  const scope = clientScope(actor);
  let query = trx.selectFrom('proposals').select('ticket_id').where('id', '=', id);
  if (scope) query = query.where('client_id', '=', scope).where('sent_at', 'is not', null);
  const found = await query.executeTakeFirst();
  if (!found) throw notFound('Proposal');
  const ticket = await trx
    .selectFrom('tickets')
    .selectAll()
    .where('id', '=', found.ticket_id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const proposal = await trx
    .selectFrom('proposals')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { proposal, ticket };
}

export function assertTicketOpen(ticket: TicketRow, doing: string): void {
  if (!isOpenStatus(ticket.status))
    throw new AppError('invalid_transition', `The ticket is ${ticket.status}; reopen it before ${doing}.`, {
      from: ticket.status,
    });
}

/**
 * The agreement a change ticket is quoted under and its project rate. Without an agreement, or an agreement
 * that names no rate, there is no price: a 400 that says what to set, never a made-up figure.
 */
export async function pricingOf(
  trx: Executor,
  ticket: TicketRow,
): Promise<{ agreement: AgreementRow; rateCents: number }> {
  if (!ticket.agreement_id)
    throw invalidInput('The ticket falls under no agreement, so there is no project rate to price it at.', [
      { path: 'ticketId', message: 'has no agreement' },
    ]);
  const agreement = await trx
    .selectFrom('agreements')
    .selectAll()
    .where('id', '=', ticket.agreement_id)
    .executeTakeFirstOrThrow();
  const rateCents = projectRateOf(agreement.kind, agreement.terms as Record<string, unknown>);
  if (rateCents === null) {
    const field = rateFieldOf(agreement.kind);
    throw invalidInput(
      `The agreement “${agreement.name}” names no project rate (terms.${field}), so the proposal cannot be priced. Set the rate on the agreement first.`,
      [{ path: `agreement.terms.${field}`, message: 'is not set' }],
    );
  }
  return { agreement, rateCents };
}

import { pickAgreementForTicket } from '../../domain/agreements/coverage';
import { AppError, invalidInput, notFound } from '../../errors';
import type { AgreementRow } from '../../db/schema';
import type { TicketCreateInput } from '../../schemas/tickets';
import { clientScope, isAgency } from '../access';
import type { Actor, Executor } from '../context';

/** Who a new ticket is for and who may be named on it: the checks shared by every intake. */

export function resolveTicketClient(actor: Actor, clientId: string | undefined): string {
  const scope = clientScope(actor);
  if (scope) {
    if (clientId && clientId !== scope) throw notFound('Client');
    return scope;
  }
  if (!clientId)
    throw invalidInput('Agency staff must say which client the ticket is for.', [
      { path: 'clientId', message: 'is required' },
    ]);
  return clientId;
}

export async function resolveTicketAgreement(
  trx: Executor,
  clientId: string,
  agreementId: string | undefined,
  date: string,
): Promise<AgreementRow | null> {
  const agreements = await trx
    .selectFrom('agreements')
    .selectAll()
    .where('client_id', '=', clientId)
    .execute();
  if (agreementId) {
    const named = agreements.find((agreement) => agreement.id === agreementId);
    if (!named)
      throw invalidInput('The agreement does not belong to this client.', [
        { path: 'agreementId', message: 'no such agreement for this client' },
      ]);
    return named;
  }
  const candidates = agreements.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    hasSlaPolicy: row.sla_policy_id !== null,
    row,
  }));
  return pickAgreementForTicket(candidates, date)?.row ?? null;
}

export async function assertUserIn(
  trx: Executor,
  userId: string | undefined,
  organizationId: string,
  path: string,
): Promise<void> {
  if (!userId) return;
  const user = await trx
    .selectFrom('users')
    .select('organization_id')
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.organization_id !== organizationId)
    throw invalidInput('The user is not a member of this client.', [
      { path, message: 'no such user in this client' },
    ]);
}

export async function assertAgencyUser(
  trx: Executor,
  userId: string | undefined,
  path: string,
): Promise<void> {
  if (!userId) return;
  const user = await trx.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
  if (!user || (user.role !== 'agency_admin' && user.role !== 'agency_engineer')) {
    throw invalidInput('Tickets are assigned to agency staff.', [{ path, message: 'no such agency user' }]);
  }
}

/** Triage (kind, assignee) is the agency's; clients raise requests through the portal or the API. */
export function assertClientMaySet(actor: Actor, input: TicketCreateInput): void {
  if (isAgency(actor)) return;
  if (input.assigneeId !== undefined || input.kind !== undefined) {
    throw new AppError('forbidden', 'Agency staff set the kind and the assignee of a ticket.');
  }
  if (input.channel !== undefined && input.channel !== 'portal' && input.channel !== 'api') {
    throw invalidInput('Clients raise requests through the portal or the API.', [
      { path: 'channel', message: 'must be portal or api' },
    ]);
  }
}

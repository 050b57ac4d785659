import { notFound } from '../../errors';
import type { TicketRow } from '../../db/schema';
import { clientScope } from '../access';
import type { Actor, Executor } from '../context';

/** A ticket the actor may see; another client's ticket is "not found", exactly like a missing one. */
export async function findVisibleTicket(
  db: Executor,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TicketRow> {
  const scope = clientScope(actor);
  let query = db.selectFrom('tickets').selectAll().where('id', '=', id);
  if (scope) query = query.where('client_id', '=', scope);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Ticket');
  return row;
}

import { writeReleaseNotes } from '../../domain/maintenance/release-notes';
import type { MaintenanceWindowRow } from '../../db/schema';
import type { Actor, Executor, ServiceDeps } from '../context';
import type { WindowWithAgreement } from './maintenance-access';
import { enqueueReleaseNotes } from './release-notes-delivery';

/**
 * Freezes what became of each item planned into the window: done when its ticket is resolved or closed,
 * otherwise rolled, with the minutes logged on it in the window. Then the window is closed. The caller
 * re-plans (the rolled items move on, their roll count goes up) and then writes the release notes.
 */
export async function recordOutcomes(
  trx: Executor,
  actor: Actor,
  window: WindowWithAgreement,
  now: Date,
): Promise<MaintenanceWindowRow> {
  const items = await trx
    .selectFrom('window_plan')
    .innerJoin('tickets', 'tickets.id', 'window_plan.ticket_id')
    .select(['tickets.id', 'tickets.status'])
    .where('window_plan.window_id', '=', window.id)
    .execute();
  const minutes = await minutesByTicket(trx, window.id);
  if (items.length > 0)
    await trx
      .insertInto('window_outcomes')
      .values(
        items.map((item) => ({
          window_id: window.id,
          ticket_id: item.id,
          outcome:
            item.status === 'resolved' || item.status === 'closed' ? ('done' as const) : ('rolled' as const),
          minutes: minutes.get(item.id) ?? 0,
        })),
      )
      .execute();
  return trx
    .updateTable('maintenance_windows')
    .set({ status: 'closed', closed_at: now, closed_by: actor.userId, updated_at: now })
    .where('id', '=', window.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Minutes logged against the window, per ticket ('' for time on the window itself). */
export async function minutesByTicket(db: Executor, windowId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('time_entries')
    .select(['ticket_id', (eb) => eb.fn.sum<number>('minutes').as('minutes')])
    .where('window_id', '=', windowId)
    .groupBy('ticket_id')
    .execute();
  return new Map(rows.map((row) => [row.ticket_id ?? '', Number(row.minutes)]));
}

/**
 * Writes the window's release notes from its frozen outcomes and the plan that now stands for the rolled
 * items (stored once: a window that has notes keeps them), and queues them for the client: email to its
 * admins and its Slack channels, in this transaction.
 */
export async function publishReleaseNotes(
  trx: Executor,
  deps: ServiceDeps,
  window: WindowWithAgreement,
): Promise<void> {
  const client = await trx
    .selectFrom('organizations')
    .select(['id', 'name', 'time_zone'])
    .where('id', '=', window.client_id)
    .executeTakeFirstOrThrow();
  const outcomes = await trx
    .selectFrom('window_outcomes')
    .innerJoin('tickets', 'tickets.id', 'window_outcomes.ticket_id')
    .leftJoin('window_plan', 'window_plan.ticket_id', 'window_outcomes.ticket_id')
    .leftJoin('maintenance_windows as next', 'next.id', 'window_plan.window_id')
    .select(['window_outcomes.outcome', 'window_outcomes.minutes', 'tickets.number', 'tickets.subject'])
    .select('next.starts_at as next_starts_at')
    .where('window_outcomes.window_id', '=', window.id)
    .orderBy('tickets.number')
    .execute();
  const minutes = await minutesByTicket(trx, window.id);
  const notes = writeReleaseNotes({
    clientName: client.name,
    windowTitle: window.title,
    startsAt: window.starts_at.getTime(),
    endsAt: window.ends_at.getTime(),
    timeZone: client.time_zone,
    done: outcomes.filter((o) => o.outcome === 'done'),
    rolled: outcomes
      .filter((o) => o.outcome === 'rolled')
      .map((o) => ({ ...o, nextWindowStartsAt: o.next_starts_at?.getTime() ?? null })),
    totalMinutes: [...minutes.values()].reduce((sum, value) => sum + value, 0),
  });
  const stored = await trx
    .updateTable('maintenance_windows')
    .set({ release_notes: notes })
    .where('id', '=', window.id)
    .where('release_notes', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (stored) await enqueueReleaseNotes(trx, deps, { ...window, release_notes: notes }, client.name);
}

import { choreDueForWindow } from '../../domain/maintenance/chores';
import { localDateOf } from '../../domain/time/local-date';
import type { AgreementRow } from '../../db/schema';
import { toActor } from '../auth-service';
import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor, ServiceDeps } from '../context';
import { joinTransaction } from '../join-transaction';
import { TicketCommands } from '../tickets/ticket-commands';
import { appendEvents } from '../tickets/ticket-history';

/** The first window still to come that takes new items: the "next window" of an agreement. */
export async function nextWindowOf(trx: Executor, agreementId: string, now: Date) {
  return trx
    .selectFrom('maintenance_windows')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .where('status', '=', 'scheduled')
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** Who the system acts as when a job creates tickets: the longest-standing active agency admin. */
async function systemActor(trx: Executor): Promise<Actor | null> {
  const admin = await trx
    .selectFrom('users')
    .select(['id', 'organization_id', 'role', 'email', 'name'])
    .where('role', '=', 'agency_admin')
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return admin ? toActor(admin) : null;
}

/**
 * Creates a maintenance ticket for each active chore of the agreement that falls due for its next window
 * (domain/maintenance/chores.ts), through the ordinary ticket path (events, SLA, queue), and moves the chore's
 * next due date on. Each occurrence is claimed by moving `next_due_on` from the value read — a second worker
 * doing the same finds it moved and creates nothing; the unique (chore_id, chore_due_on) index stands behind
 * that. Returns the tickets created.
 */
export async function createDueChoreTickets(
  trx: Executor,
  deps: ServiceDeps,
  calendars: CalendarCache,
  agreement: Pick<AgreementRow, 'id' | 'client_id' | 'time_zone'>,
  actor: Actor | null,
  now: Date,
): Promise<string[]> {
  const window = await nextWindowOf(trx, agreement.id, now);
  if (!window) return [];
  const startsOn = localDateOf(window.starts_at, agreement.time_zone);
  const chores = await trx
    .selectFrom('maintenance_chores')
    .selectAll()
    .where('agreement_id', '=', agreement.id)
    .where('active', '=', true)
    .where('next_due_on', '<=', startsOn)
    .orderBy('next_due_on')
    .orderBy('id')
    .execute();
  if (chores.length === 0) return [];
  const creator = actor ?? (await systemActor(trx));
  if (!creator) {
    deps.log.warn({ agreementId: agreement.id }, 'chores are due but there is no agency admin to act as');
    return [];
  }
  const tickets = new TicketCommands({ ...deps, db: joinTransaction(trx) }, calendars);
  const created: string[] = [];
  for (const chore of chores) {
    const due = choreDueForWindow(
      { id: chore.id, cadenceMonths: chore.cadence_months, nextDueOn: chore.next_due_on },
      { id: window.id, startsOn },
    );
    if (!due) continue;
    const claimed = await trx
      .updateTable('maintenance_chores')
      .set({ next_due_on: due.nextDueOn, updated_at: now })
      .where('id', '=', chore.id)
      .where('next_due_on', '=', chore.next_due_on)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) continue;
    const { ticket } = await tickets.create(
      creator,
      {
        clientId: agreement.client_id,
        agreementId: agreement.id,
        subject: chore.title,
        body: [
          chore.description,
          `Recurring chore, every ${chore.cadence_months === 1 ? 'month' : `${chore.cadence_months} months`}; due ${due.dueOn}.`,
        ]
          .filter((part) => part.trim() !== '')
          .join('\n\n'),
        channel: 'api',
        kind: 'maintenance',
        priority: chore.priority,
      },
      { chore: { id: chore.id, dueOn: due.dueOn, estimateMinutes: chore.estimate_minutes } },
    );
    await appendEvents(trx, ticket.id, actor, now, [
      {
        type: 'chore_due',
        data: { choreId: chore.id, dueOn: due.dueOn, estimateMinutes: chore.estimate_minutes },
      },
    ]);
    created.push(ticket.id);
  }
  return created;
}

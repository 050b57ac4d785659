import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor, ServiceDeps } from '../context';
import { isBacklogTicket } from './backlog';
import { MAINTENANCE_PLAN_JOB, type MaintenancePlanJob } from './maintenance-jobs';
import { planAgreement } from './plan-agreement';
import { tryLockPlanning } from './planning-lock';

/**
 * Called by ticket commands after a change to a ticket, in their transaction: when the ticket is in a
 * maintenance backlog, or holds a place in a window still to come or under way, its agreement is re-planned
 * at once. If another planner holds the agreement's
 * lock, waiting could deadlock on the ticket row this transaction holds, so the re-plan goes to a job
 * (one queued per agreement) that runs after both have committed.
 */
export async function replanAfterTicketChange(
  trx: Executor,
  deps: Pick<ServiceDeps, 'jobs' | 'clock'>,
  calendars: CalendarCache,
  actor: Actor | null,
  ticketId: string,
): Promise<void> {
  const ticket = await trx
    .selectFrom('tickets')
    .leftJoin('window_plan', 'window_plan.ticket_id', 'tickets.id')
    .leftJoin('maintenance_windows', 'maintenance_windows.id', 'window_plan.window_id')
    .select([
      'tickets.agreement_id',
      'tickets.status',
      'tickets.kind',
      'tickets.next_window',
      'tickets.chore_id',
    ])
    .select('maintenance_windows.status as plannedWindowStatus')
    .where('tickets.id', '=', ticketId)
    .executeTakeFirst();
  if (!ticket?.agreement_id) return;
  // A ticket out of the backlog matters to the plan only while it holds a place in a window still to come
  // or under way; one released, or part of a closed window's record, does not.
  const holdsPlace =
    ticket.plannedWindowStatus === 'scheduled' || ticket.plannedWindowStatus === 'in_progress';
  if (!isBacklogTicket(ticket) && !holdsPlace) return;
  if (await tryLockPlanning(trx, ticket.agreement_id)) {
    await planAgreement(trx, calendars, ticket.agreement_id, actor, deps.clock.now());
    return;
  }
  const job: MaintenancePlanJob = { agreementId: ticket.agreement_id };
  await deps.jobs.send(trx, MAINTENANCE_PLAN_JOB, job, { singletonKey: ticket.agreement_id });
}

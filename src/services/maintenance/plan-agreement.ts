import { DEFAULT_ITEM_MINUTES } from '../../domain/maintenance/item-size';
import { planWindows, type Plan, type PlanWindow } from '../../domain/maintenance/planner';
import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor } from '../context';
import { appendEvents, refreshQueuePositions } from '../tickets/ticket-history';
import { loadBacklogTickets, loadDueDates, loadItemSizes, toPlanItem } from './backlog';

export interface PlanResult {
  plan: Plan;
  /** Tickets whose planned window changed (each got a `window_planned` event). */
  changed: string[];
}

/** Windows the planner may use: scheduled ones not over yet, and those in progress (which keep their items). */
export async function loadPlannableWindows(db: Executor, agreementId: string, now: Date) {
  return db
    .selectFrom('maintenance_windows')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'scheduled'), eb('ends_at', '>', now)]),
        eb('status', '=', 'in_progress'),
      ]),
    )
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

/**
 * Re-plans one agreement's backlog into its windows and writes the result (`window_plan`). Every ticket whose
 * planned window changes gets a `window_planned` event — `{ windowId, windowEndsAt, rollCount }`, the SLA
 * engine's input for "by the end of the next maintenance window" — and its queue position refreshed.
 * The caller holds the agreement's planning lock (planning-lock.ts) in the same transaction.
 */
export async function planAgreement(
  trx: Executor,
  calendars: CalendarCache,
  agreementId: string,
  actor: Actor | null,
  now: Date,
): Promise<PlanResult> {
  const agreement = await trx
    .selectFrom('agreements')
    .select(['id', 'time_zone'])
    .where('id', '=', agreementId)
    .executeTakeFirstOrThrow();
  const windowRows = await loadPlannableWindows(trx, agreementId, now);
  const tickets = await loadBacklogTickets(trx, agreementId, now);
  const ticketIds = tickets.map((ticket) => ticket.id);
  const existing = await trx
    .selectFrom('window_plan')
    .innerJoin('tickets', 'tickets.id', 'window_plan.ticket_id')
    .leftJoin('maintenance_windows', 'maintenance_windows.id', 'window_plan.window_id')
    .selectAll('window_plan')
    .select([
      'tickets.agreement_id',
      'tickets.resolved_at',
      'maintenance_windows.status as window_status',
      'maintenance_windows.starts_at as window_starts_at',
    ])
    .where('tickets.agreement_id', '=', agreementId)
    .execute();
  const rows = new Map(existing.map((row) => [row.ticket_id, row]));
  // An item done in a closed window and reopened since starts afresh there: it did not roll.
  const done = ticketIds.length
    ? await trx
        .selectFrom('window_outcomes')
        .select(['window_id', 'ticket_id'])
        .where('ticket_id', 'in', ticketIds)
        .where('outcome', '=', 'done')
        .execute()
    : [];
  const doneKeys = new Set(done.map((row) => `${row.window_id}:${row.ticket_id}`));
  const [sizes, dues] = await Promise.all([
    loadItemSizes(trx, tickets),
    loadDueDates(trx, calendars, agreement, tickets, now),
  ]);

  const windows: PlanWindow[] = windowRows.map((w) => ({
    id: w.id,
    startsAt: w.starts_at.getTime(),
    endsAt: w.ends_at.getTime(),
    capacityMinutes: w.capacity_minutes,
    status: w.status === 'in_progress' ? 'in_progress' : 'scheduled',
  }));
  const plan = planWindows({
    windows,
    defaultSizeMinutes: DEFAULT_ITEM_MINUTES,
    items: tickets.map((ticket) => {
      const row = rows.get(ticket.id);
      const windowId = row?.window_id ?? null;
      return toPlanItem(ticket, sizes.get(ticket.id), dues.get(ticket.id) ?? null, {
        windowId: windowId && doneKeys.has(`${windowId}:${ticket.id}`) ? null : windowId,
        rollCount: row?.roll_count ?? 0,
      });
    }),
  });

  const endsAt = new Map(windowRows.map((w) => [w.id, w.ends_at]));
  const changed: string[] = [];
  for (const item of plan.items) {
    const row = rows.get(item.id);
    const moved = (row?.window_id ?? null) !== item.windowId;
    const firstWindowId = row?.first_window_id ?? item.windowId;
    // Most runs leave most items where they were: write only what changed.
    const unchanged =
      row !== undefined &&
      !moved &&
      row.position === item.position &&
      row.roll_count === item.rollCount &&
      row.first_window_id === firstWindowId;
    if (unchanged) continue;
    await trx
      .insertInto('window_plan')
      .values({
        ticket_id: item.id,
        window_id: item.windowId,
        position: item.position,
        roll_count: item.rollCount,
        first_window_id: firstWindowId,
        planned_at: now,
      })
      .onConflict((oc) =>
        oc.column('ticket_id').doUpdateSet({
          window_id: item.windowId,
          position: item.position,
          roll_count: item.rollCount,
          first_window_id: firstWindowId,
          ...(moved ? { planned_at: now } : {}),
        }),
      )
      .execute();
    if (moved) changed.push(item.id);
  }

  // Tickets that left the backlog (resolved before their window, taken back) free their place; in a window
  // in progress or closed — or resolved once their window's time had come, started or not — they stay, as
  // part of that window's record.
  const inBacklog = new Set(ticketIds);
  const released = existing.filter(
    (row) =>
      !inBacklog.has(row.ticket_id) &&
      row.window_id !== null &&
      row.window_status !== 'in_progress' &&
      row.window_status !== 'closed' &&
      !(row.resolved_at && row.window_starts_at && row.resolved_at >= row.window_starts_at),
  );
  for (const row of released) {
    await trx
      .updateTable('window_plan')
      .set({ window_id: null, planned_at: now })
      .where('ticket_id', '=', row.ticket_id)
      .execute();
    changed.push(row.ticket_id);
  }

  const rollCounts = new Map([
    ...existing.map((row) => [row.ticket_id, row.roll_count] as const),
    ...plan.items.map((item) => [item.id, item.rollCount] as const),
  ]);
  const newWindow = new Map(plan.items.map((item) => [item.id, item.windowId]));
  for (const ticketId of changed) {
    const windowId = newWindow.get(ticketId) ?? null;
    await appendEvents(trx, ticketId, actor, now, [
      {
        type: 'window_planned',
        data: {
          windowId,
          windowEndsAt: windowId ? (endsAt.get(windowId)?.toISOString() ?? null) : null,
          rollCount: rollCounts.get(ticketId) ?? 0,
        },
      },
    ]);
  }
  const moved = changed.map((id) => ({ id, agreement_id: agreementId }));
  await refreshQueuePositions(trx, moved, calendars, now, { touch: true });
  return { plan, changed };
}

import type { TicketRow } from '../../db/schema';
import { DEFAULT_ITEM_MINUTES } from '../../domain/maintenance/item-size';
import { windowStatusAt } from '../../domain/report/maintenance-figures';
import type {
  ReportMaintenance,
  ReportTicketRef,
  ReportWindowHeld,
  ReportWindowUpcoming,
} from '../../domain/report/report-model';
import type { ReportPeriod } from '../../domain/report/report-period';
import type { Executor } from '../context';
import { loadItemSizes } from '../maintenance/backlog';
import type { ReportTimeEntry } from './report-hours';
import { currentTicketRef, ticketRefOf, type ReportTicket } from './report-tickets';

/** How many scheduled windows the report looks ahead. */
export const UPCOMING_WINDOWS = 3;

export interface MaintenanceInput {
  db: Executor;
  clientId: string;
  period: ReportPeriod;
  /** Generation time: the upcoming plan is the one standing now. */
  now: Date;
  entries: readonly ReportTimeEntry[];
  tickets: ReadonlyMap<string, ReportTicket>;
}

type RefSource = Pick<TicketRow, 'id' | 'number' | 'subject' | 'priority' | 'kind'>;

export async function computeMaintenance(input: MaintenanceInput): Promise<ReportMaintenance> {
  return {
    held: await heldWindows(input),
    upcoming: { asOf: input.now.toISOString(), windows: await upcomingWindows(input) },
  };
}

/** The ticket as the cutoff knew it, or as it is now when it is younger than that. */
function refOf(input: MaintenanceInput, row: RefSource): ReportTicketRef {
  const known = input.tickets.get(row.id);
  return known ? ticketRefOf(known) : currentTicketRef(row);
}

/** Windows that started in the month, as they stood at its end: outcomes only for those closed by then. */
async function heldWindows(input: MaintenanceInput): Promise<ReportWindowHeld[]> {
  const { period } = input;
  const windows = await input.db
    .selectFrom('maintenance_windows')
    .innerJoin('agreements', 'agreements.id', 'maintenance_windows.agreement_id')
    .selectAll('maintenance_windows')
    .where('agreements.client_id', '=', input.clientId)
    .where('maintenance_windows.starts_at', '>=', new Date(period.from))
    .where('maintenance_windows.starts_at', '<', new Date(period.to))
    .where('maintenance_windows.status', 'in', ['in_progress', 'closed'])
    .orderBy('maintenance_windows.starts_at')
    .orderBy('maintenance_windows.id')
    .execute();
  const held = windows.flatMap((w) => {
    const status = windowStatusAt(
      { startedAt: (w.started_at ?? w.starts_at).getTime(), closedAt: w.closed_at?.getTime() ?? null },
      period.cutoff,
    );
    return status ? [{ window: w, status }] : [];
  });
  const closedIds = held.filter((h) => h.status === 'closed').map((h) => h.window.id);
  const outcomes = closedIds.length
    ? await input.db
        .selectFrom('window_outcomes')
        .innerJoin('tickets', 'tickets.id', 'window_outcomes.ticket_id')
        .select(['window_outcomes.window_id', 'window_outcomes.outcome'])
        .select(['tickets.id', 'tickets.number', 'tickets.subject', 'tickets.priority', 'tickets.kind'])
        .where('window_outcomes.window_id', 'in', closedIds)
        .orderBy('tickets.number')
        .execute()
    : [];
  const rollCounts = await loadRollCounts(input, [
    ...new Set(outcomes.filter((o) => o.outcome === 'rolled').map((o) => o.id)),
  ]);
  return held.map(({ window: w, status }) => {
    const own = outcomes.filter((o) => o.window_id === w.id);
    return {
      title: w.title,
      startsAt: w.starts_at.toISOString(),
      endsAt: w.ends_at.toISOString(),
      capacityMinutes: w.capacity_minutes,
      status,
      minutesLogged: input.entries.filter((e) => e.windowId === w.id).reduce((sum, e) => sum + e.minutes, 0),
      done: own.filter((o) => o.outcome === 'done').map((o) => refOf(input, o)),
      rolled: own
        .filter((o) => o.outcome === 'rolled')
        .map((o) => ({ ...refOf(input, o), rollCount: rollCounts.get(o.id) ?? 1 })),
    };
  });
}

/** How many windows closed by the cutoff each ticket rolled from (the frozen outcomes, not today's plan). */
async function loadRollCounts(input: MaintenanceInput, ticketIds: string[]): Promise<Map<string, number>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await input.db
    .selectFrom('window_outcomes')
    .innerJoin('maintenance_windows', 'maintenance_windows.id', 'window_outcomes.window_id')
    .select(['window_outcomes.ticket_id', (eb) => eb.fn.countAll<number>().as('rolls')])
    .where('window_outcomes.ticket_id', 'in', ticketIds)
    .where('window_outcomes.outcome', '=', 'rolled')
    .where('maintenance_windows.closed_at', '<=', new Date(input.period.cutoff))
    .groupBy('window_outcomes.ticket_id')
    .execute();
  return new Map(rows.map((row) => [row.ticket_id, Number(row.rolls)]));
}

/** The next scheduled windows after generation time, with the items planned into them now. */
async function upcomingWindows(input: MaintenanceInput): Promise<ReportWindowUpcoming[]> {
  const windows = await input.db
    .selectFrom('maintenance_windows')
    .innerJoin('agreements', 'agreements.id', 'maintenance_windows.agreement_id')
    .selectAll('maintenance_windows')
    .where('agreements.client_id', '=', input.clientId)
    .where('maintenance_windows.status', '=', 'scheduled')
    .where('maintenance_windows.starts_at', '>', input.now)
    .orderBy('maintenance_windows.starts_at')
    .orderBy('maintenance_windows.id')
    .limit(UPCOMING_WINDOWS)
    .execute();
  if (windows.length === 0) return [];
  const plan = await input.db
    .selectFrom('window_plan')
    .innerJoin('tickets', 'tickets.id', 'window_plan.ticket_id')
    .select(['window_plan.window_id', 'window_plan.roll_count', 'tickets.estimate_minutes'])
    .select(['tickets.id', 'tickets.number', 'tickets.subject', 'tickets.priority', 'tickets.kind'])
    .where(
      'window_plan.window_id',
      'in',
      windows.map((w) => w.id),
    )
    .orderBy('window_plan.position')
    .orderBy('tickets.number')
    .execute();
  // The planner's own sizing: the engineers' estimate, else the latest standing client estimate.
  const sizes = await loadItemSizes(input.db, plan);
  return windows.map((w) => {
    const items = plan
      .filter((p) => p.window_id === w.id)
      .map((p) => ({
        // The plan is today's: tickets as they are now.
        ...currentTicketRef(p),
        estimateMinutes: sizes.get(p.id)?.minutes ?? DEFAULT_ITEM_MINUTES,
        rollCount: p.roll_count,
      }));
    return {
      title: w.title,
      startsAt: w.starts_at.toISOString(),
      endsAt: w.ends_at.toISOString(),
      capacityMinutes: w.capacity_minutes,
      plannedMinutes: items.reduce((sum, item) => sum + item.estimateMinutes, 0),
      items,
    };
  });
}

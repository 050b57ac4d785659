import { DEFAULT_ITEM_MINUTES } from '../../domain/maintenance/item-size';
import type { UnplannedReason } from '../../domain/maintenance/planner';
import type { BacklogInput, WindowListInput } from '../../schemas/maintenance';
import { clientScope } from '../access';
import type { Actor, Executor, ServiceDeps } from '../context';
import { BACKLOG_COLUMNS, IN_BACKLOG, loadItemSizes, type ItemSize } from './backlog';
import { findVisibleWindow, type WindowWithAgreement } from './maintenance-access';
import { toWindowDto, type WindowFigures } from './maintenance-dto';
import { minutesByTicket } from './window-close';

const DAY_MS = 86_400_000;

/** The reads behind the calendar, the window page and the backlog. Client users read their own only. */
export class MaintenanceQueries {
  constructor(private readonly deps: ServiceDeps) {}

  /** Windows overlapping [from, to) — by default a month back and three ahead — with their figures. */
  async listWindows(actor: Actor, input: WindowListInput) {
    const now = this.deps.clock.now();
    const from = input.from ? new Date(input.from) : new Date(now.getTime() - 31 * DAY_MS);
    const to = input.to ? new Date(input.to) : new Date(now.getTime() + 92 * DAY_MS);
    const scope = clientScope(actor);
    let query = this.deps.db
      .selectFrom('maintenance_windows')
      .innerJoin('agreements', 'agreements.id', 'maintenance_windows.agreement_id')
      .selectAll('maintenance_windows')
      .select(['agreements.client_id', 'agreements.time_zone'])
      .where('maintenance_windows.ends_at', '>', from)
      .where('maintenance_windows.starts_at', '<', to);
    if (scope) query = query.where('agreements.client_id', '=', scope);
    if (input.clientId) query = query.where('agreements.client_id', '=', input.clientId);
    if (input.agreementId) query = query.where('agreements.id', '=', input.agreementId);
    if (input.status) query = query.where('maintenance_windows.status', '=', input.status);
    const rows = await query
      .orderBy('maintenance_windows.starts_at')
      .orderBy('maintenance_windows.id')
      .limit(1000)
      .execute();
    const figures = await windowFigures(this.deps.db, rows);
    return rows.map((row) => toWindowDto(row, figures.get(row.id)!));
  }

  /** One window with its items, the time logged in it and (once closed) its release notes. */
  async getWindow(actor: Actor, id: string) {
    const window = await findVisibleWindow(this.deps.db, actor, id);
    const db = this.deps.db;
    const minutes = await minutesByTicket(db, window.id);
    const [figures, agreement, items] = await Promise.all([
      windowFigures(db, [window]),
      db
        .selectFrom('agreements')
        .select(['id', 'name', 'kind'])
        .where('id', '=', window.agreement_id)
        .executeTakeFirstOrThrow(),
      windowItems(db, window, minutes),
    ]);
    const total = [...minutes.values()].reduce((sum, value) => sum + value, 0);
    const onItems = items.reduce((sum, item) => sum + item.minutesLogged, 0);
    return {
      ...toWindowDto(window, figures.get(window.id)!),
      agreement,
      releaseNotes: window.release_notes,
      time: {
        totalMinutes: total,
        onItemsMinutes: onItems,
        /** Time on the window itself or on tickets that are not its items (preparation, deploys). */
        otherMinutes: total - onItems,
      },
      items,
    };
  }

  /** Open backlog items with the window each is planned into (or why none), in plan order. */
  async backlog(actor: Actor, input: BacklogInput) {
    const scope = clientScope(actor);
    const db = this.deps.db;
    let query = db
      .selectFrom('tickets')
      .leftJoin('window_plan', 'window_plan.ticket_id', 'tickets.id')
      .leftJoin('maintenance_windows', 'maintenance_windows.id', 'window_plan.window_id')
      .select(BACKLOG_COLUMNS)
      .select([
        'window_plan.position',
        'window_plan.roll_count',
        'window_plan.first_window_id',
        'window_plan.planned_at',
        'maintenance_windows.id as window_id',
        'maintenance_windows.title as window_title',
        'maintenance_windows.starts_at as window_starts_at',
        'maintenance_windows.ends_at as window_ends_at',
        'maintenance_windows.status as window_status',
      ])
      .where('tickets.agreement_id', 'is not', null)
      .where(IN_BACKLOG);
    if (scope) query = query.where('tickets.client_id', '=', scope);
    if (input.clientId) query = query.where('tickets.client_id', '=', input.clientId);
    if (input.agreementId) query = query.where('tickets.agreement_id', '=', input.agreementId);
    const rows = await query.execute();
    const sizes = await loadItemSizes(db, rows);
    const reasons = await unplannedReasons(
      db,
      [...new Set(rows.map((row) => row.agreement_id!))],
      this.deps.clock.now(),
    );
    const items = rows.map((row) => {
      const size = sizeOf(sizes.get(row.id));
      return {
        ticketId: row.id,
        number: row.number,
        subject: row.subject,
        priority: row.priority,
        status: row.status,
        kind: row.kind,
        clientId: row.client_id,
        agreementId: row.agreement_id!,
        nextWindow: row.next_window,
        choreId: row.chore_id,
        choreDueOn: row.chore_due_on,
        createdAt: row.created_at,
        sizeMinutes: size.minutes,
        sizeSource: size.source,
        rollCount: row.roll_count ?? 0,
        /** Order inside its window, or among the unplanned; null before the planner first ran. */
        position: row.position,
        plannedAt: row.planned_at,
        window: row.window_id
          ? {
              id: row.window_id,
              title: row.window_title!,
              startsAt: row.window_starts_at!,
              endsAt: row.window_ends_at!,
              status: row.window_status!,
            }
          : null,
        unplannedReason: row.window_id ? null : reasons(row.agreement_id!, size.minutes),
      };
    });
    items.sort(
      (a, b) =>
        (a.window ? 0 : 1) - (b.window ? 0 : 1) ||
        (a.window && b.window ? a.window.startsAt.getTime() - b.window.startsAt.getTime() : 0) ||
        (a.position ?? Infinity) - (b.position ?? Infinity) ||
        a.number - b.number,
    );
    return { defaultSizeMinutes: DEFAULT_ITEM_MINUTES, items };
  }
}

function sizeOf(size: ItemSize | undefined): { minutes: number; source: ItemSize['source'] } {
  return { minutes: size?.minutes ?? DEFAULT_ITEM_MINUTES, source: size?.source ?? 'default' };
}

/** Planned minutes, item counts, outcomes and time logged for each window. */
async function windowFigures(
  db: Executor,
  windows: readonly WindowWithAgreement[],
): Promise<Map<string, WindowFigures>> {
  const ids = windows.map((w) => w.id);
  const figures = new Map<string, WindowFigures>(
    ids.map((id) => [
      id,
      { plannedMinutes: 0, itemCount: 0, doneCount: 0, rolledCount: 0, minutesLogged: 0 },
    ]),
  );
  if (ids.length === 0) return figures;
  const closed = new Set(windows.filter((w) => w.status === 'closed').map((w) => w.id));
  const [planned, outcomes, logged] = await Promise.all([
    db
      .selectFrom('window_plan')
      .innerJoin('tickets', 'tickets.id', 'window_plan.ticket_id')
      .select(['window_plan.window_id', 'tickets.id', 'tickets.estimate_minutes'])
      .where('window_plan.window_id', 'in', ids)
      .execute(),
    db
      .selectFrom('window_outcomes')
      .innerJoin('tickets', 'tickets.id', 'window_outcomes.ticket_id')
      .select([
        'window_outcomes.window_id',
        'window_outcomes.outcome',
        'tickets.id',
        'tickets.estimate_minutes',
      ])
      .where('window_outcomes.window_id', 'in', ids)
      .execute(),
    db
      .selectFrom('time_entries')
      .select(['window_id', (eb) => eb.fn.sum<number>('minutes').as('minutes')])
      .where('window_id', 'in', ids)
      .groupBy('window_id')
      .execute(),
  ]);
  // A closed window's items are its frozen outcomes; the others', the plan standing now.
  const items = [
    ...planned.filter((p) => !closed.has(p.window_id!)).map((p) => ({ ...p, window_id: p.window_id! })),
    ...outcomes.filter((o) => closed.has(o.window_id)),
  ];
  const sizes = await loadItemSizes(db, items);
  for (const item of items) {
    const entry = figures.get(item.window_id)!;
    entry.itemCount++;
    entry.plannedMinutes += sizeOf(sizes.get(item.id)).minutes;
  }
  for (const outcome of outcomes) {
    const entry = figures.get(outcome.window_id)!;
    if (outcome.outcome === 'done') entry.doneCount++;
    else entry.rolledCount++;
  }
  for (const row of logged) figures.get(row.window_id!)!.minutesLogged = Number(row.minutes);
  return figures;
}

/** The window's items: the frozen outcomes once closed, otherwise the plan in order. */
/** `minutes`: the time logged in the window per ticket (minutesByTicket), which the caller has already read. */
async function windowItems(db: Executor, window: WindowWithAgreement, minutes: Map<string, number>) {
  const closed = window.status === 'closed';
  const base = db
    .selectFrom('tickets')
    .leftJoin('window_plan', 'window_plan.ticket_id', 'tickets.id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.subject',
      'tickets.priority',
      'tickets.status',
      'tickets.kind',
      'tickets.estimate_minutes',
      'tickets.chore_id',
      'window_plan.roll_count',
      'window_plan.position',
      'window_plan.window_id as planned_window_id',
    ]);
  const rows = closed
    ? await base
        .innerJoin('window_outcomes', 'window_outcomes.ticket_id', 'tickets.id')
        .select(['window_outcomes.outcome', 'window_outcomes.minutes as outcome_minutes'])
        .where('window_outcomes.window_id', '=', window.id)
        .execute()
    : (await base.where('window_plan.window_id', '=', window.id).execute()).map((row) => ({
        ...row,
        outcome: null,
        outcome_minutes: null,
      }));
  const sizes = await loadItemSizes(db, rows);
  return rows
    .map((row) => {
      const size = sizeOf(sizes.get(row.id));
      return {
        ticketId: row.id,
        number: row.number,
        subject: row.subject,
        priority: row.priority,
        status: row.status,
        kind: row.kind,
        choreId: row.chore_id,
        sizeMinutes: size.minutes,
        sizeSource: size.source,
        rollCount: row.roll_count ?? 0,
        planned: row.planned_window_id === window.id ? row.position : null,
        outcome: row.outcome,
        /** Minutes logged on the item in this window (frozen at close for a closed window). */
        minutesLogged: row.outcome_minutes ?? minutes.get(row.id) ?? 0,
      };
    })
    .sort(
      (a, b) =>
        (a.outcome === 'rolled' ? 1 : 0) - (b.outcome === 'rolled' ? 1 : 0) ||
        (a.planned ?? Infinity) - (b.planned ?? Infinity) ||
        a.number - b.number,
    )
    .map(({ planned: _planned, ...item }, index) => ({
      ...item,
      /**
       * 1-based order on the window page: plan order, items already done keeping their place, rolled ones
       * of a closed window last.
       */
      position: index + 1,
    }));
}

/** Why an unplanned item has no window, per agreement: see domain/maintenance/planner.ts. */
async function unplannedReasons(db: Executor, agreementIds: readonly string[], now: Date) {
  const windows = agreementIds.length
    ? await db
        .selectFrom('maintenance_windows')
        .select(['agreement_id', 'capacity_minutes'])
        .where('agreement_id', 'in', agreementIds)
        .where('status', '=', 'scheduled')
        .where('ends_at', '>', now)
        .execute()
    : [];
  const largest = new Map<string, number>();
  for (const w of windows)
    largest.set(w.agreement_id, Math.max(largest.get(w.agreement_id) ?? 0, w.capacity_minutes));
  return (agreementId: string, minutes: number): UnplannedReason => {
    const capacity = largest.get(agreementId);
    if (capacity === undefined) return 'no_window';
    return minutes > capacity ? 'larger_than_any_window' : 'no_room';
  };
}

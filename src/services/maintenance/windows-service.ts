import { AppError, invalidInput } from '../../errors';
import type { MaintenanceWindowRow } from '../../db/schema';
import type { OneOffWindowInput, WindowUpdateInput } from '../../schemas/maintenance';
import { requireAgency } from '../access';
import { recordAudit } from '../audit';
import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor, ServiceDeps } from '../context';
import { upkeepAgreement } from './agreement-upkeep';
import { findAgreementForStaff, findVisibleWindow, type WindowWithAgreement } from './maintenance-access';
import { lockPlanning } from './planning-lock';
import { publishReleaseNotes, recordOutcomes } from './window-close';

/** One-off windows, changes to a single window, cancelling, and running a window (start, close). */
export class MaintenanceWindowsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  async createOneOff(actor: Actor, agreementId: string, input: OneOffWindowInput): Promise<string> {
    const agreement = await findAgreementForStaff(this.deps.db, actor, agreementId);
    return this.deps.db.transaction().execute(async (trx) => {
      await lockPlanning(trx, agreement.id);
      const now = this.deps.clock.now();
      if (Date.parse(input.endsAt) <= now.getTime())
        throw invalidInput('The window is over already.', [
          { path: 'endsAt', message: 'must be in the future' },
        ]);
      const row = await trx
        .insertInto('maintenance_windows')
        .values({
          agreement_id: agreement.id,
          schedule_id: null,
          title: input.title,
          starts_at: input.startsAt,
          ends_at: input.endsAt,
          capacity_minutes: input.capacityMinutes,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await upkeepAgreement(trx, this.deps, this.calendars, agreement.id, actor);
      await this.audit(trx, actor, 'maintenance_window.created', row, agreement.client_id, now);
      return row.id;
    });
  }

  /** A single window still to come: another time, title or capacity (its schedule is untouched). */
  async update(actor: Actor, windowId: string, input: WindowUpdateInput): Promise<void> {
    await this.changeScheduled(actor, windowId, 'maintenance_window.updated', async (trx, window, now) => {
      const startsAt = input.startsAt ? new Date(input.startsAt) : window.starts_at;
      const endsAt = input.endsAt ? new Date(input.endsAt) : window.ends_at;
      if (endsAt <= startsAt)
        throw invalidInput('The window must end after it starts.', [
          { path: 'endsAt', message: 'must be after startsAt' },
        ]);
      if (endsAt <= now)
        throw invalidInput('The window would be over already.', [
          { path: 'endsAt', message: 'must be in the future' },
        ]);
      return trx
        .updateTable('maintenance_windows')
        .set({
          starts_at: startsAt,
          ends_at: endsAt,
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.capacityMinutes !== undefined ? { capacity_minutes: input.capacityMinutes } : {}),
          updated_at: now,
        })
        .where('id', '=', window.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  /** Cancels a window still to come; its items move on to the next window (they rolled). */
  async cancel(actor: Actor, windowId: string): Promise<void> {
    await this.changeScheduled(actor, windowId, 'maintenance_window.cancelled', (trx, window, now) =>
      trx
        .updateTable('maintenance_windows')
        .set({ status: 'cancelled', updated_at: now })
        .where('id', '=', window.id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }

  /** Starts the window: from now on it keeps the items planned into it and takes no new ones. */
  async start(actor: Actor, windowId: string): Promise<void> {
    await this.changeWindow(
      actor,
      windowId,
      ['scheduled'],
      'maintenance_window.started',
      (trx, window, now) =>
        trx
          .updateTable('maintenance_windows')
          .set({ status: 'in_progress', started_at: now, started_by: actor.userId, updated_at: now })
          .where('id', '=', window.id)
          .returningAll()
          .executeTakeFirstOrThrow(),
    );
  }

  /**
   * Closes the window: outcomes per item (done when resolved or closed, else rolled), release notes written
   * once and sent to the client, and the rolled items re-planned into the windows after it.
   */
  async close(actor: Actor, windowId: string): Promise<void> {
    await this.changeWindow(
      actor,
      windowId,
      ['in_progress'],
      'maintenance_window.closed',
      (trx, window, now) => recordOutcomes(trx, actor, window, now),
      (trx, window) => publishReleaseNotes(trx, this.deps, window),
    );
  }

  private changeScheduled(
    actor: Actor,
    windowId: string,
    action: string,
    change: (trx: Executor, window: WindowWithAgreement, now: Date) => Promise<MaintenanceWindowRow>,
  ): Promise<void> {
    return this.changeWindow(actor, windowId, ['scheduled'], action, change);
  }

  /**
   * One change to one window, re-planned in the same transaction; `afterPlan` sees the new plan. Lock order:
   * the agreement's planning lock first, then the window row (as every planner does).
   */
  private async changeWindow(
    actor: Actor,
    windowId: string,
    allowed: readonly MaintenanceWindowRow['status'][],
    action: string,
    change: (trx: Executor, window: WindowWithAgreement, now: Date) => Promise<MaintenanceWindowRow>,
    afterPlan?: (trx: Executor, window: WindowWithAgreement) => Promise<void>,
  ): Promise<void> {
    const found = await findVisibleWindow(this.deps.db, actor, windowId);
    requireAgency(actor);
    await this.deps.db.transaction().execute(async (trx) => {
      await lockPlanning(trx, found.agreement_id);
      const window = await findVisibleWindow(trx, actor, windowId, { forUpdate: true });
      if (!allowed.includes(window.status))
        throw new AppError(
          'invalid_transition',
          `The window is ${window.status.replace('_', ' ')}; this needs it ${allowed.join(' or ').replace('_', ' ')}.`,
          { from: window.status },
        );
      const now = this.deps.clock.now();
      const row = await change(trx, window, now);
      await upkeepAgreement(trx, this.deps, this.calendars, window.agreement_id, actor);
      await afterPlan?.(trx, { ...window, ...row });
      await this.audit(trx, actor, action, row, window.client_id, now);
    });
  }

  private async audit(
    trx: Executor,
    actor: Actor,
    action: string,
    row: MaintenanceWindowRow,
    clientId: string,
    at: Date,
  ): Promise<void> {
    await recordAudit(trx, actor, {
      action,
      entity: 'maintenance_window',
      entityId: row.id,
      organizationId: clientId,
      at,
      data: {
        title: row.title,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        capacityMinutes: row.capacity_minutes,
        status: row.status,
      },
    });
  }
}

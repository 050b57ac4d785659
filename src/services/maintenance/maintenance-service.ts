import type { CalendarCache } from '../calendars-service';
import type { Actor, ServiceDeps } from '../context';
import { agreementsWithMaintenance, upkeepAgreement } from './agreement-upkeep';
import { MaintenanceChoresService } from './chores-service';
import { findAgreementForStaff } from './maintenance-access';
import { MaintenanceQueries } from './maintenance-queries';
import { planAgreement } from './plan-agreement';
import { lockPlanning } from './planning-lock';
import { sendReleaseNotesToSlack } from './release-notes-delivery';
import { MaintenanceSchedulesService } from './schedules-service';
import { MaintenanceWindowsService } from './windows-service';

/** Planning on demand and the maintenance jobs (daily upkeep, deferred re-plans, Slack release notes). */
export class MaintenancePlanning {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  /** Staff: bring one agreement up to date now (windows, due chores, plan). */
  async refresh(actor: Actor, agreementId: string) {
    const agreement = await findAgreementForStaff(this.deps.db, actor, agreementId);
    const result = await this.deps.db
      .transaction()
      .execute((trx) => upkeepAgreement(trx, this.deps, this.calendars, agreement.id, actor));
    return {
      agreementId: agreement.id,
      windowsCreated: result.windowsCreated,
      choreTicketsCreated: result.choreTickets,
      changedTicketIds: result.changed,
    };
  }

  /** The `maintenance.plan` job: a re-plan a ticket change could not do itself. */
  async replan(agreementId: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      await lockPlanning(trx, agreementId);
      await planAgreement(trx, this.calendars, agreementId, null, this.deps.clock.now());
    });
  }

  /**
   * The daily job: every agreement with maintenance gets its upkeep, each in its own transaction. One
   * agreement failing does not stop the others; the job fails at the end (and is retried) if any did.
   */
  async runDaily(): Promise<{
    agreements: number;
    windowsCreated: number;
    choreTickets: number;
    failed: number;
  }> {
    const ids = await agreementsWithMaintenance(this.deps.db);
    const totals = { agreements: ids.length, windowsCreated: 0, choreTickets: 0, failed: 0 };
    for (const id of ids) {
      try {
        const result = await this.deps.db
          .transaction()
          .execute((trx) => upkeepAgreement(trx, this.deps, this.calendars, id, null));
        totals.windowsCreated += result.windowsCreated;
        totals.choreTickets += result.choreTickets.length;
      } catch (error) {
        totals.failed++;
        this.deps.log.error({ err: error, agreementId: id }, 'maintenance upkeep failed');
      }
    }
    if (totals.failed > 0) throw new Error(`maintenance upkeep failed for ${totals.failed} agreement(s)`);
    return totals;
  }

  /** The Slack job of a closed window's release notes. */
  postReleaseNotesToSlack(windowId: string) {
    return sendReleaseNotesToSlack(this.deps, windowId);
  }
}

export function createMaintenanceServices(deps: ServiceDeps, calendars: CalendarCache) {
  return {
    schedules: new MaintenanceSchedulesService(deps, calendars),
    chores: new MaintenanceChoresService(deps, calendars),
    windows: new MaintenanceWindowsService(deps, calendars),
    queries: new MaintenanceQueries(deps),
    planning: new MaintenancePlanning(deps, calendars),
  };
}

export type MaintenanceServices = ReturnType<typeof createMaintenanceServices>;

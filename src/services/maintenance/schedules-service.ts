import type { MaintenanceScheduleRow } from '../../db/schema';
import type { ScheduleCreateInput, ScheduleUpdateInput } from '../../schemas/maintenance';
import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor, ServiceDeps } from '../context';
import {
  agreementOf,
  auditAgreementItem,
  changeUnderPlanningLock,
  type AgreementItemAudit,
} from './agreement-items';
import { upkeepAgreement } from './agreement-upkeep';
import { findAgreementForStaff, findScheduleForStaff } from './maintenance-access';
import { toScheduleDto } from './maintenance-dto';
import { rematerialiseSchedule } from './materialise';

/** Recurring windows per agreement (agency staff only): creating or editing one re-plans the agreement. */
export class MaintenanceSchedulesService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  async list(actor: Actor, agreementId: string) {
    const agreement = await findAgreementForStaff(this.deps.db, actor, agreementId);
    const rows = await this.deps.db
      .selectFrom('maintenance_schedules')
      .selectAll()
      .where('agreement_id', '=', agreement.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => toScheduleDto(row, agreement.time_zone));
  }

  async create(actor: Actor, agreementId: string, input: ScheduleCreateInput) {
    const agreement = await findAgreementForStaff(this.deps.db, actor, agreementId);
    return changeUnderPlanningLock(this.deps, agreement.id, async (trx, now) => {
      const row = await trx
        .insertInto('maintenance_schedules')
        .values({
          agreement_id: agreement.id,
          name: input.name,
          rule: JSON.stringify(input.rule),
          capacity_minutes: input.capacityMinutes,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const upkeep = await upkeepAgreement(trx, this.deps, this.calendars, agreement.id, actor);
      await this.audit(trx, actor, 'created', row, agreement.client_id, now);
      return { ...toScheduleDto(row, agreement.time_zone), windowsCreated: upkeep.windowsCreated };
    });
  }

  async update(actor: Actor, id: string, input: ScheduleUpdateInput) {
    const found = await findScheduleForStaff(this.deps.db, actor, id);
    return changeUnderPlanningLock(this.deps, found.agreement_id, async (trx, now) => {
      const row = await trx
        .updateTable('maintenance_schedules')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.rule !== undefined ? { rule: JSON.stringify(input.rule) } : {}),
          ...(input.capacityMinutes !== undefined ? { capacity_minutes: input.capacityMinutes } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const agreement = await agreementOf(trx, row.agreement_id);
      await rematerialiseSchedule(trx, row, agreement.time_zone, now);
      await upkeepAgreement(trx, this.deps, this.calendars, row.agreement_id, actor);
      await this.audit(trx, actor, 'updated', row, agreement.client_id, now);
      return toScheduleDto(row, agreement.time_zone);
    });
  }

  /** Stops the schedule: its windows still to come go, its past windows stay as they were. */
  async remove(actor: Actor, id: string): Promise<void> {
    const found = await findScheduleForStaff(this.deps.db, actor, id);
    await changeUnderPlanningLock(this.deps, found.agreement_id, async (trx, now) => {
      const row = await trx
        .updateTable('maintenance_schedules')
        .set({ active: false, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const agreement = await agreementOf(trx, row.agreement_id);
      await rematerialiseSchedule(trx, row, agreement.time_zone, now);
      await upkeepAgreement(trx, this.deps, this.calendars, row.agreement_id, actor);
      await this.audit(trx, actor, 'stopped', row, agreement.client_id, now);
    });
  }

  private audit(
    trx: Executor,
    actor: Actor,
    change: AgreementItemAudit['change'],
    row: MaintenanceScheduleRow,
    clientId: string,
    at: Date,
  ): Promise<void> {
    const data = {
      name: row.name,
      rule: row.rule,
      capacityMinutes: row.capacity_minutes,
      active: row.active,
    };
    return auditAgreementItem(trx, actor, {
      entity: 'maintenance_schedule',
      change,
      entityId: row.id,
      clientId,
      at,
      data,
    });
  }
}

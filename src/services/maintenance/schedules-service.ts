import type { MaintenanceScheduleRow } from '../../db/schema';
import type { ScheduleCreateInput, ScheduleUpdateInput } from '../../schemas/maintenance';
import { recordAudit } from '../audit';
import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor, ServiceDeps } from '../context';
import { upkeepAgreement } from './agreement-upkeep';
import { findAgreementForStaff, findScheduleForStaff } from './maintenance-access';
import { toScheduleDto } from './maintenance-dto';
import { rematerialiseSchedule } from './materialise';
import { lockPlanning } from './planning-lock';

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
    return this.deps.db.transaction().execute(async (trx) => {
      await lockPlanning(trx, agreement.id);
      const now = this.deps.clock.now();
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
      await this.audit(trx, actor, 'maintenance_schedule.created', row, agreement.client_id, now);
      return { ...toScheduleDto(row, agreement.time_zone), windowsCreated: upkeep.windowsCreated };
    });
  }

  async update(actor: Actor, id: string, input: ScheduleUpdateInput) {
    const found = await findScheduleForStaff(this.deps.db, actor, id);
    return this.deps.db.transaction().execute(async (trx) => {
      await lockPlanning(trx, found.agreement_id);
      const now = this.deps.clock.now();
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
      const agreement = await this.agreementOf(trx, row.agreement_id);
      await rematerialiseSchedule(trx, row, agreement.time_zone, now);
      await upkeepAgreement(trx, this.deps, this.calendars, row.agreement_id, actor);
      await this.audit(trx, actor, 'maintenance_schedule.updated', row, agreement.client_id, now);
      return toScheduleDto(row, agreement.time_zone);
    });
  }

  /** Stops the schedule: its windows still to come go, its past windows stay as they were. */
  async remove(actor: Actor, id: string): Promise<void> {
    const found = await findScheduleForStaff(this.deps.db, actor, id);
    await this.deps.db.transaction().execute(async (trx) => {
      await lockPlanning(trx, found.agreement_id);
      const now = this.deps.clock.now();
      const row = await trx
        .updateTable('maintenance_schedules')
        .set({ active: false, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const agreement = await this.agreementOf(trx, row.agreement_id);
      await rematerialiseSchedule(trx, row, agreement.time_zone, now);
      await upkeepAgreement(trx, this.deps, this.calendars, row.agreement_id, actor);
      await this.audit(trx, actor, 'maintenance_schedule.stopped', row, agreement.client_id, now);
    });
  }

  private agreementOf(trx: Executor, id: string) {
    return trx
      .selectFrom('agreements')
      .select(['id', 'client_id', 'time_zone'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  private async audit(
    trx: Executor,
    actor: Actor,
    action: string,
    row: MaintenanceScheduleRow,
    clientId: string,
    at: Date,
  ): Promise<void> {
    await recordAudit(trx, actor, {
      action,
      entity: 'maintenance_schedule',
      entityId: row.id,
      organizationId: clientId,
      at,
      data: { name: row.name, rule: row.rule, capacityMinutes: row.capacity_minutes, active: row.active },
    });
  }
}

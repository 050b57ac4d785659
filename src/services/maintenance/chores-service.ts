import type { MaintenanceChoreRow } from '../../db/schema';
import type { ChoreCreateInput, ChoreUpdateInput } from '../../schemas/maintenance';
import type { CalendarCache } from '../calendars-service';
import type { Actor, Executor, ServiceDeps } from '../context';
import {
  agreementOf,
  auditAgreementItem,
  changeUnderPlanningLock,
  type AgreementItemAudit,
} from './agreement-items';
import { upkeepAgreement } from './agreement-upkeep';
import { findAgreementForStaff, findChoreForStaff } from './maintenance-access';
import { toChoreDto } from './maintenance-dto';

/**
 * Recurring chores per agreement (agency staff only). A change runs the agreement's upkeep at once, so a
 * chore already due for the next window has its ticket when the call returns.
 */
export class MaintenanceChoresService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  async list(actor: Actor, agreementId: string) {
    const agreement = await findAgreementForStaff(this.deps.db, actor, agreementId);
    const rows = await this.deps.db
      .selectFrom('maintenance_chores')
      .selectAll()
      .where('agreement_id', '=', agreement.id)
      .orderBy('active', 'desc')
      .orderBy('next_due_on')
      .orderBy('id')
      .execute();
    return rows.map(toChoreDto);
  }

  async create(actor: Actor, agreementId: string, input: ChoreCreateInput) {
    const agreement = await findAgreementForStaff(this.deps.db, actor, agreementId);
    return changeUnderPlanningLock(this.deps, agreement.id, async (trx, now) => {
      const row = await trx
        .insertInto('maintenance_chores')
        .values({
          agreement_id: agreement.id,
          title: input.title,
          description: input.description,
          cadence_months: input.cadenceMonths,
          estimate_minutes: input.estimateMinutes,
          priority: input.priority,
          next_due_on: input.nextDueOn,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const upkeep = await upkeepAgreement(trx, this.deps, this.calendars, agreement.id, actor);
      await this.audit(trx, actor, 'created', row, agreement.client_id, now);
      return this.withTicket(trx, row.id, upkeep.choreTickets);
    });
  }

  async update(actor: Actor, id: string, input: ChoreUpdateInput) {
    const found = await findChoreForStaff(this.deps.db, actor, id);
    return changeUnderPlanningLock(this.deps, found.agreement_id, async (trx, now) => {
      const row = await trx
        .updateTable('maintenance_chores')
        .set({
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.cadenceMonths !== undefined ? { cadence_months: input.cadenceMonths } : {}),
          ...(input.estimateMinutes !== undefined ? { estimate_minutes: input.estimateMinutes } : {}),
          ...(input.priority !== undefined ? { priority: input.priority } : {}),
          ...(input.nextDueOn !== undefined ? { next_due_on: input.nextDueOn } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const upkeep = await upkeepAgreement(trx, this.deps, this.calendars, row.agreement_id, actor);
      const agreement = await agreementOf(trx, row.agreement_id);
      await this.audit(trx, actor, 'updated', row, agreement.client_id, now);
      return this.withTicket(trx, row.id, upkeep.choreTickets);
    });
  }

  /** Stops the chore; tickets it already created stay in the backlog until they are done. */
  async remove(actor: Actor, id: string): Promise<void> {
    const found = await findChoreForStaff(this.deps.db, actor, id);
    await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock.now();
      const row = await trx
        .updateTable('maintenance_chores')
        .set({ active: false, updated_at: now })
        .where('id', '=', found.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const agreement = await agreementOf(trx, row.agreement_id);
      await this.audit(trx, actor, 'stopped', row, agreement.client_id, now);
    });
  }

  /** The chore as it stands after the upkeep, with the ticket the change created for it (if any). */
  private async withTicket(trx: Executor, choreId: string, created: readonly string[]) {
    const row = await trx
      .selectFrom('maintenance_chores')
      .selectAll()
      .where('id', '=', choreId)
      .executeTakeFirstOrThrow();
    const ticket = created.length
      ? await trx
          .selectFrom('tickets')
          .select('id')
          .where('id', 'in', created)
          .where('chore_id', '=', choreId)
          .executeTakeFirst()
      : undefined;
    return { ...toChoreDto(row), createdTicketId: ticket?.id ?? null };
  }

  private audit(
    trx: Executor,
    actor: Actor,
    change: AgreementItemAudit['change'],
    row: MaintenanceChoreRow,
    clientId: string,
    at: Date,
  ): Promise<void> {
    const data = toChoreDto(row);
    return auditAgreementItem(trx, actor, {
      entity: 'maintenance_chore',
      change,
      entityId: row.id,
      clientId,
      at,
      data,
    });
  }
}

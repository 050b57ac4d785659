import type { SlaPolicyRules } from '../domain/sla/sla-policy';
import { AppError, invalidInput, notFound } from '../errors';
import type { SlaPolicyRow } from '../db/schema';
import { clientScope, requireAgencyAdmin } from './access';
import { recordAudit } from './audit';
import type { CalendarCache } from './calendars-service';
import type { Actor, Executor, ServiceDeps } from './context';
import { openTicketsUnder, refreshQueuePositions } from './tickets/ticket-history';

export interface SlaPolicyInput {
  name: string;
  calendarId: string;
  rules: SlaPolicyRules;
}

export function toSlaPolicyDto(row: SlaPolicyRow) {
  const rules = row.rules as SlaPolicyRules;
  return {
    id: row.id,
    name: row.name,
    calendarId: row.calendar_id,
    tiers: rules.tiers,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SlaPoliciesService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  async list(actor: Actor) {
    let query = this.deps.db.selectFrom('sla_policies').selectAll();
    const scope = clientScope(actor);
    if (scope) query = query.where('id', 'in', visiblePolicyIds(this.deps.db, scope));
    return (await query.orderBy('name').execute()).map(toSlaPolicyDto);
  }

  async get(actor: Actor, id: string) {
    return toSlaPolicyDto(await this.findVisible(actor, id));
  }

  async create(actor: Actor, input: SlaPolicyInput) {
    requireAgencyAdmin(actor);
    await this.assertCalendarExists(input.calendarId);
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('sla_policies')
        .values({
          name: input.name,
          calendar_id: input.calendarId,
          rules: JSON.stringify(input.rules),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'sla_policy.created',
        entity: 'sla_policy',
        entityId: row.id,
        at: now,
        data: input,
      });
      return toSlaPolicyDto(row);
    });
  }

  /**
   * Editing a policy changes the targets of tickets derived from now on; breaches already recorded in
   * a ticket's history are explained from the events, so past months' reports keep their figures only
   * if the policy's targets are unchanged — which is why the audit log keeps every version.
   */
  async replace(actor: Actor, id: string, input: SlaPolicyInput) {
    // A policy the client cannot see is not found; the role decides only about visible ones.
    await this.findVisible(actor, id);
    requireAgencyAdmin(actor);
    await this.assertCalendarExists(input.calendarId);
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('sla_policies')
        .set({
          name: input.name,
          calendar_id: input.calendarId,
          rules: JSON.stringify(input.rules),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'sla_policy.updated',
        entity: 'sla_policy',
        entityId: id,
        at: now,
        data: input,
      });
      await refreshQueuePositions(
        trx,
        await openTicketsUnder(trx, { slaPolicyId: id }),
        this.calendars,
        now,
        { touch: false },
      );
      return toSlaPolicyDto(row);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.findVisible(actor, id);
    requireAgencyAdmin(actor);
    const used = await this.deps.db
      .selectFrom('agreements')
      .select('id')
      .where('sla_policy_id', '=', id)
      .executeTakeFirst();
    if (used) throw new AppError('conflict', 'This SLA policy is attached to an agreement; detach it first.');
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sla_policies').where('id', '=', id).execute();
      await recordAudit(trx, actor, {
        action: 'sla_policy.deleted',
        entity: 'sla_policy',
        entityId: id,
        at: this.deps.clock.now(),
      });
    });
  }

  async findVisible(actor: Actor, id: string): Promise<SlaPolicyRow> {
    const scope = clientScope(actor);
    let query = this.deps.db.selectFrom('sla_policies').selectAll().where('id', '=', id);
    if (scope) query = query.where('id', 'in', visiblePolicyIds(this.deps.db, scope));
    const row = await query.executeTakeFirst();
    if (!row) throw notFound('SLA policy');
    return row;
  }

  private async assertCalendarExists(calendarId: string): Promise<void> {
    const row = await this.deps.db
      .selectFrom('calendars')
      .select('id')
      .where('id', '=', calendarId)
      .executeTakeFirst();
    if (!row)
      throw invalidInput('The calendar does not exist.', [
        { path: 'calendarId', message: 'no such calendar' },
      ]);
  }
}

/** Client users see the SLA policies of their own agreements only. */
function visiblePolicyIds(db: Executor, clientId: string) {
  return db
    .selectFrom('agreements')
    .select('sla_policy_id as id')
    .where('client_id', '=', clientId)
    .where('sla_policy_id', 'is not', null)
    .$narrowType<{ id: string }>();
}

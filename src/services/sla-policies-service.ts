import { compileCalendar } from '../domain/calendar/business-calendar';
import type { BusinessCalendar } from '../domain/calendar/business-calendar.types';
import type { CalendarSpecInput } from '../domain/calendar/calendar-spec';
import {
  alertSettingsOf,
  PRIORITIES,
  type Priority,
  type SlaPolicyRules,
  type SlaTarget,
} from '../domain/sla/sla-policy';
import { deriveTicketSla } from '../domain/sla/ticket-sla';
import { AppError, invalidInput, notFound } from '../errors';
import type { SlaPolicyRow } from '../db/schema';
import { clientScope, requireAgency, requireAgencyAdmin } from './access';
import { recordAudit } from './audit';
import type { CalendarCache } from './calendars-service';
import type { Actor, Executor, ServiceDeps } from './context';
import { openTicketsUnder, refreshQueuePositions } from './tickets/ticket-history';

export interface SlaPolicyInput {
  name: string;
  calendarId: string;
  rules: SlaPolicyRules;
}

/** A policy form (saved or not) and the calendar it runs on: either an unsaved spec or a stored calendar. */
export type SlaPreviewInput = {
  tiers: SlaPolicyRules['tiers'];
  /** The instant the imagined ticket is created; the service's now when absent. */
  at?: Date | undefined;
} & ({ calendar: CalendarSpecInput; calendarId?: undefined } | { calendar?: undefined; calendarId: string });

export interface SlaPreviewTier {
  /** Null for a maintenance-window target: it depends on the window the item will be planned into. */
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  responseTarget: SlaTarget;
  resolutionTarget: SlaTarget;
  /** The targets on their clock's calendar, in minutes (end of business day resolved for `at`). */
  responseTargetMinutes: number | null;
  resolutionTargetMinutes: number | null;
}

/** Dates outside this range cannot be represented (ECMAScript's limit). */
const MAX_INSTANT_MS = 8.64e15;

export function toSlaPolicyDto(row: SlaPolicyRow) {
  const rules = row.rules as SlaPolicyRules;
  return {
    id: row.id,
    name: row.name,
    calendarId: row.calendar_id,
    tiers: rules.tiers,
    /** Warning threshold and escalation steps (the defaults for a policy that never set them). */
    alerts: alertSettingsOf(rules),
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

  /**
   * When a ticket of each priority created at `at` would be due, under targets and a calendar that need not
   * be saved yet. The figures come from the ticket SLA derivation itself (a history of one "created" event),
   * so they are exactly what a real ticket would get.
   */
  async preview(actor: Actor, input: SlaPreviewInput) {
    requireAgency(actor);
    const calendar: BusinessCalendar = input.calendar
      ? compileCalendar(input.calendar)
      : this.calendars.get(await this.findCalendar(input.calendarId));
    const at = input.at ?? this.deps.clock.now();
    const rules: SlaPolicyRules = { tiers: input.tiers };
    const tiers = {} as Record<Priority, SlaPreviewTier>;
    for (const priority of PRIORITIES) {
      tiers[priority] = previewTier(rules, calendar, at.getTime(), priority);
    }
    return { at, calendar: { name: calendar.name, timeZone: calendar.timeZone }, tiers };
  }

  async findVisible(actor: Actor, id: string): Promise<SlaPolicyRow> {
    const scope = clientScope(actor);
    let query = this.deps.db.selectFrom('sla_policies').selectAll().where('id', '=', id);
    if (scope) query = query.where('id', 'in', visiblePolicyIds(this.deps.db, scope));
    const row = await query.executeTakeFirst();
    if (!row) throw notFound('SLA policy');
    return row;
  }

  private async findCalendar(calendarId: string) {
    const row = await this.deps.db
      .selectFrom('calendars')
      .select(['id', 'spec', 'updated_at'])
      .where('id', '=', calendarId)
      .executeTakeFirst();
    if (!row)
      throw invalidInput('The calendar does not exist.', [
        { path: 'calendarId', message: 'no such calendar' },
      ]);
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

function previewTier(
  rules: SlaPolicyRules,
  calendar: BusinessCalendar,
  atMs: number,
  priority: Priority,
): SlaPreviewTier {
  let sla;
  try {
    sla = deriveTicketSla({
      events: [{ type: 'created', at: atMs, priority }],
      rules,
      calendar,
      now: atMs,
    });
  } catch (error) {
    // The calendar's forward search gives up after ten years (a target too long for the open hours), and
    // instants past the year 9000 are refused; anything else is a bug and stays a 500.
    if (!(error instanceof RangeError) && !/^no answer within/.test((error as Error).message)) throw error;
    throw invalidInput(`The ${priority} targets cannot be met: ${(error as Error).message}`, [
      {
        path: `tiers.${priority}`,
        message: 'no deadline within 10 years: too many minutes or too few open hours',
      },
    ]);
  }
  for (const clock of [sla.response, sla.resolution]) {
    // A maintenance-window target has no due until the item is planned (dueAt null): nothing to check.
    if (clock.dueAt !== null && !(Math.abs(clock.dueAt) <= MAX_INSTANT_MS)) {
      const name = clock === sla.response ? 'response' : 'resolution';
      throw invalidInput(`The ${priority} ${name} target is too long.`, [
        { path: `tiers.${priority}.${name}.minutes`, message: 'is too long' },
      ]);
    }
  }
  return {
    responseDueAt: dateOrNull(sla.response.dueAt),
    resolutionDueAt: dateOrNull(sla.resolution.dueAt),
    responseTarget: sla.response.target,
    resolutionTarget: sla.resolution.target,
    responseTargetMinutes: sla.response.targetMinutes,
    resolutionTargetMinutes: sla.resolution.targetMinutes,
  };
}

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** Client users see the SLA policies of their own agreements only. */
function visiblePolicyIds(db: Executor, clientId: string) {
  return db
    .selectFrom('agreements')
    .select('sla_policy_id as id')
    .where('client_id', '=', clientId)
    .where('sla_policy_id', 'is not', null)
    .$narrowType<{ id: string }>();
}

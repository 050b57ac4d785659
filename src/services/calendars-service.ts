import { compileCalendar } from '../domain/calendar/business-calendar';
import type { BusinessCalendar } from '../domain/calendar/business-calendar.types';
import { normalizeHolidays, type CalendarSpecInput } from '../domain/calendar/calendar-spec';
import { parseIcsHolidays } from '../domain/calendar/ics-holidays';
import { AppError, invalidInput, notFound } from '../errors';
import type { CalendarRow } from '../db/schema';
import { clientScope, requireAgencyAdmin } from './access';
import { recordAudit } from './audit';
import type { Actor, Executor, ServiceDeps } from './context';
import { openTicketsUnder, refreshQueuePositions } from './tickets/ticket-history';

export function toCalendarDto(row: CalendarRow) {
  return {
    id: row.id,
    ...(row.spec as CalendarSpecInput),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Compiling a calendar caches materialised open intervals; keep one compiled calendar per version so SLA
 * figures across requests reuse the work.
 */
export class CalendarCache {
  private readonly compiled = new Map<string, { version: number; calendar: BusinessCalendar }>();

  get(row: Pick<CalendarRow, 'id' | 'spec' | 'updated_at'>): BusinessCalendar {
    const version = row.updated_at.getTime();
    const cached = this.compiled.get(row.id);
    if (cached && cached.version === version) return cached.calendar;
    const calendar = compileCalendar(row.spec as CalendarSpecInput);
    this.compiled.set(row.id, { version, calendar });
    return calendar;
  }
}

export class CalendarsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly cache: CalendarCache,
  ) {}

  async list(actor: Actor) {
    let query = this.deps.db.selectFrom('calendars').selectAll();
    const scope = clientScope(actor);
    if (scope) query = query.where('id', 'in', visibleCalendarIds(this.deps.db, scope));
    return (await query.orderBy('name').execute()).map(toCalendarDto);
  }

  async get(actor: Actor, id: string) {
    return toCalendarDto(await this.findVisible(actor, id));
  }

  async create(actor: Actor, spec: CalendarSpecInput) {
    requireAgencyAdmin(actor);
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('calendars')
        .values({
          name: spec.name,
          time_zone: spec.timeZone,
          spec: JSON.stringify(spec),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'calendar.created',
        entity: 'calendar',
        entityId: row.id,
        at: now,
      });
      return toCalendarDto(row);
    });
  }

  async replace(actor: Actor, id: string, spec: CalendarSpecInput) {
    // A calendar the client cannot see is not found; the role decides only about visible ones.
    await this.findVisible(actor, id);
    requireAgencyAdmin(actor);
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('calendars')
        .set({ name: spec.name, time_zone: spec.timeZone, spec: JSON.stringify(spec), updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'calendar.updated',
        entity: 'calendar',
        entityId: id,
        at: now,
      });
      // Deadlines move with the calendar: re-sort the open tickets that use it.
      await refreshQueuePositions(trx, await openTicketsUnder(trx, { calendarId: id }), this.cache, now, {
        touch: false,
      });
      return toCalendarDto(row);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.findVisible(actor, id);
    requireAgencyAdmin(actor);
    const used = await this.deps.db
      .selectFrom('sla_policies')
      .select('id')
      .where('calendar_id', '=', id)
      .executeTakeFirst();
    if (used)
      throw new AppError('conflict', 'This calendar is used by an SLA policy; change the policy first.');
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('calendars').where('id', '=', id).execute();
      await recordAudit(trx, actor, {
        action: 'calendar.deleted',
        entity: 'calendar',
        entityId: id,
        at: this.deps.clock.now(),
      });
    });
  }

  /** Adds (or with `replace`, sets) the holidays found in an iCalendar feed. */
  async importHolidays(actor: Actor, id: string, ics: string, replace: boolean) {
    const row = await this.findVisible(actor, id);
    requireAgencyAdmin(actor);
    let imported;
    try {
      imported = parseIcsHolidays(ics);
    } catch (error) {
      throw invalidInput(`The iCalendar feed could not be read: ${(error as Error).message}`, [
        { path: 'ics', message: 'is not a valid iCalendar feed' },
      ]);
    }
    const spec = row.spec as CalendarSpecInput;
    const byDate = new Map(replace ? [] : normalizeHolidays(spec).map((holiday) => [holiday.date, holiday]));
    for (const holiday of imported) if (!byDate.has(holiday.date)) byDate.set(holiday.date, holiday);
    const holidays = [...byDate.values()]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((holiday) => (holiday.name ? { date: holiday.date, name: holiday.name } : holiday.date));
    const updated = await this.replace(actor, id, { ...spec, holidays });
    return { calendar: updated, importedCount: imported.length };
  }

  async findVisible(actor: Actor, id: string): Promise<CalendarRow> {
    const scope = clientScope(actor);
    let query = this.deps.db.selectFrom('calendars').selectAll().where('id', '=', id);
    if (scope) query = query.where('id', 'in', visibleCalendarIds(this.deps.db, scope));
    const row = await query.executeTakeFirst();
    if (!row) throw notFound('Calendar');
    return row;
  }
}

/** Client users see the calendars behind their own agreements' SLA policies and standby cover. */
function visibleCalendarIds(db: Executor, clientId: string) {
  return db
    .selectFrom('sla_policies')
    .innerJoin('agreements', 'agreements.sla_policy_id', 'sla_policies.id')
    .select('sla_policies.calendar_id as id')
    .where('agreements.client_id', '=', clientId);
}

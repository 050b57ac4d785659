import { normalizeHolidays, CalendarSpec } from '../../domain/calendar/calendar-spec';
import { datesOfMonth } from '../../domain/ledger/months';
import { reportMonthDueOn } from '../../domain/report/first-business-day';
import { localDateOf } from '../../domain/time/local-date';
import type { Executor } from '../context';

/**
 * The agency's office days: its time zone, and the holidays of its business calendar. Tend has no "default
 * calendar" setting: the agency's oldest calendar in its own time zone stands for its office (the demo's
 * "Berlin office hours"); without one, only weekends are days off.
 */
export async function agencyOfficeDays(
  db: Executor,
): Promise<{ timeZone: string; holidays: Set<string> } | null> {
  const agency = await db
    .selectFrom('organizations')
    .select('time_zone')
    .where('kind', '=', 'agency')
    .orderBy('created_at')
    .executeTakeFirst();
  if (!agency) return null;
  const calendar = await db
    .selectFrom('calendars')
    .select('spec')
    .where('time_zone', '=', agency.time_zone)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  const spec = calendar ? CalendarSpec.safeParse(calendar.spec) : null;
  const holidays = spec?.success ? normalizeHolidays(spec.data).map((holiday) => holiday.date) : [];
  return { timeZone: agency.time_zone, holidays: new Set(holidays) };
}

/** The month whose reports are due now (agency time), or null before the month's first business day. */
export async function reportMonthDueAt(db: Executor, now: Date): Promise<string | null> {
  const office = await agencyOfficeDays(db);
  if (!office) return null;
  return reportMonthDueOn(localDateOf(now, office.timeZone), office.holidays);
}

/** Clients with an agreement in force at some time during the month (by the agreements' dates). */
export async function activeClientIds(db: Executor, month: string): Promise<string[]> {
  const rows = await db
    .selectFrom('agreements')
    .select('client_id')
    .distinct()
    .where('starts_on', '<=', datesOfMonth(month).at(-1)!)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', `${month}-01`)]))
    .orderBy('client_id')
    .execute();
  return rows.map((row) => row.client_id);
}

/**
 * Of the active clients, those whose report for the month still has to be archived, or (when mail is
 * configured) archived but not yet sent.
 */
export async function clientsAwaitingReport(
  db: Executor,
  month: string,
  sending: boolean,
): Promise<string[]> {
  const active = await activeClientIds(db, month);
  if (active.length === 0) return [];
  const archived = await db
    .selectFrom('monthly_reports')
    .select(['client_id', 'sent_at'])
    .where('month', '=', month)
    .where('client_id', 'in', active)
    .execute();
  const done = new Set(
    archived.filter((row) => !sending || row.sent_at !== null).map((row) => row.client_id),
  );
  return active.filter((id) => !done.has(id));
}

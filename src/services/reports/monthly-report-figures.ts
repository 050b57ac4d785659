import { isMonth } from '../../domain/ledger/months';
import { REPORT_MODEL_VERSION, type MonthlyReportFigures } from '../../domain/report/report-model';
import { reportPeriodOf } from '../../domain/report/report-period';
import { invalidInput, notFound } from '../../errors';
import type { CalendarCache } from '../calendars-service';
import type { ServiceDeps } from '../context';
import { computeHours, loadReportTimeEntries } from './report-hours';
import { computeMaintenance } from './report-maintenance';
import { computePending } from './report-pending';
import { computeRequestsAndSla } from './report-requests-sla';
import { loadReportTickets } from './report-tickets';

/** Tend keeps money in one currency for now (the web app formats it the same way). */
export const REPORT_CURRENCY = 'EUR';

/**
 * The figures of a client's monthly report, "as of the end of the month": ticket events after the month are
 * ignored (SLA clocks are derived with now = the month's end), time counts by its work date in the month
 * (the ledger of a month depends on that month and the ones before it only), and decisions taken after the
 * month count as still pending. Regenerating a past month therefore yields the same figures, except
 * `generatedAt` and `maintenance.upcoming` (the plan at generation time).
 *
 * No actor: callers (routes, the scheduled job, the CLI) check who may see the client first.
 */
export class MonthlyReportFiguresService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  async computeFigures(clientId: string, month: string): Promise<MonthlyReportFigures> {
    if (!isMonth(month))
      throw invalidInput('The month must be written YYYY-MM.', [
        { path: 'month', message: 'must be a month YYYY-MM' },
      ]);
    const { db } = this.deps;
    const client = await db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', clientId)
      .where('kind', '=', 'client')
      .executeTakeFirst();
    if (!client) throw notFound('Client');
    const now = this.deps.clock.now();
    const period = reportPeriodOf(month, client.time_zone, now.getTime());
    if (!period)
      throw invalidInput(`${month} has not started yet in ${client.time_zone}: it has no figures.`, [
        { path: 'month', message: 'must not be in the future' },
      ]);
    const agency = await db
      .selectFrom('organizations')
      .select('name')
      .where('kind', '=', 'agency')
      .orderBy('created_at')
      .executeTakeFirst();
    const agreements = await db
      .selectFrom('agreements')
      .selectAll()
      .where('client_id', '=', client.id)
      .execute();
    const tickets = await loadReportTickets(db, client.id, period.cutoff);
    const entries = await loadReportTimeEntries(db, client.id, period.lastDate, tickets);
    const { requests, sla } = await computeRequestsAndSla({
      db,
      calendars: this.calendars,
      period,
      agreements,
      tickets: [...tickets.values()],
    });
    return {
      version: REPORT_MODEL_VERSION,
      month,
      client: { id: client.id, name: client.name, slug: client.slug, timeZone: client.time_zone },
      agency: { name: agency?.name ?? '' },
      period: {
        from: new Date(period.from).toISOString(),
        to: new Date(period.to).toISOString(),
        timeZone: period.timeZone,
        asOf: new Date(Math.min(now.getTime(), period.to)).toISOString(),
        complete: period.complete,
      },
      generatedAt: now.toISOString(),
      currency: REPORT_CURRENCY,
      requests,
      sla,
      hours: await computeHours({ db, clientId: client.id, period, agreements, entries, tickets }),
      maintenance: await computeMaintenance({ db, clientId: client.id, period, now, entries, tickets }),
      pending: await computePending({ db, clientId: client.id, period, tickets }),
    };
  }
}

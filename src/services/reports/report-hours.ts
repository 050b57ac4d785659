import type { AgreementRow } from '../../db/schema';
import { deriveLedger, isChangeWork, type LedgerEntry } from '../../domain/ledger/hour-ledger';
import { retainerMonthFigures } from '../../domain/report/hours-figures';
import type { ReportHours, ReportPaygHours, ReportRetainerHours } from '../../domain/report/report-model';
import type { ReportPeriod } from '../../domain/report/report-period';
import { localDateOf } from '../../domain/time/local-date';
import type { Executor } from '../context';
import type { ReportTicket } from './report-tickets';

/** A time entry of the client dated up to the month's end. */
export interface ReportTimeEntry extends LedgerEntry {
  agreementId: string;
  ticketId: string | null;
  projectId: string | null;
  windowId: string | null;
}

/**
 * The client's time entries dated up to the month's last day: the ledger of a month depends on that month
 * and the ones before it only. Change work (a change ticket, as it stood at the cutoff, or time on an
 * approved project) never draws from a retainer.
 */
export async function loadReportTimeEntries(
  db: Executor,
  clientId: string,
  lastDate: string,
  tickets: ReadonlyMap<string, ReportTicket>,
): Promise<ReportTimeEntry[]> {
  const rows = await db
    .selectFrom('time_entries')
    .innerJoin('agreements', 'agreements.id', 'time_entries.agreement_id')
    .leftJoin('tickets', 'tickets.id', 'time_entries.ticket_id')
    .selectAll('time_entries')
    .select('tickets.kind as ticket_kind')
    .where('agreements.client_id', '=', clientId)
    .where('time_entries.work_date', '<=', lastDate)
    .execute();
  return rows.map((row) => {
    const kind = (row.ticket_id ? tickets.get(row.ticket_id)?.state.kind : undefined) ?? row.ticket_kind;
    return {
      id: row.id,
      date: row.work_date,
      minutes: row.minutes,
      billable: row.billable,
      changeWork: isChangeWork({ ticketKind: kind ?? null, projectId: row.project_id }),
      category: row.category,
      createdAt: row.created_at.getTime(),
      agreementId: row.agreement_id,
      ticketId: row.ticket_id,
      projectId: row.project_id,
      windowId: row.window_id,
    };
  });
}

export interface HoursInput {
  db: Executor;
  clientId: string;
  period: ReportPeriod;
  agreements: readonly AgreementRow[];
  entries: readonly ReportTimeEntry[];
  tickets: ReadonlyMap<string, ReportTicket>;
}

const inForce = (agreement: AgreementRow, period: ReportPeriod) =>
  agreement.starts_on <= period.lastDate &&
  (agreement.ends_on === null || agreement.ends_on >= period.firstDate);

export async function computeHours(input: HoursInput): Promise<ReportHours> {
  const agreements = [...input.agreements].sort(
    (a, b) =>
      a.starts_on.localeCompare(b.starts_on) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  return {
    retainers: agreements
      .filter((a) => a.kind === 'retainer' && inForce(a, input.period))
      .flatMap((a) => retainerHours(a, input)),
    payAsYouGo: agreements.flatMap((a) => (a.kind === 'payg' ? paygHours(a, input) : [])),
    projects: await projectHours(input),
  };
}

function retainerHours(agreement: AgreementRow, input: HoursInput): ReportRetainerHours[] {
  const { period } = input;
  const terms = agreement.terms as {
    monthlyHours: number;
    rolloverMonths?: number;
    overageRateCents: number;
  };
  const rolloverMonths = terms.rolloverMonths ?? 1;
  const endMonth = agreement.ends_on?.slice(0, 7) ?? null;
  const entries = input.entries.filter((e) => e.agreementId === agreement.id);
  const ledger = deriveLedger(
    {
      monthlyMinutes: Math.round(terms.monthlyHours * 60),
      rolloverMonths,
      startMonth: agreement.starts_on.slice(0, 7),
      endMonth,
      overageRateCents: terms.overageRateCents,
    },
    entries,
    period.month,
  );
  const figures = retainerMonthFigures({
    ledger,
    entryDates: new Map(entries.map((e) => [e.id, e.date])),
    month: period.month,
    endMonth,
    complete: period.complete,
    burnDownThrough: period.complete ? period.lastDate : localDateOf(period.cutoff, period.timeZone),
  });
  if (!figures) return [];
  return [
    {
      agreementId: agreement.id,
      agreementName: agreement.name,
      rolloverMonths,
      overageRateCents: terms.overageRateCents,
      ...figures,
    },
  ];
}

/**
 * Pay-as-you-go is billed on resolution, at the billable time logged on the ticket (as the ledger does):
 * the tickets resolved in the month and still resolved at its end, with their time up to the month's end.
 */
function paygHours(agreement: AgreementRow, input: HoursInput): ReportPaygHours[] {
  const { period } = input;
  const rate = (agreement.terms as { hourlyRateCents: number }).hourlyRateCents;
  const billed = [...input.tickets.values()].filter(
    (t) => t.agreementId === agreement.id && t.state.resolvedAt !== null && t.state.resolvedAt >= period.from,
  );
  if (billed.length === 0 && !inForce(agreement, period)) return [];
  const perTicket = billed.map((ticket) =>
    input.entries
      .filter((e) => e.ticketId === ticket.id && e.agreementId === agreement.id && e.billable && !e.projectId)
      .reduce((sum, e) => sum + e.minutes, 0),
  );
  return [
    {
      agreementId: agreement.id,
      agreementName: agreement.name,
      hourlyRateCents: rate,
      ticketsBilled: billed.length,
      billableMinutes: perTicket.reduce((sum, minutes) => sum + minutes, 0),
      amountCents: perTicket.reduce((sum, minutes) => sum + Math.round((minutes / 60) * rate), 0),
    },
  ];
}

/** Projects created or worked on in the month: a project's time never touches the retainer. */
async function projectHours(input: HoursInput): Promise<ReportHours['projects']> {
  const { period } = input;
  const projects = await input.db
    .selectFrom('projects')
    .select(['id', 'name', 'budget_minutes', 'created_at'])
    .where('client_id', '=', input.clientId)
    .where('created_at', '<=', new Date(period.cutoff))
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  return projects.flatMap((project) => {
    const own = input.entries.filter((e) => e.projectId === project.id);
    const minutes = own.filter((e) => e.date >= period.firstDate).reduce((sum, e) => sum + e.minutes, 0);
    if (minutes === 0 && project.created_at.getTime() < period.from) return [];
    return [
      {
        name: project.name,
        minutes,
        budgetMinutes: project.budget_minutes,
        totalMinutes: own.reduce((sum, e) => sum + e.minutes, 0),
      },
    ];
  });
}

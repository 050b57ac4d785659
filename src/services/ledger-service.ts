import { deriveLedger, isChangeWork, type LedgerEntry } from '../domain/ledger/hour-ledger';
import { addMonths } from '../domain/ledger/months';
import { localMonthOf } from '../domain/time/local-date';
import type { AgreementRow } from '../db/schema';
import type { AgreementsService } from './agreements-service';
import type { Actor, ServiceDeps } from './context';

const CATEGORIES = ['bugfix', 'enhancement', 'advisory', 'maintenance'] as const;

export class LedgerService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly agreements: AgreementsService,
  ) {}

  async monthLedger(actor: Actor, agreementId: string, month: string) {
    const agreement = await this.agreements.findVisible(actor, agreementId);
    const entries = await this.loadEntries(agreement.id, `${addMonths(month, 1)}-01`);
    const monthEntries = entries.filter((entry) => entry.date.startsWith(month));
    const base = { agreementId: agreement.id, kind: agreement.kind, month, timeZone: agreement.time_zone };
    switch (agreement.kind) {
      case 'retainer':
        return { ...base, ...this.retainerMonth(agreement, entries, month) };
      case 'payg':
        return { ...base, ...(await this.paygMonth(agreement, monthEntries, month)) };
      case 'sprint':
      case 'onboarding':
      case 'standby':
        return { ...base, ...summarise(monthEntries), entries: monthEntries.map(publicEntry) };
    }
  }

  /**
   * Derived through the later of the asked month and the current one, so a closed month reports what
   * expired at its end, while the current month reports what is about to expire.
   */
  private retainerMonth(agreement: AgreementRow, entries: LoadedEntry[], month: string) {
    const terms = agreement.terms as {
      monthlyHours: number;
      rolloverMonths?: number;
      overageRateCents: number;
    };
    const currentMonth = localMonthOf(this.deps.clock.now(), agreement.time_zone);
    const through = month > currentMonth ? month : currentMonth;
    const ledger = deriveLedger(
      {
        monthlyMinutes: Math.round(terms.monthlyHours * 60),
        rolloverMonths: terms.rolloverMonths ?? 1,
        startMonth: agreement.starts_on.slice(0, 7),
        endMonth: agreement.ends_on?.slice(0, 7) ?? null,
        overageRateCents: terms.overageRateCents,
      },
      entries,
      through,
    );
    const row = ledger.months.find((candidate) => candidate.month === month) ?? null;
    const draws = new Map(ledger.entries.map((result) => [result.entryId, result]));
    return {
      isCurrentMonth: month === currentMonth,
      ledger: row,
      entries: entries
        .filter((entry) => entry.date.startsWith(month))
        .map((entry) => ({
          ...publicEntry(entry),
          draws: draws.get(entry.id)?.draws ?? [],
          overageMinutes: draws.get(entry.id)?.overageMinutes ?? 0,
          noDrawReason: draws.get(entry.id)?.reason ?? null,
        })),
    };
  }

  /** Pay-as-you-go work is billed when its ticket is resolved, at the actual billable time. */
  private async paygMonth(agreement: AgreementRow, monthEntries: LoadedEntry[], month: string) {
    const rate = (agreement.terms as { hourlyRateCents: number }).hourlyRateCents;
    const resolved = await this.deps.db
      .selectFrom('tickets')
      .select(['id', 'number', 'subject', 'resolved_at'])
      .where('agreement_id', '=', agreement.id)
      .where('resolved_at', 'is not', null)
      .execute();
    const inMonth = resolved.filter(
      (ticket) => ticket.resolved_at && localMonthOf(ticket.resolved_at, agreement.time_zone) === month,
    );
    const minutesByTicket = await this.deps.db
      .selectFrom('time_entries')
      .select(['ticket_id', (eb) => eb.fn.sum<number>('minutes').as('minutes')])
      .where('agreement_id', '=', agreement.id)
      .where('billable', '=', true)
      // Project time is billed as the project (its proposal's price), not again with its ticket.
      .where('project_id', 'is', null)
      .where(
        'ticket_id',
        'in',
        inMonth.length ? inMonth.map((t) => t.id) : ['00000000-0000-0000-0000-000000000000'],
      )
      .groupBy('ticket_id')
      .execute();
    const minutes = new Map(minutesByTicket.map((row) => [row.ticket_id, Number(row.minutes)]));
    const billed = inMonth.map((ticket) => {
      const billableMinutes = minutes.get(ticket.id) ?? 0;
      return {
        ticketId: ticket.id,
        number: ticket.number,
        subject: ticket.subject,
        resolvedAt: ticket.resolved_at,
        billableMinutes,
        amountCents: Math.round((billableMinutes / 60) * rate),
      };
    });
    return {
      ...summarise(monthEntries),
      hourlyRateCents: rate,
      billedTickets: billed,
      billedCents: billed.reduce((sum, ticket) => sum + ticket.amountCents, 0),
      entries: monthEntries.map(publicEntry),
    };
  }

  private async loadEntries(agreementId: string, beforeDate: string): Promise<LoadedEntry[]> {
    const rows = await this.deps.db
      .selectFrom('time_entries')
      .leftJoin('tickets', 'tickets.id', 'time_entries.ticket_id')
      .selectAll('time_entries')
      .select('tickets.kind as ticket_kind')
      .where('time_entries.agreement_id', '=', agreementId)
      .where('time_entries.work_date', '<', beforeDate)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      date: row.work_date,
      minutes: row.minutes,
      billable: row.billable,
      changeWork: isChangeWork({ ticketKind: row.ticket_kind, projectId: row.project_id }),
      category: row.category,
      createdAt: row.created_at.getTime(),
      ticketId: row.ticket_id,
      userId: row.user_id,
      description: row.description,
      projectId: row.project_id,
    }));
  }
}

interface LoadedEntry extends LedgerEntry {
  ticketId: string | null;
  projectId: string | null;
  userId: string;
  description: string;
}

function publicEntry(entry: LoadedEntry) {
  return {
    id: entry.id,
    date: entry.date,
    minutes: entry.minutes,
    billable: entry.billable,
    changeWork: entry.changeWork,
    category: entry.category,
    ticketId: entry.ticketId,
    userId: entry.userId,
    description: entry.description,
    projectId: entry.projectId,
  };
}

function summarise(entries: readonly LoadedEntry[]) {
  const byCategory = Object.fromEntries(CATEGORIES.map((category) => [category, 0])) as Record<
    (typeof CATEGORIES)[number],
    number
  >;
  let billableMinutes = 0;
  for (const entry of entries) {
    byCategory[entry.category] += entry.minutes;
    if (entry.billable) billableMinutes += entry.minutes;
  }
  return {
    usedMinutes: entries.reduce((sum, entry) => sum + entry.minutes, 0),
    billableMinutes,
    usedByCategory: byCategory,
  };
}

import { localMonthOf } from '../domain/time/local-date';
import type { AgreementsService } from './agreements-service';
import type { ClientsService } from './clients-service';
import type { Actor, ServiceDeps } from './context';
import type { LedgerService } from './ledger-service';
import type { ReportsService } from './reports-service';
import type { TicketQueries } from './tickets/ticket-queries';

/** How the hours figure of a client reads: against a retainer's hours, or billable hours of the month. */
export type HoursKind = 'retainer' | 'payg' | 'other' | 'none';

export interface ClientHealthDeps {
  clients: ClientsService;
  agreements: AgreementsService;
  ledger: LedgerService;
  reports: ReportsService;
  ticketQueries: TicketQueries;
}

const PAGE = 500;

/**
 * Each visible client's health at a glance, assembled from the services that own each figure (tickets and
 * their derived SLA, the compliance report, the hour ledgers) — nothing here re-implements their rules.
 */
export class ClientHealthService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: ClientHealthDeps,
  ) {}

  /**
   * One row per client the actor may see (agency staff: every client; a client user: their own).
   * `month` defaults to the current month in each client's own time zone. Open tickets are as of now.
   */
  async list(actor: Actor, month?: string) {
    const clients = await this.services.clients.list(actor);
    const now = this.deps.clock.now();
    const rows = [];
    // One client at a time: PGlite has a single connection, and the work per client is a few queries.
    for (const client of clients) {
      const clientMonth = month ?? localMonthOf(now, client.timeZone);
      const tickets = await this.openTickets(actor, client.id);
      const report = await this.services.reports.slaCompliance(actor, client.id, clientMonth);
      rows.push({
        clientId: client.id,
        name: client.name,
        slug: client.slug,
        timeZone: client.timeZone,
        month: clientMonth,
        openTickets: tickets.length,
        breachedOpenTickets: tickets.filter(
          (ticket) =>
            ticket.sla?.response.status === 'breached' || ticket.sla?.resolution.status === 'breached',
        ).length,
        compliance: {
          response: report.total.response.compliancePercent,
          resolution: report.total.resolution.compliancePercent,
        },
        hours: await this.hours(actor, client.id, clientMonth),
      });
    }
    return rows;
  }

  private async openTickets(actor: Actor, clientId: string) {
    const tickets = [];
    let cursor: string | undefined;
    do {
      const page = await this.services.ticketQueries.list(actor, {
        clientId,
        open: true,
        sort: 'queue',
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      tickets.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return tickets;
  }

  /**
   * Retainers: minutes counted against the retainer (drawn plus overage) of what the month made available
   * (allocation plus rolled-in). Otherwise the month's billable minutes across the client's agreements.
   */
  private async hours(actor: Actor, clientId: string, month: string) {
    const agreements = (await this.services.agreements.list(actor, clientId)).filter(
      (agreement) =>
        agreement.startsOn.slice(0, 7) <= month &&
        (!agreement.endsOn || agreement.endsOn.slice(0, 7) >= month),
    );
    let retainers = 0;
    let payg = 0;
    let drawnOrOverage = 0;
    let logged = 0;
    let available = 0;
    let remaining = 0;
    let overage = 0;
    let billable = 0;
    for (const agreement of agreements) {
      const ledger = await this.services.ledger.monthLedger(actor, agreement.id, month);
      if (ledger.kind === 'retainer' && 'ledger' in ledger) {
        billable += ledger.entries.filter((entry) => entry.billable).reduce((sum, e) => sum + e.minutes, 0);
        logged += ledger.entries.reduce((sum, entry) => sum + entry.minutes, 0);
        const row = ledger.ledger;
        if (!row) continue;
        retainers += 1;
        drawnOrOverage += row.usedMinutes + row.overageMinutes;
        available += row.allocationMinutes + row.rolledInMinutes;
        remaining += row.remainingMinutes;
        overage += row.overageMinutes;
      } else if ('billableMinutes' in ledger) {
        if (ledger.kind === 'payg') payg += 1;
        billable += ledger.billableMinutes;
        logged += ledger.usedMinutes;
      }
    }
    const kind: HoursKind =
      retainers > 0 ? 'retainer' : payg > 0 ? 'payg' : agreements.length > 0 ? 'other' : 'none';
    return kind === 'retainer'
      ? {
          kind,
          usedMinutes: drawnOrOverage,
          availableMinutes: available,
          remainingMinutes: remaining,
          overageMinutes: overage,
          billableMinutes: billable,
        }
      : {
          kind,
          usedMinutes: logged,
          availableMinutes: null,
          remainingMinutes: null,
          overageMinutes: 0,
          billableMinutes: billable,
        };
  }
}

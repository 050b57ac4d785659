import { computeCompliance } from '../domain/sla/compliance';
import { addMonths } from '../domain/ledger/months';
import { localMonthOf } from '../domain/time/local-date';
import type { CalendarCache } from './calendars-service';
import type { ClientsService } from './clients-service';
import type { Actor, ServiceDeps } from './context';
import { computeSla, loadEventsByTicket, loadSlaContexts } from './tickets/ticket-sla';

/** How far back a ticket may have been created and still fall due in the month (long pauses included). */
const LOOKBACK_MONTHS = 6;

export class ReportsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly clients: ClientsService,
    private readonly calendars: CalendarCache,
  ) {}

  /** Compliance per tier for a client and month (the client's time zone), every figure re-derived from history. */
  async slaCompliance(actor: Actor, clientId: string, month: string) {
    const client = await this.clients.findVisible(actor, clientId);
    const now = this.deps.clock.now();
    const tickets = await this.deps.db
      .selectFrom('tickets')
      .selectAll()
      .where('client_id', '=', client.id)
      .where('agreement_id', 'is not', null)
      .where('created_at', '<', new Date(Date.parse(`${addMonths(month, 2)}-01T00:00:00Z`)))
      .where('created_at', '>=', new Date(Date.parse(`${addMonths(month, -LOOKBACK_MONTHS)}-01T00:00:00Z`)))
      .execute();
    const contexts = await loadSlaContexts(
      this.deps.db,
      tickets.flatMap((t) => (t.agreement_id ? [t.agreement_id] : [])),
    );
    const events = await loadEventsByTicket(
      this.deps.db,
      tickets.map((t) => t.id),
    );
    const withSla = tickets.flatMap((ticket) => {
      const sla = computeSla(
        ticket.agreement_id ? contexts.get(ticket.agreement_id) : undefined,
        events.get(ticket.id) ?? [],
        this.calendars,
        now,
      );
      return sla
        ? [{ id: ticket.id, number: ticket.number, subject: ticket.subject, priority: sla.priority, sla }]
        : [];
    });
    const compliance = computeCompliance(withSla, month, client.time_zone, now.getTime());
    const breaches = withSla.flatMap((ticket) =>
      (['response', 'resolution'] as const).flatMap((clock) => {
        const { status, dueAt, breachedAt } = ticket.sla[clock];
        // A breached clock always had a due; its month is the month of that due.
        if (status !== 'breached' || breachedAt === null || dueAt === null) return [];
        if (localMonthOf(dueAt, client.time_zone) !== month) return [];
        return [
          {
            ticketId: ticket.id,
            number: ticket.number,
            subject: ticket.subject,
            priority: ticket.priority,
            clock,
            dueAt: new Date(dueAt),
            breachedAt: new Date(breachedAt),
            explanation: ticket.sla.explanation,
          },
        ];
      }),
    );
    return {
      ...compliance,
      from: new Date(compliance.from),
      to: new Date(compliance.to),
      clientId: client.id,
      month,
      timeZone: client.time_zone,
      generatedAt: now,
      breaches,
    };
  }
}

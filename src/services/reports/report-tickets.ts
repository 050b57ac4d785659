import type { TicketEventRow, TicketRow } from '../../db/schema';
import type { ReportTicketRef, TicketKindName } from '../../domain/report/report-model';
import type { RequestEvent, RequestHistory, RequestState } from '../../domain/report/request-history';
import { requestStateAt } from '../../domain/report/request-history';
import type { Priority } from '../../domain/sla/sla-policy';
import type { TicketStatus } from '../../domain/tickets/ticket-status';
import type { Executor } from '../context';

/** A client ticket with its history up to the report's cutoff (nothing later is loaded). */
export interface ReportTicket extends RequestHistory {
  number: number;
  subject: string;
  agreementId: string | null;
  /** The raw events (for SLA derivation), in order. */
  rows: TicketEventRow[];
  /** Its state at the cutoff. */
  state: RequestState;
}

/** Every ticket of the client created by the cutoff, with its events up to the cutoff. */
export async function loadReportTickets(
  db: Executor,
  clientId: string,
  cutoff: number,
): Promise<Map<string, ReportTicket>> {
  const until = new Date(cutoff);
  const tickets = await db
    .selectFrom('tickets')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('created_at', '<=', until)
    .execute();
  const rows = tickets.length
    ? await db
        .selectFrom('ticket_events')
        .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
        .selectAll('ticket_events')
        .where('tickets.client_id', '=', clientId)
        .where('tickets.created_at', '<=', until)
        .where('ticket_events.at', '<=', until)
        .orderBy('ticket_events.at')
        .orderBy('ticket_events.id')
        .execute()
    : [];
  const byTicket = new Map<string, TicketEventRow[]>();
  for (const row of rows) {
    const list = byTicket.get(row.ticket_id);
    if (list) list.push(row);
    else byTicket.set(row.ticket_id, [row]);
  }
  const result = new Map<string, ReportTicket>();
  for (const ticket of tickets) {
    const events = byTicket.get(ticket.id) ?? [];
    const history: RequestHistory = {
      id: ticket.id,
      createdAt: ticket.created_at.getTime(),
      events: toRequestEvents(ticket, events),
    };
    const state = requestStateAt(history, cutoff);
    if (!state) continue;
    result.set(ticket.id, {
      ...history,
      number: ticket.number,
      subject: ticket.subject,
      agreementId: ticket.agreement_id,
      rows: events,
      state,
    });
  }
  return result;
}

/**
 * The history events that decide how a report counts the ticket. A history without a "created" event
 * (never written by Tend, but imported data might lack one) starts from the first known values.
 */
function toRequestEvents(ticket: TicketRow, rows: readonly TicketEventRow[]): RequestEvent[] {
  const events: RequestEvent[] = [];
  const firstChange = (type: string) =>
    rows.find((row) => row.type === type)?.data.from as string | undefined;
  for (const row of rows) {
    const at = row.at.getTime();
    const data = row.data;
    switch (row.type) {
      case 'created':
        events.push({
          type: 'created',
          at,
          priority: (data.priority as Priority | undefined) ?? ticket.priority,
          kind: (data.kind as TicketKindName | undefined) ?? ticket.kind,
        });
        break;
      case 'priority_changed':
        events.push({ type: 'priority_changed', at, priority: data.to as Priority });
        break;
      case 'kind_changed':
        events.push({ type: 'kind_changed', at, kind: data.to as TicketKindName });
        break;
      case 'status_changed':
        events.push({ type: 'status_changed', at, to: data.to as TicketStatus });
        break;
      default:
        break;
    }
  }
  if (!events.some((event) => event.type === 'created')) {
    events.unshift({
      type: 'created',
      at: ticket.created_at.getTime(),
      priority: (firstChange('priority_changed') as Priority | undefined) ?? ticket.priority,
      kind: (firstChange('kind_changed') as TicketKindName | undefined) ?? ticket.kind,
    });
  }
  return events;
}

/** How the report names a ticket: as it stood at the cutoff. */
export function ticketRefOf(ticket: Pick<ReportTicket, 'number' | 'subject' | 'state'>): ReportTicketRef {
  return {
    number: ticket.number,
    subject: ticket.subject,
    priority: ticket.state.priority,
    kind: ticket.state.kind,
  };
}

/** A ticket the cutoff does not know (created later, e.g. planned for an upcoming window): as it is now. */
export function currentTicketRef(
  row: Pick<TicketRow, 'number' | 'subject' | 'priority' | 'kind'>,
): ReportTicketRef {
  return { number: row.number, subject: row.subject, priority: row.priority, kind: row.kind };
}

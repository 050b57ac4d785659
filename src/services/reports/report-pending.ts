import type { TicketRow } from '../../db/schema';
import { wasPendingAt } from '../../domain/report/pending-figures';
import type { ReportPending, ReportTicketRef } from '../../domain/report/report-model';
import type { ReportPeriod } from '../../domain/report/report-period';
import type { Executor } from '../context';
import { currentTicketRef, ticketRefOf, type ReportTicket } from './report-tickets';

export interface PendingInput {
  db: Executor;
  clientId: string;
  period: ReportPeriod;
  tickets: ReadonlyMap<string, ReportTicket>;
}

type RefSource = Pick<TicketRow, 'number' | 'subject' | 'priority' | 'kind'> & { ticket_id: string };

function refOf(input: PendingInput, row: RefSource): ReportTicketRef {
  const known = input.tickets.get(row.ticket_id);
  return known ? ticketRefOf(known) : currentTicketRef(row);
}

/** Estimates and proposals waiting on the client at the cutoff; a decision taken later does not count. */
export async function computePending(input: PendingInput): Promise<ReportPending> {
  const until = new Date(input.period.cutoff);
  const estimates = await input.db
    .selectFrom('estimates')
    .innerJoin('tickets', 'tickets.id', 'estimates.ticket_id')
    .select(['estimates.ticket_id', 'estimates.minutes', 'estimates.amount_cents', 'estimates.status'])
    .select(['estimates.created_at', 'estimates.decided_at'])
    .select(['tickets.number', 'tickets.subject', 'tickets.priority', 'tickets.kind'])
    .where('tickets.client_id', '=', input.clientId)
    .where('estimates.created_at', '<=', until)
    .orderBy('estimates.created_at')
    .orderBy('estimates.id')
    .execute();
  const proposals = await input.db
    .selectFrom('proposals')
    .innerJoin('tickets', 'tickets.id', 'proposals.ticket_id')
    .select(['proposals.ticket_id', 'proposals.title', 'proposals.estimate_minutes', 'proposals.status'])
    .select(['proposals.amount_cents', 'proposals.sent_at', 'proposals.decided_at', 'proposals.updated_at'])
    .select(['tickets.number', 'tickets.subject', 'tickets.priority', 'tickets.kind'])
    .where('proposals.client_id', '=', input.clientId)
    .where('proposals.sent_at', '<=', until)
    .orderBy('proposals.sent_at')
    .orderBy('proposals.id')
    .execute();
  return {
    estimates: estimates
      .filter((e) =>
        wasPendingAt(
          {
            askedAt: e.created_at.getTime(),
            waitingNow: e.status === 'pending',
            decidedAt: e.decided_at?.getTime() ?? null,
          },
          input.period.cutoff,
        ),
      )
      .map((e) => ({
        ticket: refOf(input, e),
        minutes: e.minutes,
        amountCents: Number(e.amount_cents),
        requestedAt: e.created_at.toISOString(),
      })),
    proposals: proposals
      .filter((p) =>
        wasPendingAt(
          {
            askedAt: p.sent_at?.getTime() ?? null,
            waitingNow: p.status === 'sent',
            // A proposal withdrawn without a decision instant stopped waiting at its last update.
            decidedAt: (p.decided_at ?? p.updated_at).getTime(),
          },
          input.period.cutoff,
        ),
      )
      .map((p) => ({
        ticket: refOf(input, p),
        title: p.title,
        estimateMinutes: p.estimate_minutes,
        amountCents: Number(p.amount_cents),
        sentAt: (p.sent_at ?? until).toISOString(),
      })),
  };
}

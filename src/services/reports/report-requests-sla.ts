import type { AgreementRow } from '../../db/schema';
import { countByKindAndPriority, medianOf } from '../../domain/report/report-counts';
import type { ReportRequests, ReportSla, ReportSlaTier } from '../../domain/report/report-model';
import type { ReportPeriod } from '../../domain/report/report-period';
import { sortRequestsOfMonth } from '../../domain/report/request-history';
import { describeTargetInWords, listBreaches } from '../../domain/report/sla-figures';
import { computeCompliance } from '../../domain/sla/compliance';
import type { SlaPolicyRules } from '../../domain/sla/sla-policy';
import type { TicketSla } from '../../domain/sla/ticket-sla';
import type { CalendarCache } from '../calendars-service';
import type { Executor } from '../context';
import { computeSla, loadSlaContexts } from '../tickets/ticket-sla';
import { ticketRefOf, type ReportTicket } from './report-tickets';

export interface RequestsAndSlaInput {
  db: Executor;
  calendars: CalendarCache;
  period: ReportPeriod;
  agreements: readonly AgreementRow[];
  tickets: readonly ReportTicket[];
}

/** Requests and SLA of the month, every clock derived from the history as of the cutoff. */
export async function computeRequestsAndSla(
  input: RequestsAndSlaInput,
): Promise<{ requests: ReportRequests; sla: ReportSla }> {
  const slaByTicket = await deriveSlas(input);
  return { requests: requestsOf(input, slaByTicket), sla: await slaOf(input, slaByTicket) };
}

async function deriveSlas(input: RequestsAndSlaInput): Promise<Map<string, TicketSla>> {
  const contexts = await loadSlaContexts(
    input.db,
    input.tickets.flatMap((t) => (t.agreementId ? [t.agreementId] : [])),
  );
  const asOf = new Date(input.period.cutoff);
  const result = new Map<string, TicketSla>();
  for (const ticket of input.tickets) {
    const context = ticket.agreementId ? contexts.get(ticket.agreementId) : undefined;
    const sla = computeSla(context, ticket.rows, input.calendars, asOf);
    if (sla) result.set(ticket.id, sla);
  }
  return result;
}

function requestsOf(input: RequestsAndSlaInput, slaByTicket: Map<string, TicketSla>): ReportRequests {
  const month = sortRequestsOfMonth(input.tickets, input.period.from, input.period.cutoff);
  const resolutionMinutes = month.resolved.flatMap((t) => {
    const sla = slaByTicket.get(t.id);
    return sla ? [sla.resolution.elapsedMinutes] : [];
  });
  return {
    received: countByKindAndPriority(month.received.map((t) => t.state)),
    resolved: countByKindAndPriority(month.resolved.map((t) => t.state)),
    openAtStart: month.openAtStart,
    openAtEnd: month.openAtEnd,
    medianResolutionMinutes: medianOf(resolutionMinutes),
  };
}

async function slaOf(input: RequestsAndSlaInput, slaByTicket: Map<string, TicketSla>): Promise<ReportSla> {
  const { period } = input;
  const judged = input.tickets.flatMap((ticket) => {
    const sla = slaByTicket.get(ticket.id);
    return sla ? [{ id: ticket.id, priority: sla.priority, sla, ticket }] : [];
  });
  const compliance = computeCompliance(judged, period.month, period.timeZone, period.cutoff);
  const policy = await loadReportPolicy(input, judged);
  const tiers: ReportSlaTier[] = policy
    ? compliance.tiers.map((tier) => {
        const rules = policy.rules.tiers[tier.priority];
        return {
          priority: tier.priority,
          definition: rules.definition,
          responseTarget: describeTargetInWords(rules.response),
          resolutionTarget: describeTargetInWords(rules.resolution),
          response: tier.response,
          resolution: tier.resolution,
        };
      })
    : [];
  const breaches = listBreaches(
    judged.map(({ ticket, sla }) => ({ ticket, sla })),
    period.from,
    period.to,
  ).map((breach) => ({ ...breach, ticket: ticketRefOf(breach.ticket) }));
  return { policyName: policy?.name ?? null, tiers, total: compliance.total, breaches };
}

/**
 * The policy whose tiers the report explains: that of an agreement in force in the month (a retainer
 * first, then the earliest), else that of any agreement the month's judged tickets fall under.
 */
async function loadReportPolicy(
  input: RequestsAndSlaInput,
  judged: ReadonlyArray<{ ticket: ReportTicket }>,
): Promise<{ name: string; rules: SlaPolicyRules } | null> {
  const { firstDate, lastDate } = input.period;
  const withPolicy = input.agreements.filter((a) => a.sla_policy_id !== null);
  const inForce = withPolicy
    .filter((a) => a.starts_on <= lastDate && (a.ends_on === null || a.ends_on >= firstDate))
    .sort(
      (a, b) =>
        Number(b.kind === 'retainer') - Number(a.kind === 'retainer') ||
        a.starts_on.localeCompare(b.starts_on) ||
        a.id.localeCompare(b.id),
    );
  const judgedAgreements = new Set(judged.map((j) => j.ticket.agreementId));
  const chosen = inForce[0] ?? withPolicy.find((a) => judgedAgreements.has(a.id));
  if (!chosen?.sla_policy_id) return null;
  const row = await input.db
    .selectFrom('sla_policies')
    .select(['name', 'rules'])
    .where('id', '=', chosen.sla_policy_id)
    .executeTakeFirstOrThrow();
  return { name: row.name, rules: row.rules as SlaPolicyRules };
}

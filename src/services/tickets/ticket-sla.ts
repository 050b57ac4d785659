import type { SlaPolicyRules } from '../../domain/sla/sla-policy';
import type { TicketSla, TicketSlaEvent } from '../../domain/sla/ticket-sla';
import { deriveTicketSla, nextDeadline } from '../../domain/sla/ticket-sla';
import type { TicketEventRow } from '../../db/schema';
import type { CalendarCache } from '../calendars-service';
import type { Executor } from '../context';

/** Only these event types move an SLA clock; the rest of the history is for people. */
export function toSlaEvents(rows: readonly Pick<TicketEventRow, 'type' | 'at' | 'data'>[]): TicketSlaEvent[] {
  const events: TicketSlaEvent[] = [];
  for (const row of rows) {
    const at = row.at.getTime();
    const data = row.data as Record<string, string>;
    switch (row.type) {
      case 'created':
        events.push({ type: 'created', at, priority: data.priority as never });
        break;
      case 'priority_changed':
        events.push({ type: 'priority_changed', at, priority: data.to as never });
        break;
      case 'status_changed':
        events.push({ type: 'status_changed', at, from: data.from as never, to: data.to as never });
        break;
      case 'acknowledged':
        events.push({ type: 'acknowledged', at });
        break;
      case 'window_planned': {
        // Written by the maintenance planner: { windowId, windowEndsAt: ISO | null, rollCount }.
        const raw = row.data as { windowEndsAt?: string | null; rollCount?: number };
        const windowEndsAt = raw.windowEndsAt ? Date.parse(raw.windowEndsAt) : null;
        events.push({
          type: 'window_planned',
          at,
          windowEndsAt: windowEndsAt !== null && Number.isFinite(windowEndsAt) ? windowEndsAt : null,
          rollCount: typeof raw.rollCount === 'number' ? raw.rollCount : 0,
        });
        break;
      }
      default:
        break;
    }
  }
  return events;
}

export interface SlaContext {
  policyId: string;
  rules: SlaPolicyRules;
  calendarRow: { id: string; spec: unknown; updated_at: Date };
}

/**
 * Resolves, for many agreements at once, the SLA policy and calendar that govern their tickets. An
 * agreement without a policy (pay-as-you-go best effort) has no entry: its tickets have no SLA.
 */
export async function loadSlaContexts(
  db: Executor,
  agreementIds: readonly string[],
): Promise<Map<string, SlaContext>> {
  const ids = [...new Set(agreementIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('agreements')
    .innerJoin('sla_policies', 'sla_policies.id', 'agreements.sla_policy_id')
    .innerJoin('calendars', 'calendars.id', 'sla_policies.calendar_id')
    .select(['agreements.id as agreement_id', 'sla_policies.id as policy_id', 'sla_policies.rules'])
    .select(['calendars.id as calendar_id', 'calendars.spec', 'calendars.updated_at'])
    .where('agreements.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((row) => [
      row.agreement_id,
      {
        policyId: row.policy_id,
        rules: row.rules as SlaPolicyRules,
        calendarRow: { id: row.calendar_id, spec: row.spec, updated_at: row.updated_at },
      },
    ]),
  );
}

export async function loadEventsByTicket(
  db: Executor,
  ticketIds: readonly string[],
): Promise<Map<string, TicketEventRow[]>> {
  const byTicket = new Map<string, TicketEventRow[]>();
  if (ticketIds.length === 0) return byTicket;
  const rows = await db
    .selectFrom('ticket_events')
    .selectAll()
    .where('ticket_id', 'in', [...ticketIds])
    .orderBy('at')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = byTicket.get(row.ticket_id) ?? [];
    list.push(row);
    byTicket.set(row.ticket_id, list);
  }
  return byTicket;
}

export function computeSla(
  context: SlaContext | undefined,
  events: readonly TicketEventRow[],
  calendars: CalendarCache,
  now: Date,
): TicketSla | null {
  if (!context) return null;
  return deriveTicketSla({
    events: toSlaEvents(events),
    rules: context.rules,
    calendar: calendars.get(context.calendarRow),
    now: now.getTime(),
  });
}

/** The instant the queue sorts by; 'infinity' when no clock runs (paused, stopped or no SLA). */
export function queueDueAt(sla: TicketSla | null): Date | 'infinity' {
  const next = sla ? nextDeadline(sla) : null;
  return next === null ? 'infinity' : new Date(next);
}

export function toSlaDto(sla: TicketSla | null, policyId: string | null) {
  if (!sla) return null;
  const clock = (c: TicketSla['response']) => ({
    target: c.target,
    targetMinutes: c.targetMinutes,
    dueAt: c.dueAt === null ? null : new Date(c.dueAt),
    status: c.status,
    phase: c.phase,
    stoppedAt: c.stoppedAt === null ? null : new Date(c.stoppedAt),
    breachedAt: c.breachedAt === null ? null : new Date(c.breachedAt),
    pausedMinutes: c.pausedMinutes,
    elapsedMinutes: c.elapsedMinutes,
    usedFraction: c.usedFraction,
  });
  const next = nextDeadline(sla);
  return {
    policyId,
    priority: sla.priority,
    response: clock(sla.response),
    resolution: clock(sla.resolution),
    nextDueAt: next === null ? null : new Date(next),
    explanation: sla.explanation,
  };
}

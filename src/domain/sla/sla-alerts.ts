import type { BusinessCalendar } from '../calendar/business-calendar.types';
import type { ClockName, SlaClock } from './sla-clock';
import type { EscalationTarget, Priority, SlaAlertSettings } from './sla-policy';
import type { TicketSla } from './ticket-sla';

export type SlaAlertKind = 'sla_warning' | 'sla_breach' | 'sla_escalation';

/** One alert that is due now. The scan handles each dedupe key once, however often it sees the alert. */
export interface DueSlaAlert {
  kind: SlaAlertKind;
  clock: ClockName;
  /** 'warning@0.75', 'breach+0', 'breach+30'… */
  threshold: string;
  notify: EscalationTarget;
  /** The instant the key is anchored to: the clock's current due (warning) or its breach instant (breach). */
  anchorAt: number;
  /** The clock's due as of now. */
  dueAt: number;
  /**
   * `sla:<ticket>:<clock>:<threshold>:<anchor ISO>`. A warning is anchored to the current due, so a pause
   * or re-target that moves the due warns again once the new threshold is reached; a breach (never undone)
   * is anchored to its breach instant, so each escalation step is sent once per breach.
   */
  dedupeKey: string;
}

export interface DueSlaAlertsInput {
  ticketId: string;
  sla: TicketSla;
  settings: SlaAlertSettings;
  now: number;
}

const MINUTE_MS = 60_000;
const CLOCKS: readonly ClockName[] = ['response', 'resolution'];

/**
 * The alerts due at `now` for a ticket's clocks. Only running clocks alert: a paused clock (waiting on the
 * client) and a stopped one (met, or breached and then answered) produce nothing. A running clock that has
 * used `warningFraction` of its target and is not breached warns; a breached one yields every escalation
 * step whose delay after the breach has passed (the step at 0 minutes is the breach notification).
 */
export function dueSlaAlerts(input: DueSlaAlertsInput): DueSlaAlert[] {
  const alerts: DueSlaAlert[] = [];
  for (const name of CLOCKS) {
    const clock = input.sla[name];
    if (clock.phase !== 'running') continue;
    if (clock.breachedAt === null) {
      const warning = warningOf(input, name, clock);
      if (warning) alerts.push(warning);
      continue;
    }
    for (const step of input.settings.escalation) {
      if (input.now < clock.breachedAt + step.afterBreachMinutes * MINUTE_MS) continue;
      const threshold = `breach+${step.afterBreachMinutes}:${step.notify}`;
      alerts.push({
        kind: step.afterBreachMinutes === 0 ? 'sla_breach' : 'sla_escalation',
        clock: name,
        threshold,
        notify: step.notify,
        anchorAt: clock.breachedAt,
        // A breached clock always had a due; the fallback only satisfies the type.
        dueAt: clock.dueAt ?? clock.breachedAt,
        dedupeKey: dedupeKey(input.ticketId, name, threshold, clock.breachedAt),
      });
    }
  }
  return alerts;
}

function warningOf(input: DueSlaAlertsInput, name: ClockName, clock: SlaClock): DueSlaAlert | null {
  // No due yet (a maintenance-window target not planned): nothing to warn about.
  if (clock.dueAt === null || clock.usedFraction < input.settings.warningFraction) return null;
  const threshold = `warning@${input.settings.warningFraction}`;
  return {
    kind: 'sla_warning',
    clock: name,
    threshold,
    notify: 'assignee',
    anchorAt: clock.dueAt,
    dueAt: clock.dueAt,
    dedupeKey: dedupeKey(input.ticketId, name, threshold, clock.dueAt),
  };
}

function dedupeKey(ticketId: string, clock: ClockName, threshold: string, anchor: number): string {
  return `sla:${ticketId}:${clock}:${threshold}:${new Date(anchor).toISOString()}`;
}

/** Standby cover a client has in force: the priorities it answers and when it is available. */
export interface StandbyCover {
  priorities: readonly Priority[];
  availability: BusinessCalendar;
}

export interface PagingInput {
  now: number;
  /** The business calendar of the ticket's SLA policy. */
  business: BusinessCalendar;
  priority: Priority;
  /** The client's active standby agreements. */
  standby: readonly StandbyCover[];
}

/**
 * Whether an alert may page someone (Slack, email) now: inside the policy's business hours, or — out of
 * hours — only for a ticket whose priority an active standby agreement of its client covers, while that
 * cover's availability calendar is open. In-app notifications are recorded either way.
 */
export function mayPage(input: PagingInput): boolean {
  if (input.business.isOpen(input.now)) return true;
  return input.standby.some(
    (cover) => cover.priorities.includes(input.priority) && cover.availability.isOpen(input.now),
  );
}

import type { BusinessCalendar } from '../domain/calendar/business-calendar.types';
import { dueSlaAlerts, mayPage, type DueSlaAlert, type StandbyCover } from '../domain/sla/sla-alerts';
import { alertSettingsOf, type Priority } from '../domain/sla/sla-policy';
import { localDateOf } from '../domain/time/local-date';
import type { TicketRow } from '../db/schema';
import { notFound } from '../errors';
import { requireAgency } from './access';
import type { CalendarCache } from './calendars-service';
import type { Actor, Executor, ServiceDeps } from './context';
import { preferencesOf, recordNotifications, type NewNotification } from './notifications-service';
import { enqueueSlackNotice } from './slack/slack-notices';
import { computeSla, loadEventsByTicket, loadSlaContexts, type SlaContext } from './tickets/ticket-sla';

export const SLA_SCAN_JOB = 'sla.scan';
export const EMAIL_NOTIFY_JOB = 'email.notify';

/** The payload of an `email.notify` job: one message to one user about one alert. */
export interface EmailNotifyJob {
  kind: DueSlaAlert['kind'];
  userId: string;
  to: string;
  name: string;
  subject: string;
  text: string;
  ticketId: string;
  ticketNumber: number;
  url: string;
  dedupeKey: string;
}

type ScanTicket = Pick<
  TicketRow,
  'id' | 'number' | 'subject' | 'client_id' | 'agreement_id' | 'priority' | 'assignee_id'
>;

interface Recipient {
  id: string;
  email: string;
  name: string;
}

export interface ScanResult {
  /** Open tickets with an SLA that were looked at. */
  tickets: number;
  /** Alerts due now, handled before or not. */
  due: number;
  /** Alerts this scan claimed and handled. */
  handled: number;
}

/**
 * Warnings, breach notifications and escalations of running SLA clocks. `scan` is idempotent and safe to run
 * in several processes at once: each alert has a dedupe key, claimed by inserting it into `sla_alerts` in the
 * transaction that records its notifications and enqueues its pages, so it is handled exactly once.
 */
export class SlaAlertsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  async scan(now: Date = this.deps.clock.now()): Promise<ScanResult> {
    const db = this.deps.db;
    const open = await db
      .selectFrom('tickets')
      .select(['id', 'number', 'subject', 'client_id', 'agreement_id', 'priority', 'assignee_id'])
      .where('status', 'not in', ['resolved', 'closed'])
      .where('agreement_id', 'is not', null)
      .execute();
    const contexts = await loadSlaContexts(
      db,
      open.map((t) => t.agreement_id!),
    );
    const tickets = open.filter((t) => contexts.has(t.agreement_id!));
    const events = await loadEventsByTicket(
      db,
      tickets.map((t) => t.id),
    );
    const due: { ticket: ScanTicket; context: SlaContext; alert: DueSlaAlert; priority: Priority }[] = [];
    for (const ticket of tickets) {
      const context = contexts.get(ticket.agreement_id!)!;
      const sla = computeSla(context, events.get(ticket.id) ?? [], this.calendars, now);
      if (!sla) continue;
      const alerts = dueSlaAlerts({
        ticketId: ticket.id,
        sla,
        settings: alertSettingsOf(context.rules),
        now: now.getTime(),
      });
      for (const alert of alerts) due.push({ ticket, context, alert, priority: sla.priority });
    }
    const handledBefore = new Set<string>();
    for (let i = 0; i < due.length; i += 500) {
      const keys = due.slice(i, i + 500).map((d) => d.alert.dedupeKey);
      const rows = await db
        .selectFrom('sla_alerts')
        .select('dedupe_key')
        .where('dedupe_key', 'in', keys)
        .execute();
      for (const row of rows) handledBefore.add(row.dedupe_key);
    }
    const fresh = due.filter((d) => !handledBefore.has(d.alert.dedupeKey));
    let handled = 0;
    let failure: Error | null = null;
    if (fresh.length > 0) {
      const standby = await this.loadStandby([...new Set(fresh.map((d) => d.ticket.client_id))], now);
      for (const item of fresh) {
        try {
          const business = this.calendars.get(item.context.calendarRow);
          if (
            await this.handle(
              item.ticket,
              item.alert,
              item.priority,
              business,
              standby.get(item.ticket.client_id) ?? [],
              now,
            )
          )
            handled++;
        } catch (error) {
          // One bad alert must not hold back the others; the job is retried for the rest.
          this.deps.log.error({ err: error, dedupeKey: item.alert.dedupeKey }, 'SLA alert failed');
          failure ??= error instanceof Error ? error : new Error(String(error));
        }
      }
    }
    if (failure) throw failure;
    return { tickets: tickets.length, due: due.length, handled };
  }

  /** The alerts handled for a ticket, newest first (agency staff; shown on the ticket). */
  async listForTicket(actor: Actor, ticketId: string) {
    requireAgency(actor);
    const ticket = await this.deps.db
      .selectFrom('tickets')
      .select('id')
      .where('id', '=', ticketId)
      .executeTakeFirst();
    if (!ticket) throw notFound('Ticket');
    const rows = await this.deps.db
      .selectFrom('sla_alerts')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('handled_at', 'desc')
      .orderBy('dedupe_key')
      .execute();
    return rows.map((row) => ({
      kind: row.kind,
      clock: row.clock,
      threshold: row.threshold,
      notify: row.notify,
      anchorAt: row.anchor_at,
      paged: row.paged,
      recipients: row.recipients,
      handledAt: row.handled_at,
    }));
  }

  /** Claims one alert and does its whole effect in one transaction; false when another scan had claimed it. */
  private async handle(
    ticket: ScanTicket,
    alert: DueSlaAlert,
    priority: Priority,
    business: BusinessCalendar,
    standby: readonly StandbyCover[],
    now: Date,
  ): Promise<boolean> {
    return this.deps.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('sla_alerts')
        .values({
          dedupe_key: alert.dedupeKey,
          ticket_id: ticket.id,
          kind: alert.kind,
          clock: alert.clock,
          threshold: alert.threshold,
          notify: alert.notify,
          anchor_at: new Date(alert.anchorAt),
          paged: false,
          recipients: 0,
          handled_at: now,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('dedupe_key')
        .executeTakeFirst();
      if (!claimed) return false;

      const recipients = await this.recipientsOf(trx, ticket, alert);
      const prefs = await preferencesOf(
        trx,
        recipients.map((r) => r.id),
      );
      const paging = mayPage({ now: now.getTime(), business, priority, standby });
      const { title, body, slackDetail } = describe(ticket, alert, business.timeZone);

      const inApp: NewNotification[] = recipients
        .filter((r) => prefs.get(r.id)!.inApp)
        .map((r) => ({
          userId: r.id,
          ticketId: ticket.id,
          kind: alert.kind,
          title,
          body,
          dedupeKey: alert.dedupeKey,
        }));
      await recordNotifications(trx, now, inApp);

      if (paging) {
        const url = `${this.deps.config.publicUrl.replace(/\/$/, '')}/tickets/${ticket.id}`;
        for (const r of recipients.filter((r) => prefs.get(r.id)!.email)) {
          const job: EmailNotifyJob = {
            kind: alert.kind,
            userId: r.id,
            to: r.email,
            name: r.name,
            subject: title,
            text: `${body}\n\n${url}`,
            ticketId: ticket.id,
            ticketNumber: ticket.number,
            url,
            dedupeKey: alert.dedupeKey,
          };
          await this.deps.jobs.send(trx, EMAIL_NOTIFY_JOB, job, {
            singletonKey: `${alert.dedupeKey}:${r.id}`,
          });
        }
        // The Slack notice goes to the ticket's client channels and the agency channel (nothing while Slack is
        // not connected): sent for the agency-channel step, and for a step whose recipients want Slack.
        if (alert.notify === 'agency_channel' || recipients.some((r) => prefs.get(r.id)!.slack)) {
          await enqueueSlackNotice(trx, this.deps, {
            kind: 'sla_warning',
            ticketId: ticket.id,
            detail: slackDetail,
          });
        }
      }
      await trx
        .updateTable('sla_alerts')
        .set({ paged: paging, recipients: recipients.length })
        .where('dedupe_key', '=', alert.dedupeKey)
        .execute();
      return true;
    });
  }

  /**
   * Who is told: the assignee (the agency admins when nobody is assigned), or the agency admins. The agency
   * channel step tells no one in particular: it is a Slack notice to the shared channel.
   */
  private async recipientsOf(db: Executor, ticket: ScanTicket, alert: DueSlaAlert): Promise<Recipient[]> {
    if (alert.notify === 'agency_channel') return [];
    if (alert.notify === 'assignee' && ticket.assignee_id) {
      const assignee = await db
        .selectFrom('users')
        .select(['id', 'email', 'name'])
        .where('id', '=', ticket.assignee_id)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      if (assignee) return [assignee];
    }
    return db
      .selectFrom('users')
      .innerJoin('organizations', 'organizations.id', 'users.organization_id')
      .select(['users.id', 'users.email', 'users.name'])
      .where('organizations.kind', '=', 'agency')
      .where('users.role', '=', 'agency_admin')
      .where('users.disabled_at', 'is', null)
      .orderBy('users.email')
      .execute();
  }

  /** Each client's standby agreements in force at `now`, with their availability calendars. */
  private async loadStandby(clientIds: readonly string[], now: Date): Promise<Map<string, StandbyCover[]>> {
    const byClient = new Map<string, StandbyCover[]>();
    if (clientIds.length === 0) return byClient;
    const agreements = await this.deps.db
      .selectFrom('agreements')
      .select(['client_id', 'terms', 'time_zone', 'starts_on', 'ends_on'])
      .where('kind', '=', 'standby')
      .where('status', '=', 'active')
      .where('client_id', 'in', [...clientIds])
      .execute();
    const inForce = agreements.filter((a) => {
      const today = localDateOf(now, a.time_zone);
      return a.starts_on <= today && (a.ends_on === null || a.ends_on >= today);
    });
    const terms = inForce.map((a) => a.terms as { availabilityCalendarId: string; priorities: Priority[] });
    const calendarIds = [...new Set(terms.map((t) => t.availabilityCalendarId))];
    const calendars =
      calendarIds.length === 0
        ? []
        : await this.deps.db
            .selectFrom('calendars')
            .select(['id', 'spec', 'updated_at'])
            .where('id', 'in', calendarIds)
            .execute();
    const calendarById = new Map(calendars.map((row) => [row.id, row]));
    inForce.forEach((agreement, i) => {
      const row = calendarById.get(terms[i]!.availabilityCalendarId);
      if (!row) return;
      const list = byClient.get(agreement.client_id) ?? [];
      list.push({ priorities: terms[i]!.priorities, availability: this.calendars.get(row) });
      byClient.set(agreement.client_id, list);
    });
    return byClient;
  }
}

const ESCALATED_TO: Record<DueSlaAlert['notify'], string> = {
  assignee: 'the assignee',
  agency_channel: 'the agency channel',
  admins: 'the admins',
};

function describe(
  ticket: ScanTicket,
  alert: DueSlaAlert,
  timeZone: string,
): { title: string; body: string; slackDetail: string } {
  const due = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(alert.anchorAt);
  const ref = `#${ticket.number} ${ticket.subject}`;
  switch (alert.kind) {
    case 'sla_warning': {
      const pct = Math.round(Number(alert.threshold.split('@')[1]) * 100);
      return {
        title: `SLA warning: ${alert.clock} of #${ticket.number} due ${due}`,
        body: `${ref}: ${pct} % of the ${alert.clock} target is used; it is due ${due} (${timeZone}).`,
        slackDetail: `${alert.clock} due ${due} ${timeZone}, ${pct} % used`,
      };
    }
    case 'sla_breach':
      return {
        title: `SLA breached: ${alert.clock} of #${ticket.number}`,
        body: `${ref}: the ${alert.clock} target was due ${due} (${timeZone}) and is breached.`,
        slackDetail: `${alert.clock} breached, was due ${due} ${timeZone}`,
      };
    case 'sla_escalation': {
      const minutes = Number(/^breach\+(\d+)/.exec(alert.threshold)?.[1] ?? 0);
      const after = minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
      return {
        title: `SLA escalation: ${alert.clock} of #${ticket.number} breached ${after} ago`,
        body: `${ref}: the ${alert.clock} target (due ${due}, ${timeZone}) has been breached for ${after} and is still open.`,
        slackDetail: `${alert.clock} breached ${after} ago, escalated to ${ESCALATED_TO[alert.notify]}`,
      };
    }
  }
}

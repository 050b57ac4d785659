import { sql } from 'kysely';
import { AgreementsService } from './agreements-service';
import { AttachmentsService } from './attachments-service';
import { AuthService } from './auth-service';
import { InboundService } from './inbound-service';
import { inboundProcessors } from './inbound-processors';
import { FileAttachmentStore } from '../storage/attachment-store';
import { CalendarCache, CalendarsService } from './calendars-service';
import { ClientHealthService } from './client-health-service';
import { ClientsService } from './clients-service';
import type { ServiceDeps } from './context';
import { EstimatesService } from './estimates-service';
import { LedgerService } from './ledger-service';
import { NotificationsService } from './notifications-service';
import { ReportsService } from './reports-service';
import { SlaAlertsService } from './sla-alerts-service';
import { SlaPoliciesService } from './sla-policies-service';
import { SlackSettingsService } from './slack/slack-settings-service';
import { TicketCommands } from './tickets/ticket-commands';
import { TicketQueries } from './tickets/ticket-queries';
import { TimeEntriesService } from './time-entries-service';
import { UsersService } from './users-service';
import { MailboxesService } from '../integrations/email/mailboxes-service';

export function createServices(deps: ServiceDeps) {
  const calendarCache = new CalendarCache();
  const clients = new ClientsService(deps);
  const agreements = new AgreementsService(deps, calendarCache);
  const ticketQueries = new TicketQueries(deps, calendarCache);
  const ledger = new LedgerService(deps, agreements);
  const reports = new ReportsService(deps, clients, calendarCache);
  return {
    deps,
    auth: new AuthService(deps),
    attachments: new AttachmentsService(deps, new FileAttachmentStore(deps.config.attachmentsDir)),
    inbound: new InboundService(deps, deps.jobs, inboundProcessors(deps)),
    users: new UsersService(deps),
    slack: new SlackSettingsService(deps),
    mailboxes: new MailboxesService({
      deps,
      calendars: calendarCache,
      store: new FileAttachmentStore(deps.config.attachmentsDir),
    }),
    clients,
    calendars: new CalendarsService(deps, calendarCache),
    slaPolicies: new SlaPoliciesService(deps, calendarCache),
    agreements,
    ticketCommands: new TicketCommands(deps, calendarCache),
    ticketQueries,
    estimates: new EstimatesService(deps, calendarCache),
    timeEntries: new TimeEntriesService(deps),
    ledger,
    reports,
    clientHealth: new ClientHealthService(deps, { clients, agreements, ledger, reports, ticketQueries }),
    notifications: new NotificationsService(deps),
    slaAlerts: new SlaAlertsService(deps, calendarCache),
    async health(): Promise<void> {
      await sql`select 1`.execute(deps.db);
    },
  };
}

export type Services = ReturnType<typeof createServices>;

import { sql } from 'kysely';
import { AgreementsService } from './agreements-service';
import { AttachmentsService } from './attachments-service';
import { AuthService } from './auth-service';
import { FileAttachmentStore } from '../storage/attachment-store';
import { CalendarCache, CalendarsService } from './calendars-service';
import { ClientHealthService } from './client-health-service';
import { ClientsService } from './clients-service';
import type { ServiceDeps } from './context';
import { EstimatesService } from './estimates-service';
import { LedgerService } from './ledger-service';
import { ReportsService } from './reports-service';
import { SlaPoliciesService } from './sla-policies-service';
import { TicketCommands } from './tickets/ticket-commands';
import { TicketQueries } from './tickets/ticket-queries';
import { TimeEntriesService } from './time-entries-service';
import { UsersService } from './users-service';

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
    users: new UsersService(deps),
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
    async health(): Promise<void> {
      await sql`select 1`.execute(deps.db);
    },
  };
}

export type Services = ReturnType<typeof createServices>;

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
import { createMaintenanceServices } from './maintenance/maintenance-service';
import { NotificationsService } from './notifications-service';
import { ProjectsService } from './proposals/projects-service';
import { ProposalsService } from './proposals/proposals-service';
import { ReportsService } from './reports-service';
import { MonthlyReportFiguresService } from './reports/monthly-report-figures';
import { AgencyLogoService } from './reports/agency-logo-service';
import { MonthlyReportsService } from './reports/monthly-reports-service';
import { ReportPdfRenderer } from '../report/pdf';
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
  const reportFigures = new MonthlyReportFiguresService(deps, calendarCache);
  // One browser for every PDF, launched on the first; closed with the app (see app.ts).
  const reportPdf = new ReportPdfRenderer(deps.config.chromiumPath);
  const agencyLogo = new AgencyLogoService(deps);
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
    maintenance: createMaintenanceServices(deps, calendarCache),
    proposals: new ProposalsService(deps, calendarCache),
    projects: new ProjectsService(deps),
    timeEntries: new TimeEntriesService(deps),
    ledger,
    reports,
    reportFigures,
    reportPdf,
    agencyLogo,
    monthlyReports: new MonthlyReportsService(deps, {
      figures: reportFigures,
      pdf: reportPdf,
      clients,
      logo: agencyLogo,
    }),
    clientHealth: new ClientHealthService(deps, { clients, agreements, ledger, reports, ticketQueries }),
    notifications: new NotificationsService(deps),
    slaAlerts: new SlaAlertsService(deps, calendarCache),
    async health(): Promise<void> {
      await sql`select 1`.execute(deps.db);
    },
  };
}

export type Services = ReturnType<typeof createServices>;

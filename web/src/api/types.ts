/**
 * Response types of the API, derived from the server's own DTO builders so the two cannot drift apart.
 * These are type-only imports: nothing of the server is bundled into the web app.
 */
import type { AgreementsService } from '../../../src/services/agreements-service';
import type { AuthService } from '../../../src/services/auth-service';
import type { CalendarsService } from '../../../src/services/calendars-service';
import type { ClientHealthService } from '../../../src/services/client-health-service';
import type { ClientsService } from '../../../src/services/clients-service';
import type { EstimatesService } from '../../../src/services/estimates-service';
import type { InboundService } from '../../../src/services/inbound-service';
import type { LedgerService } from '../../../src/services/ledger-service';
import type { MaintenanceChoresService } from '../../../src/services/maintenance/chores-service';
import type { MaintenanceQueries } from '../../../src/services/maintenance/maintenance-queries';
import type { MaintenanceSchedulesService } from '../../../src/services/maintenance/schedules-service';
import type { ProjectsService } from '../../../src/services/proposals/projects-service';
import type { ProposalsService } from '../../../src/services/proposals/proposals-service';
import type { ReportsService } from '../../../src/services/reports-service';
import type { MonthlyReportsService } from '../../../src/services/reports/monthly-reports-service';
import type { SlaPoliciesService } from '../../../src/services/sla-policies-service';
import type { TicketQueries } from '../../../src/services/tickets/ticket-queries';
import type { TimeEntriesService } from '../../../src/services/time-entries-service';
import type { UsersService } from '../../../src/services/users-service';

/** What JSON makes of a server value: Dates become ISO strings. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonify<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonify<T[K]> }
      : T;

type Result<F extends (...args: never[]) => unknown> = Jsonify<Awaited<ReturnType<F>>>;

export type Me = Result<UsersService['me']>;
export type User = Result<UsersService['list']>[number];
export type Invitation = Result<UsersService['listInvitations']>[number];
export type CreatedInvitation = Result<UsersService['invite']>;
export type ApiToken = Result<AuthService['listApiTokens']>[number];
export type CreatedApiToken = Result<AuthService['createApiToken']>;
export type Client = Result<ClientsService['get']>;
export type Calendar = Result<CalendarsService['get']>;
export type SlaPolicy = Result<SlaPoliciesService['get']>;
export type SlaPreview = Result<SlaPoliciesService['preview']>;
export type Agreement = Result<AgreementsService['get']>;
export type TicketDetail = Result<TicketQueries['get']>;
export type TicketSummary = Result<TicketQueries['list']>['items'][number];
export type TicketPage = Result<TicketQueries['list']>;
export type TicketEvent = Result<TicketQueries['events']>[number];
export type SlaBlock = NonNullable<TicketSummary['sla']>;
export type SlaClock = SlaBlock['response'];
export type Estimate = Result<EstimatesService['list']>[number];
export type Proposal = Result<ProposalsService['list']>[number];
export type Project = Result<ProjectsService['list']>[number];
export type TimeEntry = Result<TimeEntriesService['create']>;
export type TimeEntryPage = Result<TimeEntriesService['list']>;
export type MonthLedger = Result<LedgerService['monthLedger']>;
export type SlaReport = Result<ReportsService['slaCompliance']>;
export type ClientHealth = Result<ClientHealthService['list']>[number];
export type MaintenanceWindow = Result<MaintenanceQueries['listWindows']>[number];
export type MaintenanceWindowDetail = Result<MaintenanceQueries['getWindow']>;
export type MaintenanceWindowItem = MaintenanceWindowDetail['items'][number];
export type MaintenanceBacklog = Result<MaintenanceQueries['backlog']>;
export type BacklogItem = MaintenanceBacklog['items'][number];
export type MaintenanceSchedule = Result<MaintenanceSchedulesService['list']>[number];
export type MaintenanceChore = Result<MaintenanceChoresService['list']>[number];

export interface ListOf<T> {
  items: T[];
}

export type Priority = 'critical' | 'high' | 'medium' | 'low';
export type TicketStatus =
  'new' | 'acknowledged' | 'in_progress' | 'waiting_on_client' | 'resolved' | 'closed';
export type TicketKind = 'support' | 'maintenance' | 'change';
export const PRIORITIES: Priority[] = ['critical', 'high', 'medium', 'low'];
export const STATUSES: TicketStatus[] = [
  'new',
  'acknowledged',
  'in_progress',
  'waiting_on_client',
  'resolved',
  'closed',
];
export const KINDS: TicketKind[] = ['support', 'maintenance', 'change'];

export type InboundItem = Result<InboundService['list']>[number];
export type InboundItemDetail = Result<InboundService['get']>;

export type MonthlyReport = Result<MonthlyReportsService['list']>[number];
export type MonthlyReportDetail = Result<MonthlyReportsService['get']>;

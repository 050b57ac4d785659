import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Timestamps come back as Date and go in as Date or ISO strings. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns are parsed as 'YYYY-MM-DD' strings on both drivers (see database.ts). */
type DateOnly = string;
type Json<T> = ColumnType<T, string, string>;

export type Role = 'agency_admin' | 'agency_engineer' | 'client_admin' | 'client_member';

export interface OrganizationsTable {
  id: Generated<string>;
  kind: 'agency' | 'client';
  name: string;
  slug: string;
  time_zone: string;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
  /** The agency's logo for reports (migration 0009). */
  logo: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  logo_content_type: ColumnType<
    'image/png' | 'image/jpeg' | 'image/svg+xml' | null,
    'image/png' | 'image/jpeg' | 'image/svg+xml' | null | undefined,
    'image/png' | 'image/jpeg' | 'image/svg+xml' | null
  >;
}

export interface UsersTable {
  id: Generated<string>;
  organization_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  time_zone: string | null;
  disabled_at: Timestamp | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: TimestampDefault;
  expires_at: Timestamp;
  last_seen_at: TimestampDefault;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: TimestampDefault;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface InvitationsTable {
  id: Generated<string>;
  organization_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string;
  created_at: TimestampDefault;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_user_id: string | null;
}

export interface CalendarsTable {
  id: Generated<string>;
  name: string;
  time_zone: string;
  spec: Json<unknown>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface SlaPoliciesTable {
  id: Generated<string>;
  name: string;
  calendar_id: string;
  rules: Json<unknown>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export type AgreementKind = 'retainer' | 'payg' | 'sprint' | 'onboarding' | 'standby';

export interface AgreementsTable {
  id: Generated<string>;
  client_id: string;
  kind: AgreementKind;
  name: string;
  status: ColumnType<'active' | 'ended', 'active' | 'ended' | undefined>;
  starts_on: DateOnly;
  ends_on: DateOnly | null;
  time_zone: string;
  sla_policy_id: string | null;
  terms: Json<unknown>;
  coverage: Json<unknown>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface TicketsTable {
  id: Generated<string>;
  number: ColumnType<number, never, never>;
  client_id: string;
  agreement_id: string | null;
  subject: string;
  body: string;
  requester_id: string | null;
  channel: 'portal' | 'email' | 'slack' | 'api' | 'phone' | 'monitoring';
  kind: 'support' | 'maintenance' | 'change';
  request_type: string | null;
  coverage: 'covered' | 'estimate_required' | 'change_work' | 'not_listed' | null;
  priority: 'critical' | 'high' | 'medium' | 'low';
  priority_rank: ColumnType<number, never, never>;
  status: 'new' | 'acknowledged' | 'in_progress' | 'waiting_on_client' | 'resolved' | 'closed';
  assignee_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Timestamp | null;
  queue_due_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Triage sent it to the next maintenance window (migration 0007). */
  next_window: ColumnType<boolean, boolean | undefined, boolean>;
  /** Engineers' effort estimate for planning. */
  estimate_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  chore_id: ColumnType<string | null, string | null | undefined, string | null>;
  chore_due_on: ColumnType<DateOnly | null, DateOnly | null | undefined, DateOnly | null>;
}

export interface TicketCommentsTable {
  id: Generated<string>;
  seq: ColumnType<number, never, never>;
  ticket_id: string;
  author_id: string | null;
  body: string;
  visibility: 'public' | 'internal';
  is_assessment: ColumnType<boolean, boolean | undefined>;
  created_at: Timestamp;
}

export interface TicketEventsTable {
  id: ColumnType<number, never, never>;
  ticket_id: string;
  at: Timestamp;
  type: string;
  actor_id: string | null;
  data: Json<Record<string, unknown>>;
}

export interface TicketLinksTable {
  from_ticket_id: string;
  to_ticket_id: string;
  kind: 'follow_up' | 'related' | 'duplicate';
  created_at: TimestampDefault;
  created_by: string | null;
}

export interface EstimatesTable {
  id: Generated<string>;
  ticket_id: string;
  agreement_id: string;
  minutes: number;
  amount_cents: number;
  note: string;
  status: ColumnType<
    'pending' | 'approved' | 'declined' | 'withdrawn',
    'pending' | 'approved' | 'declined' | 'withdrawn' | undefined
  >;
  requested_by: string;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: Timestamp;
}

export interface TimeEntriesTable {
  id: Generated<string>;
  agreement_id: string;
  ticket_id: string | null;
  user_id: string;
  work_date: DateOnly;
  minutes: number;
  category: 'bugfix' | 'enhancement' | 'advisory' | 'maintenance';
  billable: boolean;
  description: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Time spent in a maintenance window (migration 0007). */
  window_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Time on an approved change project: never drawn from a retainer (migration 0008). */
  project_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AttachmentsTable {
  id: Generated<string>;
  ticket_id: string;
  comment_id: string | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export type InboundSource = 'email' | 'slack' | 'webhook';

export interface InboundItemsTable {
  id: Generated<string>;
  source: InboundSource;
  idempotency_key: string;
  payload: Json<unknown>;
  raw: string | null;
  status: ColumnType<'pending' | 'processed' | 'dead', 'pending' | 'processed' | 'dead' | undefined>;
  attempts: ColumnType<number, number | undefined>;
  last_error: string | null;
  result: Json<unknown> | null;
  received_at: Timestamp;
  processed_at: Timestamp | null;
}

export interface SlackConnectionTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  signing_secret: string;
  bot_token: string;
  agency_channel_id: string | null;
  configured_by: string;
  updated_at: Timestamp;
}

export interface SlackChannelsTable {
  channel_id: string;
  client_id: string;
  created_at: Timestamp;
}

export interface SlackThreadsTable {
  ticket_id: string;
  channel_id: string;
  thread_ts: string;
}

export interface MailboxesTable {
  id: Generated<string>;
  name: string;
  address: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  password: string;
  folder: ColumnType<string, string | undefined>;
  client_id: string | null;
  enabled: ColumnType<boolean, boolean | undefined>;
  last_polled_at: Timestamp | null;
  last_error: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type EmailKind = 'normal' | 'auto_reply' | 'bounce' | 'list';

export interface EmailMessagesTable {
  id: Generated<string>;
  direction: 'in' | 'out';
  message_id: string;
  ticket_id: string | null;
  comment_id: string | null;
  mailbox_id: string | null;
  inbound_item_id: string | null;
  kind: EmailKind;
  purpose: string | null;
  from_address: string;
  to_address: string;
  subject: string;
  body_text: string | null;
  in_reply_to: string | null;
  references_ids: ColumnType<string[], string[] | undefined>;
  status: ColumnType<
    'recorded' | 'pending' | 'sent' | 'suppressed',
    'recorded' | 'pending' | 'sent' | 'suppressed' | undefined
  >;
  sent_at: Timestamp | null;
  created_at: Timestamp;
  /** A monthly report's mail: its PDF is attached when sent (migration 0009). */
  monthly_report_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EmailTriageTable {
  id: Generated<string>;
  inbound_item_id: string;
  mailbox_id: string | null;
  reason: 'unknown_sender' | 'list' | 'staff_sender' | 'other_client';
  from_address: string;
  from_name: string | null;
  subject: string;
  preview: string;
  status: ColumnType<'held' | 'assigned' | 'dismissed', 'held' | 'assigned' | 'dismissed' | undefined>;
  ticket_id: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  received_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  ticket_id: string | null;
  kind: string;
  title: string;
  body: ColumnType<string, string | undefined>;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export type NotificationChannel = 'email' | 'slack' | 'in_app';

export interface NotificationPreferencesTable {
  user_id: string;
  channel: NotificationChannel;
  enabled: boolean;
  updated_at: Timestamp;
}

export interface SlaAlertsTable {
  dedupe_key: string;
  ticket_id: string;
  kind: 'sla_warning' | 'sla_breach' | 'sla_escalation';
  clock: 'response' | 'resolution';
  threshold: string;
  notify: 'assignee' | 'agency_channel' | 'admins';
  anchor_at: Timestamp;
  paged: boolean;
  recipients: number;
  handled_at: Timestamp;
}

export interface AuditLogTable {
  id: ColumnType<number, never, never>;
  at: TimestampDefault;
  actor_id: string | null;
  organization_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  data: Json<Record<string, unknown>>;
}

// ---- Maintenance (migration 0007) ----

export interface MaintenanceSchedulesTable {
  id: Generated<string>;
  agreement_id: string;
  name: string;
  rule: Json<Record<string, unknown>>;
  capacity_minutes: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MaintenanceWindowStatus = 'scheduled' | 'in_progress' | 'closed' | 'cancelled';

export interface MaintenanceWindowsTable {
  id: Generated<string>;
  agreement_id: string;
  schedule_id: string | null;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity_minutes: number;
  status: ColumnType<MaintenanceWindowStatus, MaintenanceWindowStatus | undefined, MaintenanceWindowStatus>;
  started_at: Timestamp | null;
  started_by: string | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  release_notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MaintenanceChoresTable {
  id: Generated<string>;
  agreement_id: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  cadence_months: number;
  estimate_minutes: number;
  priority: ColumnType<
    'critical' | 'high' | 'medium' | 'low',
    'critical' | 'high' | 'medium' | 'low' | undefined
  >;
  next_due_on: DateOnly;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WindowPlanTable {
  ticket_id: string;
  window_id: string | null;
  position: number;
  roll_count: ColumnType<number, number | undefined, number>;
  first_window_id: string | null;
  planned_at: Timestamp;
}

export interface WindowOutcomesTable {
  window_id: string;
  ticket_id: string;
  outcome: 'done' | 'rolled';
  minutes: ColumnType<number, number | undefined, number>;
}

// ---- Change proposals (migration 0008) ----

export type ProposalStatus = 'draft' | 'sent' | 'approved' | 'declined' | 'withdrawn';

export interface ProposalsTable {
  id: Generated<string>;
  ticket_id: string;
  agreement_id: string;
  client_id: string;
  title: string;
  scope: string;
  assumptions: ColumnType<string, string | undefined, string>;
  estimate_minutes: number;
  /** bigint: parsed as a number by both drivers (amounts stay far below 2^53). */
  rate_cents: number;
  amount_cents: number;
  status: ProposalStatus;
  created_by: string;
  sent_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectsTable {
  id: Generated<string>;
  proposal_id: string;
  client_id: string;
  name: string;
  budget_minutes: number;
  amount_cents: number;
  status: ColumnType<'active' | 'completed' | 'cancelled', 'active' | 'completed' | 'cancelled' | undefined>;
  created_at: Timestamp;
  completed_at: Timestamp | null;
}

// ---- Monthly reports (migration 0009) ----

export interface MonthlyReportsTable {
  id: Generated<string>;
  client_id: string;
  month: string;
  figures: Json<Record<string, unknown>>;
  pdf: Buffer;
  pdf_sha256: string;
  generated_at: Timestamp;
  generated_by: string | null;
  sent_at: Timestamp | null;
  sent_to: Json<unknown[]> | null;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: TimestampDefault;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  calendars: CalendarsTable;
  sla_policies: SlaPoliciesTable;
  agreements: AgreementsTable;
  tickets: TicketsTable;
  ticket_comments: TicketCommentsTable;
  ticket_events: TicketEventsTable;
  ticket_links: TicketLinksTable;
  estimates: EstimatesTable;
  time_entries: TimeEntriesTable;
  audit_log: AuditLogTable;
  attachments: AttachmentsTable;
  inbound_items: InboundItemsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  sla_alerts: SlaAlertsTable;
  slack_connection: SlackConnectionTable;
  slack_channels: SlackChannelsTable;
  slack_threads: SlackThreadsTable;
  mailboxes: MailboxesTable;
  email_messages: EmailMessagesTable;
  email_triage: EmailTriageTable;
  maintenance_schedules: MaintenanceSchedulesTable;
  maintenance_windows: MaintenanceWindowsTable;
  maintenance_chores: MaintenanceChoresTable;
  window_plan: WindowPlanTable;
  window_outcomes: WindowOutcomesTable;
  proposals: ProposalsTable;
  projects: ProjectsTable;
  monthly_reports: MonthlyReportsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type UserRow = Selectable<UsersTable>;
export type CalendarRow = Selectable<CalendarsTable>;
export type SlaPolicyRow = Selectable<SlaPoliciesTable>;
export type AgreementRow = Selectable<AgreementsTable>;
export type TicketRow = Selectable<TicketsTable>;
export type TicketCommentRow = Selectable<TicketCommentsTable>;
export type TicketEventRow = Selectable<TicketEventsTable>;
export type EstimateRow = Selectable<EstimatesTable>;
export type TimeEntryRow = Selectable<TimeEntriesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type InboundItemRow = Selectable<InboundItemsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type MailboxRow = Selectable<MailboxesTable>;
export type EmailMessageRow = Selectable<EmailMessagesTable>;
export type EmailTriageRow = Selectable<EmailTriageTable>;
export type NewTicketEvent = Insertable<TicketEventsTable>;
export type MaintenanceScheduleRow = Selectable<MaintenanceSchedulesTable>;
export type MaintenanceWindowRow = Selectable<MaintenanceWindowsTable>;
export type MaintenanceChoreRow = Selectable<MaintenanceChoresTable>;
export type ProposalRow = Selectable<ProposalsTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type MonthlyReportRow = Selectable<MonthlyReportsTable>;

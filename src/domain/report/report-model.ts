import type { Priority } from '../sla/sla-policy';
import type { LedgerCategory } from '../ledger/hour-ledger';

/**
 * The figures of one client's monthly report: plain JSON (instants as ISO strings, durations in minutes,
 * money in cents), computed once and archived as is. The HTML page and the PDF are rendered from it and
 * from nothing else, so an archived report renders the same forever.
 *
 * Every figure is "as of the end of the month": events, time entries and decisions after the month are
 * ignored, so regenerating a past month yields the same figures. The one exception is `maintenance.upcoming`,
 * which is the plan as it stood when the report was generated (`upcoming.asOf`).
 */
export const REPORT_MODEL_VERSION = 1;

export type TicketKindName = 'support' | 'maintenance' | 'change';

export interface ReportTicketRef {
  number: number;
  subject: string;
  priority: Priority;
  kind: TicketKindName;
}

export interface CountsByKindAndPriority {
  total: number;
  byKind: Record<TicketKindName, number>;
  byPriority: Record<Priority, number>;
}

export interface ReportRequests {
  /** Tickets created in the month. */
  received: CountsByKindAndPriority;
  /** Tickets whose (last) resolution in the month stood at the month's end. */
  resolved: CountsByKindAndPriority;
  /** Tickets open at the start of the month (carried in) and at its end (carried out). */
  openAtStart: number;
  openAtEnd: number;
  /** Median business minutes from creation to resolution of the month's resolved tickets; null if none. */
  medianResolutionMinutes: number | null;
}

export interface ReportClockCompliance {
  /** Clocks whose due fell in the month (see domain/sla/compliance.ts). */
  due: number;
  met: number;
  breached: number;
  open: number;
  compliancePercent: number | null;
}

export interface ReportSlaTier {
  priority: Priority;
  definition: string;
  /** Targets in words, e.g. "2 business hours", "end of the next maintenance window". */
  responseTarget: string;
  resolutionTarget: string;
  response: ReportClockCompliance;
  resolution: ReportClockCompliance;
}

export interface ReportBreach {
  ticket: ReportTicketRef;
  clock: 'response' | 'resolution';
  dueAt: string;
  breachedAt: string;
  /** The ticket's SLA explanation lines (from its event history) up to the month's end. */
  explanation: string[];
}

export interface ReportSla {
  /** Null when no agreement of the client has an SLA policy in the month. */
  policyName: string | null;
  tiers: ReportSlaTier[];
  total: { response: ReportClockCompliance; resolution: ReportClockCompliance };
  /** Every breach that happened in the month, oldest first. */
  breaches: ReportBreach[];
}

export interface ReportHoursMonth {
  month: string;
  allocationMinutes: number;
  rolledInMinutes: number;
  usedMinutes: number;
  expiredMinutes: number;
  overageMinutes: number;
}

export interface ReportRetainerHours {
  agreementId: string;
  agreementName: string;
  allocationMinutes: number;
  rolledInMinutes: number;
  usedMinutes: number;
  usedByCategory: Record<LedgerCategory, number>;
  remainingMinutes: number;
  /** Minutes that expired unused at the end of this month (they are gone from next month). */
  expiredMinutes: number;
  /** Of the remaining minutes, those that will expire at the end of next month if unused. */
  expiringNextMonthMinutes: number;
  overageMinutes: number;
  overageCents: number;
  nonBillableMinutes: number;
  changeWorkMinutes: number;
  /** Remaining minutes at the end of each day of the month (local dates). */
  burnDown: Array<{ date: string; remainingMinutes: number }>;
  /** The six months ending with this one, oldest first (months before the agreement are left out). */
  trend: ReportHoursMonth[];
}

export interface ReportPaygHours {
  agreementId: string;
  agreementName: string;
  billableMinutes: number;
  amountCents: number;
}

export interface ReportHours {
  retainers: ReportRetainerHours[];
  payAsYouGo: ReportPaygHours[];
  /** Time on approved change projects in the month (never drawn from a retainer). */
  projects: Array<{ name: string; minutes: number; budgetMinutes: number; totalMinutes: number }>;
}

export interface ReportWindowHeld {
  title: string;
  startsAt: string;
  endsAt: string;
  status: 'in_progress' | 'closed';
  minutesLogged: number;
  done: ReportTicketRef[];
  rolled: Array<ReportTicketRef & { rollCount: number }>;
}

export interface ReportWindowUpcoming {
  title: string;
  startsAt: string;
  endsAt: string;
  capacityMinutes: number;
  plannedMinutes: number;
  items: Array<ReportTicketRef & { estimateMinutes: number; rollCount: number }>;
}

export interface ReportMaintenance {
  /** Windows that started in the month. */
  held: ReportWindowHeld[];
  upcoming: { asOf: string; windows: ReportWindowUpcoming[] };
}

export interface ReportPending {
  /** Estimates waiting on the client at the month's end. */
  estimates: Array<{ ticket: ReportTicketRef; minutes: number; amountCents: number; requestedAt: string }>;
  /** Change proposals sent and not decided at the month's end. */
  proposals: Array<{
    ticket: ReportTicketRef;
    title: string;
    estimateMinutes: number;
    amountCents: number;
    sentAt: string;
  }>;
}

export interface MonthlyReportFigures {
  version: typeof REPORT_MODEL_VERSION;
  month: string;
  client: { id: string; name: string; slug: string; timeZone: string };
  agency: { name: string };
  /** The month as instants in the client's time zone: [from, to). */
  period: { from: string; to: string; timeZone: string };
  generatedAt: string;
  currency: string;
  requests: ReportRequests;
  sla: ReportSla;
  hours: ReportHours;
  maintenance: ReportMaintenance;
  pending: ReportPending;
}

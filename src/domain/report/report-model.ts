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

/** A ticket as it stood at the month's end (in `maintenance.upcoming`: as it is at generation). */
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

/** Kinds and priorities are those the tickets had at the month's end (later changes do not count). */
export interface ReportRequests {
  /** Tickets created in the month. */
  received: CountsByKindAndPriority;
  /**
   * Tickets that stopped being open (resolved, or closed) in the month and were still resolved or closed at
   * its end: one created in March and resolved in April is received in March, resolved in April.
   */
  resolved: CountsByKindAndPriority;
  /** Tickets open at the start of the month (carried in) and at its end (carried out). */
  openAtStart: number;
  openAtEnd: number;
  /**
   * Median minutes on the resolution clock of the month's resolved tickets that have an SLA: business minutes
   * of the policy's calendar (24×7 minutes for round-the-clock targets), time waiting on the client left
   * out; rounded to 0.1. Null if none.
   */
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
  /** Targets in words, e.g. "2 business hours", "by the end of the business day". */
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
  /**
   * All four tiers, most urgent first, with that policy's definitions and targets; empty when policyName is
   * null. Counts cover every ticket with an SLA, under the priority it had at the month's end.
   */
  tiers: ReportSlaTier[];
  total: { response: ReportClockCompliance; resolution: ReportClockCompliance };
  /**
   * Every breached clock the month's compliance counts (its due fell in the month), oldest breach first;
   * so the list matches the `breached` counts.
   */
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
  /** Terms, for the words around the figures: months unused minutes stay usable, price of an overage hour. */
  rolloverMonths: number;
  overageRateCents: number;
  allocationMinutes: number;
  rolledInMinutes: number;
  usedMinutes: number;
  usedByCategory: Record<LedgerCategory, number>;
  remainingMinutes: number;
  /** Minutes that expired unused at the end of this month (they are gone from next month); 0 until it ends. */
  expiredMinutes: number;
  /** Of the remaining minutes, those that expire at the end of this month (= expiredMinutes once it is over). */
  expiringAtMonthEndMinutes: number;
  /** Of the remaining minutes, those that will expire at the end of next month if unused. */
  expiringNextMonthMinutes: number;
  overageMinutes: number;
  overageCents: number;
  nonBillableMinutes: number;
  changeWorkMinutes: number;
  /**
   * Remaining minutes at the end of each day of the month (local dates); while the month runs, up to today.
   * The last point equals remainingMinutes.
   */
  burnDown: Array<{ date: string; remainingMinutes: number }>;
  /** The six months ending with this one, oldest first (months before the agreement are left out). */
  trend: ReportHoursMonth[];
}

/** Pay-as-you-go work is billed when its ticket is resolved: these are the tickets resolved in the month. */
export interface ReportPaygHours {
  agreementId: string;
  agreementName: string;
  hourlyRateCents: number;
  /** Tickets resolved in the month (and still resolved at its end). */
  ticketsBilled: number;
  /** Billable time logged on them up to the month's end. */
  billableMinutes: number;
  /** Per ticket round(minutes / 60 × rate), summed. */
  amountCents: number;
}

export interface ReportHours {
  retainers: ReportRetainerHours[];
  payAsYouGo: ReportPaygHours[];
  /**
   * Time on approved change projects (never drawn from a retainer): projects created or worked on in the
   * month; `minutes` in the month, `totalMinutes` up to its end.
   */
  projects: Array<{ name: string; minutes: number; budgetMinutes: number; totalMinutes: number }>;
}

export interface ReportWindowHeld {
  title: string;
  startsAt: string;
  endsAt: string;
  capacityMinutes: number;
  /** As of the month's end: a window closed only after it is still 'in_progress' here, with no outcomes. */
  status: 'in_progress' | 'closed';
  /** Time logged against the window, dated up to the month's end. */
  minutesLogged: number;
  done: ReportTicketRef[];
  /** Items that did not fit; rollCount = how many windows (closed by the month's end) each has rolled from. */
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
  /** Windows that started in the month (and had started by its end), in start order. */
  held: ReportWindowHeld[];
  /** The next three scheduled windows after generation time, with the items planned into them then. */
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
  /**
   * The month as instants in the client's time zone: [from, to). `asOf` is when the figures stand: `to` for
   * a month that is over (`complete`), the generation instant for the current month (figures so far).
   */
  period: { from: string; to: string; timeZone: string; asOf: string; complete: boolean };
  generatedAt: string;
  /** ISO 4217 code of every amount (Tend keeps one currency: EUR). */
  currency: string;
  requests: ReportRequests;
  sla: ReportSla;
  hours: ReportHours;
  maintenance: ReportMaintenance;
  pending: ReportPending;
}

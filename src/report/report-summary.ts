import type { MonthlyReportFigures } from '../domain/report/report-model';
import { formatMinutes, formatMonth, formatPercent, plural } from './report-format';

/** The month's headline figures, shared by the report's summary and the email that sends it. */
export interface ReportHeadlines {
  received: number;
  resolved: number;
  openAtEnd: number;
  responsePercent: number | null;
  resolutionPercent: number | null;
  breaches: number;
  /** Retainer hours: null when no retainer was in force. */
  retainer: {
    availableMinutes: number;
    usedMinutes: number;
    remainingMinutes: number;
    overageMinutes: number;
  } | null;
  payAsYouGoMinutes: number;
}

export function headlinesOf(figures: MonthlyReportFigures): ReportHeadlines {
  const retainers = figures.hours.retainers;
  const sum = (pick: (r: (typeof retainers)[number]) => number) => retainers.reduce((t, r) => t + pick(r), 0);
  return {
    received: figures.requests.received.total,
    resolved: figures.requests.resolved.total,
    openAtEnd: figures.requests.openAtEnd,
    responsePercent: figures.sla.total.response.compliancePercent,
    resolutionPercent: figures.sla.total.resolution.compliancePercent,
    breaches: figures.sla.breaches.length,
    retainer: retainers.length
      ? {
          availableMinutes: sum((r) => r.allocationMinutes + r.rolledInMinutes),
          usedMinutes: sum((r) => r.usedMinutes),
          remainingMinutes: sum((r) => r.remainingMinutes),
          overageMinutes: sum((r) => r.overageMinutes),
        }
      : null,
    payAsYouGoMinutes: figures.hours.payAsYouGo.reduce((total, p) => total + p.billableMinutes, 0),
  };
}

/** The month in a few plain sentences (the email body; the summary section's opening). */
export function summarySentences(figures: MonthlyReportFigures): string[] {
  const h = headlinesOf(figures);
  const month = formatMonth(figures.month);
  const lines = [
    `Requests in ${month}: ${plural(h.received, 'request')} received, ${h.resolved} resolved; ${h.openAtEnd} open at the end of the month.`,
  ];
  if (figures.sla.policyName === null) lines.push('SLA: no SLA policy applied this month.');
  else
    lines.push(
      `SLA compliance: response ${formatPercent(h.responsePercent)}, resolution ${formatPercent(h.resolutionPercent)}` +
        (h.breaches === 0
          ? ', no breaches.'
          : `, ${plural(h.breaches, 'breach', 'breaches')} (each explained in the report).`),
    );
  if (h.retainer)
    lines.push(
      `Retainer hours: ${formatMinutes(h.retainer.usedMinutes)} used of ${formatMinutes(h.retainer.availableMinutes)}, ` +
        `${formatMinutes(h.retainer.remainingMinutes)} remaining` +
        (h.retainer.overageMinutes > 0 ? `, ${formatMinutes(h.retainer.overageMinutes)} overage.` : '.'),
    );
  if (h.payAsYouGoMinutes > 0) lines.push(`Pay-as-you-go: ${formatMinutes(h.payAsYouGoMinutes)} billable.`);
  return lines;
}

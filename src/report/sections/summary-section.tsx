import { formatMinutes, formatMonth, formatPercent, plural } from '../report-format';
import { Headline } from '../report-parts';
import type { ReportSection } from '../report-section';
import { headlinesOf, summarySentences } from '../report-summary';

export const summarySection: ReportSection = {
  id: 'summary',
  title: 'Summary',
  render(figures) {
    const h = headlinesOf(figures);
    return (
      <>
        <div className="headlines">
          <Headline
            label="requests received"
            value={String(h.received)}
            note={`${h.resolved} resolved · ${h.openAtEnd} open at month end`}
          />
          <Headline
            label="SLA response"
            value={formatPercent(h.responsePercent)}
            note={figures.sla.policyName ?? 'no SLA policy this month'}
          />
          <Headline
            label="SLA resolution"
            value={formatPercent(h.resolutionPercent)}
            note={h.breaches === 0 ? 'no breaches' : plural(h.breaches, 'breach', 'breaches')}
          />
          {h.retainer ? (
            <Headline
              label="retainer hours used"
              value={formatMinutes(h.retainer.usedMinutes)}
              note={`of ${formatMinutes(h.retainer.availableMinutes)} · ${formatMinutes(h.retainer.remainingMinutes)} remaining`}
            />
          ) : (
            <Headline label="retainer hours used" value="—" note="no retainer this month" />
          )}
        </div>
        <p>This report covers {formatMonth(figures.month)}.</p>
        <ul className="summary-lines">
          {summarySentences(figures).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </>
    );
  },
};

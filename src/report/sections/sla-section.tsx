import type { ReportClockCompliance, MonthlyReportFigures } from '../../domain/report/report-model';
import { capitalise, formatDateTime, formatMonth, formatPercent, zoneAbbreviations } from '../report-format';
import { Nothing, PriorityBadge, TicketLabel, ZoneNote } from '../report-parts';
import type { ReportSection } from '../report-section';

function Compliance({ clock }: { clock: ReportClockCompliance }) {
  if (clock.due === 0) return <span className="muted">nothing due</span>;
  return (
    <>
      <strong>{formatPercent(clock.compliancePercent)}</strong>
      <span className="muted">
        {' '}
        {clock.met} met · {clock.breached} missed{clock.open > 0 ? ` · ${clock.open} open` : ''}
      </span>
    </>
  );
}

function Breaches({ figures }: { figures: MonthlyReportFigures }) {
  const zone = figures.client.timeZone;
  if (figures.sla.breaches.length === 0)
    return <Nothing>No SLA target was missed in {formatMonth(figures.month)}.</Nothing>;
  return (
    <ol className="breaches">
      {figures.sla.breaches.map((breach) => (
        <li key={`${breach.ticket.number}-${breach.clock}`} className="breach">
          <div className="breach-head">
            <PriorityBadge priority={breach.ticket.priority} /> <TicketLabel ticket={breach.ticket} />
          </div>
          <div className="breach-facts">
            {capitalise(breach.clock)} target missed: due {formatDateTime(breach.dueAt, zone)}, breached{' '}
            {formatDateTime(breach.breachedAt, zone)}.
          </div>
          <ul className="explanation">
            {breach.explanation.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

export const slaSection: ReportSection = {
  id: 'sla',
  title: 'SLA compliance',
  render(figures) {
    const { sla } = figures;
    if (sla.policyName === null)
      return (
        <Nothing>
          No SLA policy applied to this client’s agreements in {formatMonth(figures.month)}, so there were no
          targets to measure.
        </Nothing>
      );
    return (
      <>
        <p>
          Targets of the policy “{sla.policyName}”. A target counts in the month in which it fell due; time
          waiting on your answer does not count.
        </p>
        <table className="grid sla">
          <caption>Compliance per priority</caption>
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Response target</th>
              <th scope="col">Response</th>
              <th scope="col">Resolution target</th>
              <th scope="col">Resolution</th>
            </tr>
          </thead>
          <tbody>
            {sla.tiers.map((tier) => (
              <tr key={tier.priority}>
                <th scope="row">
                  <PriorityBadge priority={tier.priority} />
                  <div className="definition">{tier.definition}</div>
                </th>
                <td>{tier.responseTarget}</td>
                <td>
                  <Compliance clock={tier.response} />
                </td>
                <td>{tier.resolutionTarget}</td>
                <td>
                  <Compliance clock={tier.resolution} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All priorities</th>
              <td />
              <td>
                <Compliance clock={sla.total.response} />
              </td>
              <td />
              <td>
                <Compliance clock={sla.total.resolution} />
              </td>
            </tr>
          </tfoot>
        </table>
        <h3>Breaches</h3>
        <ZoneNote
          timeZone={figures.client.timeZone}
          abbreviation={zoneAbbreviations(figures.period.from, figures.period.to, figures.client.timeZone)}
        />
        <Breaches figures={figures} />
      </>
    );
  },
};

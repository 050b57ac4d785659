import { PRIORITIES } from '../../domain/sla/sla-policy';
import type { TicketKindName } from '../../domain/report/report-model';
import { capitalise, formatMinutes, formatMonth } from '../report-format';
import { Nothing } from '../report-parts';
import type { ReportSection } from '../report-section';

const KINDS: Array<{ kind: TicketKindName; label: string }> = [
  { kind: 'support', label: 'Support (something broke)' },
  { kind: 'maintenance', label: 'Maintenance (scheduled)' },
  { kind: 'change', label: 'Change work (proposals)' },
];

export const requestsSection: ReportSection = {
  id: 'requests',
  title: 'Requests',
  render({ requests, month }) {
    const { received, resolved } = requests;
    if (received.total === 0 && resolved.total === 0)
      return (
        <Nothing>
          No requests were received or resolved in {formatMonth(month)}.
          {requests.openAtEnd > 0 ? ` ${requests.openAtEnd} requests remained open from before.` : ''}
        </Nothing>
      );
    return (
      <>
        <p>
          {received.total} received and {resolved.total} resolved in {formatMonth(month)};{' '}
          {requests.openAtStart} open at the start of the month and {requests.openAtEnd} at its end.
          {requests.medianResolutionMinutes !== null
            ? ` Half of the resolved requests took ${formatMinutes(requests.medianResolutionMinutes)} of business time or less.`
            : ''}
        </p>
        <div className="two-columns">
          <CountsTable
            caption="By kind"
            heading="Kind"
            rows={KINDS.map(({ kind, label }) => ({
              key: kind,
              label,
              received: received.byKind[kind],
              resolved: resolved.byKind[kind],
            }))}
            total={{ received: received.total, resolved: resolved.total }}
          />
          <CountsTable
            caption="By priority"
            heading="Priority"
            rows={PRIORITIES.map((priority) => ({
              key: priority,
              label: capitalise(priority),
              received: received.byPriority[priority],
              resolved: resolved.byPriority[priority],
            }))}
            total={{ received: received.total, resolved: resolved.total }}
          />
        </div>
      </>
    );
  },
};

interface Counts {
  received: number;
  resolved: number;
}

/** Received and resolved counts per row (a kind or a priority), with their total. */
function CountsTable(props: {
  caption: string;
  heading: string;
  rows: Array<Counts & { key: string; label: string }>;
  total: Counts;
}) {
  return (
    <table className="grid">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.heading}</th>
          <th scope="col" className="number">
            Received
          </th>
          <th scope="col" className="number">
            Resolved
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="number">{row.received}</td>
            <td className="number">{row.resolved}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="number">{props.total.received}</td>
          <td className="number">{props.total.resolved}</td>
        </tr>
      </tfoot>
    </table>
  );
}

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
          <table className="grid">
            <caption>By kind</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col" className="number">
                  Received
                </th>
                <th scope="col" className="number">
                  Resolved
                </th>
              </tr>
            </thead>
            <tbody>
              {KINDS.map(({ kind, label }) => (
                <tr key={kind}>
                  <th scope="row">{label}</th>
                  <td className="number">{received.byKind[kind]}</td>
                  <td className="number">{resolved.byKind[kind]}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="number">{received.total}</td>
                <td className="number">{resolved.total}</td>
              </tr>
            </tfoot>
          </table>
          <table className="grid">
            <caption>By priority</caption>
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col" className="number">
                  Received
                </th>
                <th scope="col" className="number">
                  Resolved
                </th>
              </tr>
            </thead>
            <tbody>
              {PRIORITIES.map((priority) => (
                <tr key={priority}>
                  <th scope="row">{capitalise(priority)}</th>
                  <td className="number">{received.byPriority[priority]}</td>
                  <td className="number">{resolved.byPriority[priority]}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="number">{received.total}</td>
                <td className="number">{resolved.total}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </>
    );
  },
};

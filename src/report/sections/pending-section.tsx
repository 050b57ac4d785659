import { formatDate, formatMinutes, formatMoney, formatMonth } from '../report-format';
import { Nothing, TicketLabel } from '../report-parts';
import type { ReportSection } from '../report-section';

export const pendingSection: ReportSection = {
  id: 'pending',
  title: 'Pending estimates and proposals',
  render(figures) {
    const { estimates, proposals } = figures.pending;
    const zone = figures.client.timeZone;
    const end = formatMonth(figures.month);
    if (estimates.length === 0 && proposals.length === 0)
      return <Nothing>Nothing was waiting on your decision at the end of {end}.</Nothing>;
    return (
      <>
        <p>Waiting on your decision at the end of {end}; approve or decline them in the portal.</p>
        <h3>Estimates</h3>
        {estimates.length === 0 ? (
          <Nothing>No estimate was waiting on your approval.</Nothing>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Sent</th>
                <th scope="col" className="number">
                  Estimate
                </th>
                <th scope="col" className="number">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {estimates.map((estimate) => (
                <tr key={estimate.ticket.number}>
                  <td>
                    <TicketLabel ticket={estimate.ticket} />
                  </td>
                  <td>{formatDate(estimate.requestedAt, zone)}</td>
                  <td className="number">{formatMinutes(estimate.minutes)}</td>
                  <td className="number">{formatMoney(estimate.amountCents, figures.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Change proposals</h3>
        {proposals.length === 0 ? (
          <Nothing>No change proposal was waiting on your decision.</Nothing>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Proposal</th>
                <th scope="col">Sent</th>
                <th scope="col" className="number">
                  Estimate
                </th>
                <th scope="col" className="number">
                  Price
                </th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((proposal) => (
                <tr key={proposal.ticket.number}>
                  <td>
                    <strong>{proposal.title}</strong>
                    <div className="muted">
                      <TicketLabel ticket={proposal.ticket} />
                    </div>
                  </td>
                  <td>{formatDate(proposal.sentAt, zone)}</td>
                  <td className="number">{formatMinutes(proposal.estimateMinutes)}</td>
                  <td className="number">{formatMoney(proposal.amountCents, figures.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    );
  },
};

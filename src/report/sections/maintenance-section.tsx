import type {
  MonthlyReportFigures,
  ReportWindowHeld,
  ReportWindowUpcoming,
} from '../../domain/report/report-model';
import {
  formatDate,
  formatMinutes,
  formatMonth,
  formatSpan,
  plural,
  zoneAbbreviations,
} from '../report-format';
import { Nothing, PriorityBadge, TicketLabel, ZoneNote } from '../report-parts';
import type { ReportSection } from '../report-section';

function rolledNote(count: number): string {
  return count === 0 ? '' : `rolled ${count === 1 ? 'once' : `${count} times`}`;
}

function HeldWindow({ window, zone }: { window: ReportWindowHeld; zone: string }) {
  return (
    <div className="window">
      <h4>
        {window.title} <span className="muted">· {formatSpan(window.startsAt, window.endsAt, zone)}</span>
      </h4>
      <p className="muted">
        {window.status === 'closed' ? 'Closed' : 'Still in progress at the end of the month'} ·{' '}
        {formatMinutes(window.minutesLogged)} logged of {formatMinutes(window.capacityMinutes)} capacity
      </p>
      {window.done.length ? (
        <>
          <p className="list-label">Done</p>
          <ul className="items">
            {window.done.map((item) => (
              <li key={item.number}>
                <PriorityBadge priority={item.priority} /> <TicketLabel ticket={item} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Nothing>No item was completed in this window.</Nothing>
      )}
      {window.rolled.length ? (
        <>
          <p className="list-label">Rolled to the next window</p>
          <ul className="items">
            {window.rolled.map((item) => (
              <li key={item.number}>
                <PriorityBadge priority={item.priority} /> <TicketLabel ticket={item} />{' '}
                <span className="rolled">{rolledNote(item.rollCount)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">Nothing rolled over.</p>
      )}
    </div>
  );
}

function UpcomingWindow({ window, zone }: { window: ReportWindowUpcoming; zone: string }) {
  return (
    <div className="window">
      <h4>
        {window.title} <span className="muted">· {formatSpan(window.startsAt, window.endsAt, zone)}</span>
      </h4>
      <p className="muted">
        {formatMinutes(window.plannedMinutes)} planned of {formatMinutes(window.capacityMinutes)} capacity
      </p>
      {window.items.length ? (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Planned item</th>
              <th scope="col" className="number">
                Estimate
              </th>
            </tr>
          </thead>
          <tbody>
            {window.items.map((item) => (
              <tr key={item.number}>
                <td>
                  <PriorityBadge priority={item.priority} /> <TicketLabel ticket={item} />{' '}
                  <span className="rolled">{rolledNote(item.rollCount)}</span>
                </td>
                <td className="number">{formatMinutes(item.estimateMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Nothing>Nothing is planned into this window yet.</Nothing>
      )}
    </div>
  );
}

function Upcoming({ figures }: { figures: MonthlyReportFigures }) {
  const zone = figures.client.timeZone;
  const { upcoming } = figures.maintenance;
  return (
    <>
      <h3>Upcoming windows, as planned on {formatDate(upcoming.asOf, zone)}</h3>
      {upcoming.windows.length === 0 ? (
        <Nothing>No maintenance window is scheduled yet.</Nothing>
      ) : (
        <>
          <p className="muted">
            The plan may change as new work arrives: items are planned by priority, then due date, then age.
          </p>
          {upcoming.windows.map((window) => (
            <UpcomingWindow key={window.startsAt} window={window} zone={zone} />
          ))}
        </>
      )}
    </>
  );
}

export const maintenanceSection: ReportSection = {
  id: 'maintenance',
  title: 'Maintenance',
  render(figures) {
    const zone = figures.client.timeZone;
    const { held } = figures.maintenance;
    return (
      <>
        <ZoneNote
          timeZone={zone}
          abbreviation={zoneAbbreviations(figures.period.from, figures.period.to, zone)}
        />
        <h3>Windows held in {formatMonth(figures.month)}</h3>
        {held.length === 0 ? (
          <Nothing>No maintenance window was held in {formatMonth(figures.month)}.</Nothing>
        ) : (
          <>
            <p>
              {plural(held.length, 'window')} held;{' '}
              {plural(
                held.reduce((n, w) => n + w.done.length, 0),
                'item',
              )}{' '}
              done,{' '}
              {plural(
                held.reduce((n, w) => n + w.rolled.length, 0),
                'item',
              )}{' '}
              rolled over.
            </p>
            {held.map((window) => (
              <HeldWindow key={window.startsAt} window={window} zone={zone} />
            ))}
          </>
        )}
        <Upcoming figures={figures} />
      </>
    );
  },
};

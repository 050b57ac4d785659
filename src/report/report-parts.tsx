import type { ReactNode } from 'react';
import type { ReportTicketRef } from '../domain/report/report-model';
import { capitalise } from './report-format';

/** Small building blocks the report's sections share. */

/** What a section says when there is nothing to show: a sentence, never an empty table. */
export function Nothing({ children }: { children: ReactNode }) {
  return <p className="nothing">{children}</p>;
}

export function Headline({
  label,
  value,
  note,
}: {
  label: string;
  value: string;
  note?: string | undefined;
}) {
  return (
    <div className="headline">
      <div className="headline-value">{value}</div>
      <div className="headline-label">{label}</div>
      {note ? <div className="headline-note">{note}</div> : null}
    </div>
  );
}

export function PriorityBadge({ priority }: { priority: ReportTicketRef['priority'] }) {
  return <span className={`badge badge-${priority}`}>{capitalise(priority)}</span>;
}

export function TicketLabel({ ticket }: { ticket: ReportTicketRef }) {
  return (
    <>
      <span className="ticket-number">#{ticket.number}</span> {ticket.subject}
    </>
  );
}

/** Label–value rows (a definition table), e.g. the hours of one retainer. */
export function FactTable({
  caption,
  rows,
}: {
  caption: string;
  rows: Array<{ label: string; value: string; emphasis?: boolean; note?: string }>;
}) {
  const withNotes = rows.some((row) => row.note);
  return (
    <table className="facts">
      <caption>{caption}</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} className={row.emphasis ? 'emphasis' : undefined}>
            <th scope="row">{row.label}</th>
            <td className="number">{row.value}</td>
            {withNotes ? <td className="note">{row.note ?? ''}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ZoneNote({ timeZone, abbreviation }: { timeZone: string; abbreviation: string }) {
  return (
    <p className="zone-note">
      Times in {timeZone} ({abbreviation}).
    </p>
  );
}

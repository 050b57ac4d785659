export type TicketStatus =
  'new' | 'acknowledged' | 'in_progress' | 'waiting_on_client' | 'resolved' | 'closed';

export const OPEN_STATUSES: readonly TicketStatus[] = [
  'new',
  'acknowledged',
  'in_progress',
  'waiting_on_client',
];

/** Which status may follow which. Reopening goes back to in_progress; the rest moves forward. */
const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['acknowledged', 'in_progress', 'waiting_on_client', 'resolved', 'closed'],
  acknowledged: ['in_progress', 'waiting_on_client', 'resolved', 'closed'],
  in_progress: ['waiting_on_client', 'resolved', 'closed'],
  waiting_on_client: ['in_progress', 'resolved', 'closed'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

/** Client users may withdraw an open request, close a resolved one, or reopen it. */
export const CLIENT_MAY: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['closed'],
  acknowledged: ['closed'],
  in_progress: ['closed'],
  waiting_on_client: ['in_progress', 'closed'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

export function isOpenStatus(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Null when allowed, otherwise why not (a sentence for the 409). */
export function explainTransitionRefusal(
  from: TicketStatus,
  to: TicketStatus,
  byClient: boolean,
): string | null {
  if (from === to) return `The ticket is already ${from}.`;
  if (!NEXT[from].includes(to)) return `A ticket cannot go from ${from} to ${to}.`;
  if (byClient && !CLIENT_MAY[from].includes(to))
    return `Clients cannot move a ticket from ${from} to ${to}.`;
  return null;
}

export function isReopening(from: TicketStatus, to: TicketStatus): boolean {
  return (from === 'resolved' || from === 'closed') && isOpenStatus(to);
}

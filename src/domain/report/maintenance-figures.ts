export interface WindowAsOf {
  startedAt: number | null;
  closedAt: number | null;
}

/**
 * A window's status at `cutoff`, or null when it had not started by then. Outcomes are only known for a
 * window closed by the cutoff; one closed later was still in progress at the month's end.
 */
export function windowStatusAt(window: WindowAsOf, cutoff: number): 'in_progress' | 'closed' | null {
  if (window.startedAt === null || window.startedAt > cutoff) return null;
  return window.closedAt !== null && window.closedAt <= cutoff ? 'closed' : 'in_progress';
}

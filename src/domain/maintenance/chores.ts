/**
 * Recurring chores (update dependencies, rotate secrets, run a security scan): a chore with a cadence of N
 * months and a next due date D falls due in the first window that starts on or after D (local dates in the
 * agreement's zone); the following occurrence is then due N months later.
 *
 * Occurrences that fall due before the same window are one piece of work: a monthly chore and quarterly
 * windows give one ticket per window, not three.
 */

export interface ChoreCadence {
  id: string;
  cadenceMonths: number;
  /** YYYY-MM-DD */
  nextDueOn: string;
}

export interface ChoreWindow {
  id: string;
  /** The local date the window starts on, YYYY-MM-DD. */
  startsOn: string;
}

export interface ChoreOccurrence {
  choreId: string;
  windowId: string;
  /** The (first) due date this occurrence stands for: the ticket's `chore_due_on`. */
  dueOn: string;
  /** When the chore falls due next, after this window. */
  nextDueOn: string;
}

/** The occurrence of a chore due for `window`, or null when it is not due by the window's start. */
export function choreDueForWindow(chore: ChoreCadence, window: ChoreWindow): ChoreOccurrence | null {
  if (chore.nextDueOn > window.startsOn) return null;
  let next = chore.nextDueOn;
  for (let step = 1; next <= window.startsOn; step++)
    next = addMonthsToDate(chore.nextDueOn, step * chore.cadenceMonths);
  return { choreId: chore.id, windowId: window.id, dueOn: chore.nextDueOn, nextDueOn: next };
}

/**
 * Which chore occurrences fall due for which window over a horizon (windows in any order), e.g. to show
 * the chores ahead on a calendar. Chronological by window, then by chore id.
 */
export function choreOccurrences(
  chores: readonly ChoreCadence[],
  windows: readonly ChoreWindow[],
): ChoreOccurrence[] {
  const sorted = [...windows].sort((a, b) =>
    a.startsOn === b.startsOn ? (a.id < b.id ? -1 : 1) : a.startsOn < b.startsOn ? -1 : 1,
  );
  const found: ChoreOccurrence[] = [];
  for (const chore of [...chores].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    let current = chore;
    for (const window of sorted) {
      const due = choreDueForWindow(current, window);
      if (!due) continue;
      found.push(due);
      current = { ...current, nextDueOn: due.nextDueOn };
    }
  }
  const rank = new Map(sorted.map((window, index) => [window.id, index]));
  return found.sort(
    (a, b) =>
      rank.get(a.windowId)! - rank.get(b.windowId)! ||
      (a.choreId < b.choreId ? -1 : a.choreId > b.choreId ? 1 : 0),
  );
}

/**
 * `date` plus whole months, on the same day of the month or the month's last day when it is shorter
 * (2026-01-31 + 1 month = 2026-02-28). Only the next due date is stored, so a chore due on the 31st moves to
 * the 28th after February and stays there: a due date, not a deadline to the day.
 */
export function addMonthsToDate(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const day = Number(date.slice(8, 10));
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, length))).toISOString().slice(0, 10);
}

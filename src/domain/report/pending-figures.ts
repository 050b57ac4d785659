/** Something the client was asked to decide (an estimate, a proposal). */
export interface AskedDecision {
  /** When it was put to the client; null if it never was (a draft). */
  askedAt: number | null;
  /** Whether it is still waiting on the client now. */
  waitingNow: boolean;
  /** When it stopped waiting (approved, declined, withdrawn); null while waiting. */
  decidedAt: number | null;
}

/**
 * Whether it was waiting on the client at `cutoff`: asked by then, and still waiting now or decided only
 * afterwards — so a past month keeps listing what was pending at its end, whatever happened next.
 */
export function wasPendingAt(item: AskedDecision, cutoff: number): boolean {
  if (item.askedAt === null || item.askedAt > cutoff) return false;
  if (item.waitingNow) return true;
  return item.decidedAt !== null && item.decidedAt > cutoff;
}

/** What the planner assumes for an item nobody has estimated. */
export const DEFAULT_ITEM_MINUTES = 60;

export type ItemSizeSource = 'ticket' | 'estimate' | 'default';

export interface StandingEstimate {
  minutes: number;
  status: 'pending' | 'approved' | 'declined' | 'withdrawn';
  createdAt: number;
}

/**
 * The minutes an item takes in a window: the engineers' estimate on the ticket, else the latest client
 * estimate still standing (pending or approved), else null (the planner's default size applies).
 */
export function itemEstimate(
  ticketEstimateMinutes: number | null,
  estimates: readonly StandingEstimate[],
): { minutes: number | null; source: ItemSizeSource } {
  if (ticketEstimateMinutes !== null) return { minutes: ticketEstimateMinutes, source: 'ticket' };
  const standing = estimates
    .filter((e) => e.status === 'pending' || e.status === 'approved')
    .sort((a, b) => b.createdAt - a.createdAt);
  const latest = standing[0];
  return latest ? { minutes: latest.minutes, source: 'estimate' } : { minutes: null, source: 'default' };
}

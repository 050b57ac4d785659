import type { MonthLedger } from '../../api/types';
import { dayLabel, daysInMonth } from './months';

export type RetainerLedger = Extract<MonthLedger, { isCurrentMonth: boolean }>;

export interface BurnDownPoint {
  /** 'YYYY-MM-DD', or null for the month's opening balance. */
  date: string | null;
  label: string;
  /** Hours left at the end of the day; null for days still ahead. */
  remaining: number | null;
  /** Where an even pace through the month would stand. */
  evenPace: number;
  drawnMinutes: number;
  remainingMinutes: number | null;
}

/**
 * Remaining retainer hours through a month: allocation plus rolled-in at the start, less each day's
 * drawn minutes (overage, non-billable and change work draw nothing). Days after `today` are left empty.
 */
export function burnDown(ledger: RetainerLedger, today: string | null): BurnDownPoint[] {
  const row = ledger.ledger;
  if (!row) return [];
  const start = row.allocationMinutes + row.rolledInMinutes;
  const drawnByDate = new Map<string, number>();
  for (const entry of ledger.entries) {
    const drawn = entry.draws.reduce((sum, draw) => sum + draw.minutes, 0);
    if (drawn > 0) drawnByDate.set(entry.date, (drawnByDate.get(entry.date) ?? 0) + drawn);
  }
  const days = daysInMonth(ledger.month);
  let remaining = start;
  const opening: BurnDownPoint = {
    date: null,
    label: 'Start',
    remaining: round(start / 60),
    evenPace: round(start / 60),
    drawnMinutes: 0,
    remainingMinutes: start,
  };
  const daily = Array.from({ length: days }, (_, index): BurnDownPoint => {
    const date = `${ledger.month}-${String(index + 1).padStart(2, '0')}`;
    const drawnMinutes = drawnByDate.get(date) ?? 0;
    remaining -= drawnMinutes;
    const future = today !== null && date > today;
    return {
      date,
      label: dayLabel(date),
      remaining: future ? null : round(remaining / 60),
      evenPace: round((start * (1 - (index + 1) / days)) / 60),
      drawnMinutes,
      remainingMinutes: future ? null : remaining,
    };
  });
  return [opening, ...daily];
}

function round(hours: number): number {
  return Math.round(hours * 100) / 100;
}

import type { HourLedger, LedgerMonth } from '../ledger/hour-ledger';
import { addMonths } from '../ledger/months';
import type { ReportHoursMonth, ReportRetainerHours } from './report-model';
import { datesOfMonth } from '../ledger/months';
import { monthsEndingWith } from './report-period';

export const TREND_MONTHS = 6;

export type RetainerMonthFigures = Omit<
  ReportRetainerHours,
  'agreementId' | 'agreementName' | 'rolloverMonths' | 'overageRateCents'
>;

export interface RetainerMonthInput {
  /** Derived through `month` from the entries dated up to the month's end (nothing later). */
  ledger: HourLedger;
  /** The date ('YYYY-MM-DD') of every entry the ledger was derived from, by id. */
  entryDates: ReadonlyMap<string, string>;
  month: string;
  /** The agreement's last month, if it ends. */
  endMonth: string | null;
  /** Whether the month is over: only then has anything expired at its end. */
  complete: boolean;
  /** The last local date the burn-down shows (the month's last day, or today while the month runs). */
  burnDownThrough: string;
}

/** The report's view of one retainer month; null when the agreement had no ledger month then. */
export function retainerMonthFigures(input: RetainerMonthInput): RetainerMonthFigures | null {
  const row = input.ledger.months.find((m) => m.month === input.month);
  if (!row) return null;
  return {
    allocationMinutes: row.allocationMinutes,
    rolledInMinutes: row.rolledInMinutes,
    usedMinutes: row.usedMinutes,
    usedByCategory: { ...row.usedByCategory },
    remainingMinutes: row.remainingMinutes,
    expiredMinutes: input.complete ? row.expiringMinutes : 0,
    expiringAtMonthEndMinutes: row.expiringMinutes,
    expiringNextMonthMinutes: expiringNextMonth(row, input.endMonth),
    overageMinutes: row.overageMinutes,
    overageCents: row.overageCents,
    nonBillableMinutes: row.nonBillableMinutes,
    changeWorkMinutes: row.changeWorkMinutes,
    burnDown: burnDownOf(input, row),
    trend: trendOf(input.ledger, input.month, input.complete),
  };
}

/**
 * Of the minutes left at the month's end, those that survive it but not the next month. The agreement's
 * last month ends every bucket, so nothing survives it; a month before the last, all that survives expires.
 */
function expiringNextMonth(row: LedgerMonth, endMonth: string | null): number {
  if (endMonth !== null && row.month >= endMonth) return 0;
  const next = addMonths(row.month, 1);
  const surviving = row.buckets.filter((b) => b.expiresAfter > row.month);
  const expiring = endMonth === next ? surviving : surviving.filter((b) => b.expiresAfter === next);
  return expiring.reduce((sum, b) => sum + b.remaining, 0);
}

/**
 * Minutes left at the end of each local day: the month's opening balance (rolled in plus allocation) less
 * what each day's entries drew. The chart runs at least to the last day something was drawn, so its last
 * point is always the month's remaining minutes.
 */
function burnDownOf(input: RetainerMonthInput, row: LedgerMonth): RetainerMonthFigures['burnDown'] {
  const drawnByDate = new Map<string, number>();
  let lastEntryDate = '';
  for (const result of input.ledger.entries) {
    const date = input.entryDates.get(result.entryId);
    const drawn = result.draws.reduce((sum, d) => sum + d.minutes, 0);
    if (!date?.startsWith(input.month) || drawn === 0) continue;
    drawnByDate.set(date, (drawnByDate.get(date) ?? 0) + drawn);
    if (date > lastEntryDate) lastEntryDate = date;
  }
  const through = lastEntryDate > input.burnDownThrough ? lastEntryDate : input.burnDownThrough;
  let remaining = row.rolledInMinutes + row.allocationMinutes;
  return datesOfMonth(input.month)
    .filter((date) => date <= through)
    .map((date) => {
      remaining -= drawnByDate.get(date) ?? 0;
      return { date, remainingMinutes: remaining };
    });
}

/** The six months ending with `month` that the ledger has (months before the agreement are left out). */
function trendOf(ledger: HourLedger, month: string, complete: boolean): ReportHoursMonth[] {
  const wanted = new Set(monthsEndingWith(month, TREND_MONTHS));
  return ledger.months
    .filter((m) => wanted.has(m.month))
    .map((m) => ({
      month: m.month,
      allocationMinutes: m.allocationMinutes,
      rolledInMinutes: m.rolledInMinutes,
      usedMinutes: m.usedMinutes,
      // The ledger counts nothing as expired in the month it was derived through: a closed month's did.
      expiredMinutes: m.month === month ? (complete ? m.expiringMinutes : 0) : m.expiredMinutes,
      overageMinutes: m.overageMinutes,
    }));
}

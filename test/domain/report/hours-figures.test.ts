import { describe, expect, it } from 'vitest';
import { deriveLedger, type LedgerEntry } from '../../../src/domain/ledger/hour-ledger';
import { retainerMonthFigures } from '../../../src/domain/report/hours-figures';
import { datesOfMonth } from '../../../src/domain/ledger/months';

/*
 * 10 h (600 min) a month from January 2026, unused minutes usable one month more, overage 100.00 an hour.
 *
 *   e1 01-12 bugfix      240           Jan bucket 600 → 360
 *   e2 02-04 enhancement 100           drawn from Jan (oldest first): Jan 260 left, expires at the end of Feb
 *   e3 02-18 advisory     60 non-billable
 *   e4 03-03 bugfix      500           Feb bucket 600 → 100
 *   e5 03-10 advisory    400           Feb 100 → 0, Mar 600 → 300
 *   e6 03-17 maintenance  90           Mar 300 → 210
 *   e7 03-20 enhancement 120 change work (never drawn)
 *   e8 03-24 bugfix      360           Mar 210 → 0, 150 overage = 150/60 × 100.00 = 250.00
 *   e9 03-25 advisory     60 non-billable
 */
const entry = (
  id: string,
  date: string,
  minutes: number,
  category: LedgerEntry['category'],
  extra: Partial<LedgerEntry> = {},
): LedgerEntry => ({
  id,
  date,
  minutes,
  category,
  billable: true,
  changeWork: false,
  createdAt: 0,
  ...extra,
});

const ENTRIES = [
  entry('e1', '2026-01-12', 240, 'bugfix'),
  entry('e2', '2026-02-04', 100, 'enhancement'),
  entry('e3', '2026-02-18', 60, 'advisory', { billable: false }),
  entry('e4', '2026-03-03', 500, 'bugfix'),
  entry('e5', '2026-03-10', 400, 'advisory'),
  entry('e6', '2026-03-17', 90, 'maintenance'),
  entry('e7', '2026-03-20', 120, 'enhancement', { changeWork: true }),
  entry('e8', '2026-03-24', 360, 'bugfix'),
  entry('e9', '2026-03-25', 60, 'advisory', { billable: false }),
];

const TERMS = { monthlyMinutes: 600, rolloverMonths: 1, startMonth: '2026-01', overageRateCents: 10_000 };

function figuresOf(
  month: string,
  options: { complete?: boolean; through?: string; endMonth?: string | null; rolloverMonths?: number } = {},
  entries = ENTRIES,
) {
  const upToMonth = entries.filter((e) => e.date.slice(0, 7) <= month);
  const endMonth = options.endMonth ?? null;
  const ledger = deriveLedger(
    { ...TERMS, rolloverMonths: options.rolloverMonths ?? 1, endMonth },
    upToMonth,
    month,
  );
  return retainerMonthFigures({
    ledger,
    entryDates: new Map(upToMonth.map((e) => [e.id, e.date])),
    month,
    endMonth,
    complete: options.complete ?? true,
    burnDownThrough: options.through ?? datesOfMonth(month).at(-1)!,
  });
}

/** A burn-down from the month's opening balance, with each date's draw. */
function burnDown(month: string, opening: number, draws: Record<string, number>, through?: string) {
  let remaining = opening;
  return datesOfMonth(month)
    .filter((date) => !through || date <= through)
    .map((date) => {
      remaining -= draws[date] ?? 0;
      return { date, remainingMinutes: remaining };
    });
}

describe('retainerMonthFigures', () => {
  it('February: 360 rolled in, 100 used, the January rest of 260 expires at its end', () => {
    const february = figuresOf('2026-02')!;
    expect(february).toMatchObject({
      allocationMinutes: 600,
      rolledInMinutes: 360,
      usedMinutes: 100,
      usedByCategory: { bugfix: 0, enhancement: 100, advisory: 0, maintenance: 0 },
      remainingMinutes: 860, // 260 (January) + 600 (February)
      expiredMinutes: 260,
      expiringAtMonthEndMinutes: 260,
      expiringNextMonthMinutes: 600, // February's own, usable through March
      overageMinutes: 0,
      overageCents: 0,
      nonBillableMinutes: 60,
      changeWorkMinutes: 0,
    });
    // Opening 360 + 600 = 960; 100 drawn on the 4th.
    expect(february.burnDown).toEqual(burnDown('2026-02', 960, { '2026-02-04': 100 }));
    expect(february.burnDown.at(-1)?.remainingMinutes).toBe(february.remainingMinutes);
    expect(february.trend).toEqual([
      {
        month: '2026-01',
        allocationMinutes: 600,
        rolledInMinutes: 0,
        usedMinutes: 240,
        expiredMinutes: 0,
        overageMinutes: 0,
      },
      {
        month: '2026-02',
        allocationMinutes: 600,
        rolledInMinutes: 360,
        usedMinutes: 100,
        expiredMinutes: 260,
        overageMinutes: 0,
      },
    ]);
  });

  it('March: everything used and 150 minutes of overage', () => {
    const march = figuresOf('2026-03')!;
    expect(march).toMatchObject({
      rolledInMinutes: 600,
      usedMinutes: 1200, // 500 + 400 + 90 + 210
      usedByCategory: { bugfix: 710, enhancement: 0, advisory: 400, maintenance: 90 },
      remainingMinutes: 0,
      expiredMinutes: 0,
      expiringNextMonthMinutes: 0,
      overageMinutes: 150,
      overageCents: 25_000,
      nonBillableMinutes: 60,
      changeWorkMinutes: 120,
    });
    expect(march.burnDown).toEqual(
      burnDown('2026-03', 1200, {
        '2026-03-03': 500,
        '2026-03-10': 400,
        '2026-03-17': 90,
        '2026-03-24': 210,
      }),
    );
    expect(march.burnDown).toHaveLength(31);
    expect(march.burnDown.at(-1)).toEqual({ date: '2026-03-31', remainingMinutes: 0 });
    expect(march.trend.map((m) => [m.month, m.expiredMinutes, m.overageMinutes])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 260, 0],
      ['2026-03', 0, 150],
    ]);
  });

  it('a running month: nothing has expired yet and the chart stops today', () => {
    const february = figuresOf('2026-02', { complete: false, through: '2026-02-10' })!;
    expect(february.expiredMinutes).toBe(0);
    expect(february.expiringAtMonthEndMinutes).toBe(260);
    expect(february.trend.at(-1)?.expiredMinutes).toBe(0);
    expect(february.burnDown.map((p) => p.date).at(-1)).toBe('2026-02-10');
    expect(february.burnDown.at(-1)?.remainingMinutes).toBe(860);
  });

  it('the chart runs on to an entry dated after today, so it still ends at the remaining minutes', () => {
    const march = figuresOf('2026-03', { complete: false, through: '2026-03-05' })!;
    expect(march.burnDown.at(-1)).toEqual({ date: '2026-03-24', remainingMinutes: 0 });
  });

  it('keeps only the six months ending with the report month', () => {
    const steady = [entry('x', '2026-08-01', 60, 'bugfix')];
    const august = figuresOf('2026-08', {}, steady)!;
    expect(august.trend.map((m) => m.month)).toEqual([
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
    ]);
    // March to July unused: each month 600 of its own, the previous 600 rolled in and then expired.
    expect(august.trend[1]).toEqual({
      month: '2026-04',
      allocationMinutes: 600,
      rolledInMinutes: 600,
      usedMinutes: 0,
      expiredMinutes: 600,
      overageMinutes: 0,
    });
  });

  it.each([
    // Rollover 2: January's rest (260 after e2) lasts through March; February's 600 through April.
    { endMonth: null, atEnd: 0, nextMonth: 260 },
    { endMonth: '2026-03', atEnd: 0, nextMonth: 860 }, // March ends the agreement: everything left goes then
    { endMonth: '2026-02', atEnd: 860, nextMonth: 0 }, // February is the last month: everything goes now
  ])('expiring with rollover 2 and end $endMonth', ({ endMonth, atEnd, nextMonth }) => {
    const february = figuresOf('2026-02', { rolloverMonths: 2, endMonth }, ENTRIES.slice(0, 3))!;
    expect([february.expiringAtMonthEndMinutes, february.expiringNextMonthMinutes]).toEqual([
      atEnd,
      nextMonth,
    ]);
  });

  it('has no figures for a month before the agreement', () => {
    expect(figuresOf('2025-12', {}, [])).toBeNull();
  });
});

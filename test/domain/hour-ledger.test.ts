import { describe, expect, it } from 'vitest';
import {
  addMonths,
  deriveLedger,
  monthsBetween,
  type LedgerAgreement,
  type LedgerCategory,
  type LedgerEntry,
  type LedgerMonth,
} from '../../src/domain/ledger/hour-ledger';

let seq = 0;
const entry = (
  id: string,
  date: string,
  minutes: number,
  opts: { billable?: boolean; changeWork?: boolean; category?: LedgerCategory; createdAt?: number } = {},
): LedgerEntry => ({
  id,
  date,
  minutes,
  billable: opts.billable ?? true,
  changeWork: opts.changeWork ?? false,
  category: opts.category ?? 'bugfix',
  createdAt: opts.createdAt ?? 1_000 + seq++,
});

// 10 h a month, one month of rollover, €120/h overage.
const base: LedgerAgreement = {
  monthlyMinutes: 600,
  rolloverMonths: 1,
  startMonth: '2026-01',
  overageRateCents: 12_000,
};
const baseEntries: LedgerEntry[] = [
  entry('e1', '2026-01-05', 300),
  entry('e2', '2026-01-31', 100, { category: 'maintenance' }),
  entry('e3', '2026-02-01', 500, { category: 'enhancement' }),
  entry('e4', '2026-02-20', 400),
  entry('e5', '2026-03-10', 60, { billable: false, category: 'advisory' }),
  entry('e6', '2026-03-11', 120, { changeWork: true, category: 'enhancement' }),
  entry('e7', '2026-03-12', 100),
  entry('e8', '2025-12-31', 60),
];

const pick = (m: LedgerMonth) => ({
  month: m.month,
  rolledIn: m.rolledInMinutes,
  used: m.usedMinutes,
  overage: m.overageMinutes,
  cents: m.overageCents,
  remaining: m.remainingMinutes,
  expiring: m.expiringMinutes,
  expired: m.expiredMinutes,
});

describe('deriveLedger', () => {
  const ledger = deriveLedger(base, baseEntries, '2026-04');

  it('walks the months: rollover first, overage, non-billable and change work', () => {
    expect(ledger.months.map(pick)).toEqual([
      {
        month: '2026-01',
        rolledIn: 0,
        used: 400,
        overage: 0,
        cents: 0,
        remaining: 200,
        expiring: 0,
        expired: 0,
      },
      {
        month: '2026-02',
        rolledIn: 200,
        used: 800,
        overage: 100,
        cents: 20_000,
        remaining: 0,
        expiring: 0,
        expired: 0,
      },
      {
        month: '2026-03',
        rolledIn: 0,
        used: 100,
        overage: 0,
        cents: 0,
        remaining: 500,
        expiring: 0,
        expired: 0,
      },
      {
        month: '2026-04',
        rolledIn: 500,
        used: 0,
        overage: 0,
        cents: 0,
        remaining: 1100,
        expiring: 500,
        expired: 0,
      },
    ]);
    const [jan, feb, mar] = ledger.months;
    expect(jan!.usedByCategory).toEqual({ bugfix: 300, enhancement: 0, advisory: 0, maintenance: 100 });
    expect(feb!.usedByCategory).toEqual({ bugfix: 300, enhancement: 500, advisory: 0, maintenance: 0 });
    expect(feb!.buckets).toEqual([
      { month: '2026-01', allocated: 600, used: 600, expiresAfter: '2026-02', remaining: 0 },
      { month: '2026-02', allocated: 600, used: 600, expiresAfter: '2026-03', remaining: 0 },
    ]);
    expect(mar).toMatchObject({ allocationMinutes: 600, nonBillableMinutes: 60, changeWorkMinutes: 120 });
    expect(ledger.totals).toEqual({
      usedMinutes: 1300,
      overageMinutes: 100,
      overageCents: 20_000,
      nonBillableMinutes: 60,
      changeWorkMinutes: 120,
    });
  });

  it('records per entry what it drew and why it did not', () => {
    expect(ledger.entries).toEqual([
      { entryId: 'e8', draws: [], overageMinutes: 0, reason: 'outside_agreement' },
      { entryId: 'e1', draws: [{ bucketMonth: '2026-01', minutes: 300 }], overageMinutes: 0 },
      { entryId: 'e2', draws: [{ bucketMonth: '2026-01', minutes: 100 }], overageMinutes: 0 },
      {
        entryId: 'e3',
        draws: [
          { bucketMonth: '2026-01', minutes: 200 },
          { bucketMonth: '2026-02', minutes: 300 },
        ],
        overageMinutes: 0,
      },
      { entryId: 'e4', draws: [{ bucketMonth: '2026-02', minutes: 300 }], overageMinutes: 100 },
      { entryId: 'e5', draws: [], overageMinutes: 0, reason: 'non_billable' },
      { entryId: 'e6', draws: [], overageMinutes: 0, reason: 'change_work' },
      { entryId: 'e7', draws: [{ bucketMonth: '2026-03', minutes: 100 }], overageMinutes: 0 },
    ]);
    expect(ledger.flaggedEntryIds).toEqual(['e8']);
  });

  it.each([
    {
      name: 'rollover 1: unused rolled-over minutes expire after the next month',
      agreement: base,
      entries: [entry('x1', '2026-02-10', 100)],
      through: '2026-03',
      expected: [
        {
          month: '2026-01',
          rolledIn: 0,
          used: 0,
          overage: 0,
          cents: 0,
          remaining: 600,
          expiring: 0,
          expired: 0,
        },
        {
          month: '2026-02',
          rolledIn: 600,
          used: 100,
          overage: 0,
          cents: 0,
          remaining: 1100,
          expiring: 500,
          expired: 500,
        },
        {
          month: '2026-03',
          rolledIn: 600,
          used: 0,
          overage: 0,
          cents: 0,
          remaining: 1200,
          expiring: 600,
          expired: 0,
        },
      ],
    },
    {
      name: 'rollover 0: each month stands alone; overage amount rounded per month',
      agreement: { ...base, rolloverMonths: 0, overageRateCents: 10_000 },
      entries: [entry('x1', '2026-01-10', 100), entry('x2', '2026-02-10', 700)],
      through: '2026-02',
      expected: [
        {
          month: '2026-01',
          rolledIn: 0,
          used: 100,
          overage: 0,
          cents: 0,
          remaining: 500,
          expiring: 500,
          expired: 500,
        },
        {
          month: '2026-02',
          rolledIn: 0,
          used: 600,
          overage: 100,
          cents: 16_667,
          remaining: 0,
          expiring: 0,
          expired: 0,
        },
      ],
    },
    {
      name: 'rollover 2: two earlier buckets roll in and are drawn oldest first',
      agreement: { ...base, rolloverMonths: 2 },
      entries: [entry('x1', '2026-03-05', 1500)],
      through: '2026-03',
      expected: [
        {
          month: '2026-01',
          rolledIn: 0,
          used: 0,
          overage: 0,
          cents: 0,
          remaining: 600,
          expiring: 0,
          expired: 0,
        },
        {
          month: '2026-02',
          rolledIn: 600,
          used: 0,
          overage: 0,
          cents: 0,
          remaining: 1200,
          expiring: 0,
          expired: 0,
        },
        {
          month: '2026-03',
          rolledIn: 1200,
          used: 1500,
          overage: 0,
          cents: 0,
          remaining: 300,
          expiring: 0,
          expired: 0,
        },
      ],
    },
    {
      name: 'rollover 2: a bucket expires at the end of its third month',
      agreement: { ...base, rolloverMonths: 2 },
      entries: [entry('x1', '2026-03-20', 100)],
      through: '2026-04',
      expected: [
        {
          month: '2026-01',
          rolledIn: 0,
          used: 0,
          overage: 0,
          cents: 0,
          remaining: 600,
          expiring: 0,
          expired: 0,
        },
        {
          month: '2026-02',
          rolledIn: 600,
          used: 0,
          overage: 0,
          cents: 0,
          remaining: 1200,
          expiring: 0,
          expired: 0,
        },
        {
          month: '2026-03',
          rolledIn: 1200,
          used: 100,
          overage: 0,
          cents: 0,
          remaining: 1700,
          expiring: 500,
          expired: 500,
        },
        {
          month: '2026-04',
          rolledIn: 1200,
          used: 0,
          overage: 0,
          cents: 0,
          remaining: 1800,
          expiring: 600,
          expired: 0,
        },
      ],
    },
    {
      name: 'agreement end: everything left lapses in the last month; later entries are flagged',
      agreement: { ...base, endMonth: '2026-02' },
      entries: [entry('x1', '2026-01-15', 100), entry('x2', '2026-03-01', 50)],
      through: '2026-04',
      expected: [
        {
          month: '2026-01',
          rolledIn: 0,
          used: 100,
          overage: 0,
          cents: 0,
          remaining: 500,
          expiring: 0,
          expired: 0,
        },
        {
          month: '2026-02',
          rolledIn: 500,
          used: 0,
          overage: 0,
          cents: 0,
          remaining: 1100,
          expiring: 1100,
          expired: 1100,
        },
      ],
      flagged: ['x2'],
    },
    {
      name: 'through month before the start: nothing to report',
      agreement: base,
      entries: [entry('x1', '2026-01-15', 100)],
      through: '2025-12',
      expected: [],
    },
  ])('$name', ({ agreement, entries, through, expected, flagged }) => {
    const result = deriveLedger(agreement, entries, through);
    expect(result.months.map(pick)).toEqual(expected);
    expect(result.flaggedEntryIds).toEqual(flagged ?? []);
  });

  it('draws across rolled-over buckets in expiry order', () => {
    const result = deriveLedger({ ...base, rolloverMonths: 2 }, [entry('x1', '2026-03-05', 1500)], '2026-03');
    expect(result.entries[0]!.draws).toEqual([
      { bucketMonth: '2026-01', minutes: 600 },
      { bucketMonth: '2026-02', minutes: 600 },
      { bucketMonth: '2026-03', minutes: 300 },
    ]);
  });

  it('re-derives later months after a past entry is deleted', () => {
    const result = deriveLedger(
      base,
      baseEntries.filter((e) => e.id !== 'e1'),
      '2026-04',
    );
    expect(result.months.map(pick)).toEqual([
      {
        month: '2026-01',
        rolledIn: 0,
        used: 100,
        overage: 0,
        cents: 0,
        remaining: 500,
        expiring: 0,
        expired: 0,
      },
      {
        month: '2026-02',
        rolledIn: 500,
        used: 900,
        overage: 0,
        cents: 0,
        remaining: 200,
        expiring: 0,
        expired: 0,
      },
      {
        month: '2026-03',
        rolledIn: 200,
        used: 100,
        overage: 0,
        cents: 0,
        remaining: 700,
        expiring: 100,
        expired: 100,
      },
      {
        month: '2026-04',
        rolledIn: 600,
        used: 0,
        overage: 0,
        cents: 0,
        remaining: 1200,
        expiring: 600,
        expired: 0,
      },
    ]);
    expect(result.entries.find((e) => e.entryId === 'e7')!.draws).toEqual([
      { bucketMonth: '2026-02', minutes: 100 },
    ]);
  });

  it('re-derives later months after a past entry is edited', () => {
    const edited = baseEntries.map((e) => (e.id === 'e2' ? { ...e, minutes: 400 } : e));
    const result = deriveLedger(base, edited, '2026-04');
    expect(result.months.map(pick).slice(0, 2)).toEqual([
      {
        month: '2026-01',
        rolledIn: 0,
        used: 600,
        overage: 100,
        cents: 20_000,
        remaining: 0,
        expiring: 0,
        expired: 0,
      },
      {
        month: '2026-02',
        rolledIn: 0,
        used: 600,
        overage: 300,
        cents: 60_000,
        remaining: 0,
        expiring: 0,
        expired: 0,
      },
    ]);
    expect(result.totals.overageCents).toBe(80_000);
  });

  it('gives identical output for shuffled input', () => {
    const shuffled = [5, 2, 7, 0, 6, 3, 1, 4].map((i) => baseEntries[i]!);
    expect(deriveLedger(base, shuffled, '2026-04')).toEqual(ledger);
    expect(deriveLedger(base, [...baseEntries].reverse(), '2026-04')).toEqual(ledger);
  });

  it('orders same-day entries by creation instant, then id', () => {
    const agreement = { ...base, monthlyMinutes: 60, rolloverMonths: 0 };
    const entries = [
      entry('b', '2026-01-10', 60, { createdAt: 1000 }),
      entry('a', '2026-01-10', 60, { createdAt: 1000 }),
      entry('c', '2026-01-10', 30, { createdAt: 500 }),
    ];
    const result = deriveLedger(agreement, entries, '2026-01');
    expect(result.entries.map((e) => [e.entryId, e.overageMinutes])).toEqual([
      ['c', 0],
      ['a', 30],
      ['b', 60],
    ]);
  });

  it('rejects duplicate entry ids', () => {
    expect(() =>
      deriveLedger(base, [entry('d', '2026-01-01', 1), entry('d', '2026-01-02', 1)], '2026-01'),
    ).toThrow(/duplicate entry id/);
  });

  it('defaults to one month of rollover', () => {
    const { rolloverMonths: _omit, ...withoutRollover } = base;
    expect(deriveLedger(withoutRollover, baseEntries, '2026-04')).toEqual(ledger);
  });
});

describe('month helpers', () => {
  it.each([
    ['2026-01', 1, '2026-02'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-03', 0, '2026-03'],
    ['2026-11', 14, '2028-01'],
  ])('addMonths(%s, %i) = %s', (month, count, expected) => {
    expect(addMonths(month, count)).toBe(expected);
  });

  it('lists months inclusively', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
  });

  it('rejects malformed months', () => {
    expect(() => addMonths('2026-13', 1)).toThrow(/YYYY-MM/);
  });
});

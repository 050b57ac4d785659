import { describe, expect, it } from 'vitest';
import { datesOfMonth } from '../../../src/domain/ledger/months';
import { monthsEndingWith, reportPeriodOf } from '../../../src/domain/report/report-period';

const t = Date.parse;

describe('reportPeriodOf', () => {
  it.each([
    // 1 March 00:00 CET to 1 April 00:00 CEST: the month holds the spring-forward night.
    { zone: 'Europe/Berlin', month: '2026-03', from: '2026-02-28T23:00:00Z', to: '2026-03-31T22:00:00Z' },
    { zone: 'Asia/Tokyo', month: '2026-03', from: '2026-02-28T15:00:00Z', to: '2026-03-31T15:00:00Z' },
    { zone: 'America/New_York', month: '2026-11', from: '2026-11-01T04:00:00Z', to: '2026-12-01T05:00:00Z' },
  ])('bounds $month in $zone at local midnights', ({ zone, month, from, to }) => {
    const period = reportPeriodOf(month, zone, t('2027-01-01T00:00:00Z'));
    expect(period).toMatchObject({ from: t(from), to: t(to), complete: true, cutoff: t(to) - 1 });
  });

  it('takes a running month as of now, and refuses one that has not started', () => {
    const now = t('2026-03-10T12:00:00Z');
    expect(reportPeriodOf('2026-03', 'Europe/Berlin', now)).toMatchObject({
      complete: false,
      cutoff: now,
      firstDate: '2026-03-01',
      lastDate: '2026-03-31',
    });
    // 23:30 UTC on 28 February is already 1 March in Berlin: March has started there.
    expect(reportPeriodOf('2026-03', 'Europe/Berlin', t('2026-02-28T23:30:00Z'))?.complete).toBe(false);
    expect(reportPeriodOf('2026-03', 'Europe/Berlin', t('2026-02-28T22:30:00Z'))).toBeNull();
    expect(reportPeriodOf('2026-04', 'Europe/Berlin', now)).toBeNull();
  });

  it('is complete from the first instant of the next month', () => {
    expect(reportPeriodOf('2026-03', 'Europe/Berlin', t('2026-03-31T21:59:59.999Z'))?.complete).toBe(false);
    expect(reportPeriodOf('2026-03', 'Europe/Berlin', t('2026-03-31T22:00:00Z'))?.complete).toBe(true);
  });
});

describe('datesOfMonth and monthsEndingWith', () => {
  it.each([
    ['2024-02', 29, '2024-02-29'],
    ['2026-02', 28, '2026-02-28'],
    ['2026-03', 31, '2026-03-31'],
    ['2026-04', 30, '2026-04-30'],
  ])('%s has %i dates, the last %s', (month, count, last) => {
    const dates = datesOfMonth(month);
    expect(dates).toHaveLength(count);
    expect(dates[0]).toBe(`${month}-01`);
    expect(dates.at(-1)).toBe(last);
  });

  it('counts six months back across a year', () => {
    expect(monthsEndingWith('2026-03', 6)).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  firstBusinessDayOfMonth,
  isBusinessDay,
  isFirstBusinessDay,
  reportMonthDueOn,
} from '../../src/domain/report/first-business-day';

const NONE = new Set<string>();
const BERLIN_2026 = new Set([
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-01',
  '2026-12-25',
  '2026-12-26',
]);

describe('first business day of a month', () => {
  it.each([
    // month, holidays, first business day, why
    ['2026-03', NONE, '2026-03-02', 'the 1st is a Sunday'],
    ['2026-02', NONE, '2026-02-02', 'the 1st is a Sunday'],
    ['2026-08', NONE, '2026-08-03', 'the 1st is a Saturday, the 2nd a Sunday'],
    ['2026-04', NONE, '2026-04-01', 'the 1st is a Wednesday'],
    ['2026-01', NONE, '2026-01-01', 'without holidays New Year is a Thursday like any other'],
    ['2026-01', BERLIN_2026, '2026-01-02', 'New Year is a holiday: the Friday after'],
    ['2026-05', BERLIN_2026, '2026-05-04', 'May Day (Friday) is a holiday, then a weekend'],
    ['2027-01', new Set(['2027-01-01']), '2027-01-04', 'New Year on a Friday, then a weekend'],
  ])('%s → %s', (month, holidays, expected) => {
    expect(firstBusinessDayOfMonth(month, holidays)).toBe(expected);
  });

  it('falls back to the first weekday when every weekday of the month is a holiday', () => {
    const all = new Set(Array.from({ length: 28 }, (_, i) => `2026-02-${String(i + 1).padStart(2, '0')}`));
    expect(firstBusinessDayOfMonth('2026-02', all)).toBe('2026-02-02');
  });

  it.each([
    ['2026-03-02', NONE, true],
    ['2026-03-03', NONE, false],
    ['2026-03-01', NONE, false],
    ['2026-01-01', BERLIN_2026, false],
    ['2026-01-02', BERLIN_2026, true],
  ])('isFirstBusinessDay(%s)', (date, holidays, expected) => {
    expect(isFirstBusinessDay(date, holidays)).toBe(expected);
  });

  it.each([
    ['2026-03-07', NONE, false, 'Saturday'],
    ['2026-03-08', NONE, false, 'Sunday'],
    ['2026-03-09', NONE, true, 'Monday'],
    ['2026-04-03', BERLIN_2026, false, 'Good Friday'],
  ])('isBusinessDay(%s) is %s (%s)', (date, holidays, expected) => {
    expect(isBusinessDay(date, holidays)).toBe(expected);
  });
});

describe('which month’s reports are due on a date', () => {
  it.each<[string, ReadonlySet<string>, string | null, string]>([
    ['2026-03-01', NONE, null, 'a Sunday before the first business day'],
    ['2026-03-02', NONE, '2026-02', 'the first business day'],
    ['2026-03-20', NONE, '2026-02', 'later in the month: a missed run catches up'],
    ['2026-01-01', BERLIN_2026, null, 'a holiday before the first business day'],
    ['2026-01-02', BERLIN_2026, '2025-12', 'across the year'],
  ])('%s → %s (%s)', (date, holidays, expected) => {
    expect(reportMonthDueOn(date, holidays)).toBe(expected);
  });
});

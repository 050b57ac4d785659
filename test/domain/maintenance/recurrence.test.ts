import { describe, expect, it } from 'vitest';
import {
  dayInMonth,
  describeRule,
  occurrences,
  RecurrenceRuleSchema,
  type RecurrenceRule,
} from '../../../src/domain/maintenance/recurrence';

const rule = (overrides: Partial<RecurrenceRule> = {}): RecurrenceRule => ({
  frequency: 'monthly',
  on: { kind: 'nth_weekday', nth: 2, weekday: 'TU' },
  startTime: '18:00',
  durationMinutes: 240,
  firstMonth: '2026-01',
  ...overrides,
});

const ms = (iso: string) => Date.parse(iso);
const isoOf = (list: { startsAt: number; endsAt: number }[]) =>
  list.map((o) => [new Date(o.startsAt).toISOString(), new Date(o.endsAt).toISOString()]);

describe('dayInMonth', () => {
  it.each<[string, RecurrenceRule['on'], string, number]>([
    [
      'first Monday, month starting on a Monday',
      { kind: 'nth_weekday', nth: 1, weekday: 'MO' },
      '2026-06',
      1,
    ],
    [
      'first Sunday, month starting on a Monday',
      { kind: 'nth_weekday', nth: 1, weekday: 'SU' },
      '2026-06',
      7,
    ],
    ['second Tuesday of March 2026', { kind: 'nth_weekday', nth: 2, weekday: 'TU' }, '2026-03', 10],
    ['second Tuesday of April 2026', { kind: 'nth_weekday', nth: 2, weekday: 'TU' }, '2026-04', 14],
    ['fourth Friday of February 2026', { kind: 'nth_weekday', nth: 4, weekday: 'FR' }, '2026-02', 27],
    ['last Sunday of March 2026', { kind: 'nth_weekday', nth: -1, weekday: 'SU' }, '2026-03', 29],
    [
      'last Saturday of October 2026 (the 31st)',
      { kind: 'nth_weekday', nth: -1, weekday: 'SA' },
      '2026-10',
      31,
    ],
    ['day 15', { kind: 'day_of_month', day: 15 }, '2026-02', 15],
    ['day 31 in February: the last day', { kind: 'day_of_month', day: 31 }, '2026-02', 28],
    ['day 30 in a leap February', { kind: 'day_of_month', day: 30 }, '2028-02', 29],
    ['day 31 in April', { kind: 'day_of_month', day: 31 }, '2026-04', 30],
  ])('%s', (_label, on, month, expected) => {
    expect(dayInMonth(on, month)).toBe(expected);
  });
});

describe('occurrences', () => {
  it.each<[string, RecurrenceRule, string, string, string, [string, string][]]>([
    [
      'Berlin, second Tuesday 18:00–22:00 across the spring change (29 March): CET then CEST',
      rule(),
      'Europe/Berlin',
      '2026-02-01T00:00:00Z',
      '2026-05-01T00:00:00Z',
      [
        ['2026-02-10T17:00:00.000Z', '2026-02-10T21:00:00.000Z'],
        ['2026-03-10T17:00:00.000Z', '2026-03-10T21:00:00.000Z'],
        ['2026-04-14T16:00:00.000Z', '2026-04-14T20:00:00.000Z'],
      ],
    ],
    [
      'New York, second Tuesday: the US changes on 8 March, two days before the window',
      rule(),
      'America/New_York',
      '2026-02-01T00:00:00Z',
      '2026-04-01T00:00:00Z',
      [
        ['2026-02-10T23:00:00.000Z', '2026-02-11T03:00:00.000Z'],
        ['2026-03-10T22:00:00.000Z', '2026-03-11T02:00:00.000Z'],
      ],
    ],
    [
      'New York, back to EST in November',
      rule(),
      'America/New_York',
      '2026-10-01T00:00:00Z',
      '2026-12-01T00:00:00Z',
      [
        ['2026-10-13T22:00:00.000Z', '2026-10-14T02:00:00.000Z'],
        ['2026-11-10T23:00:00.000Z', '2026-11-11T03:00:00.000Z'],
      ],
    ],
    [
      'a window across the spring-forward night: 01:00 + 3 h wall time ends 04:00 CEST, 2 real hours',
      rule({ on: { kind: 'nth_weekday', nth: -1, weekday: 'SU' }, startTime: '01:00', durationMinutes: 180 }),
      'Europe/Berlin',
      '2026-03-01T00:00:00Z',
      '2026-04-01T00:00:00Z',
      [['2026-03-29T00:00:00.000Z', '2026-03-29T02:00:00.000Z']],
    ],
    [
      'a start inside the spring gap (02:30) moves to the end of the gap',
      rule({ on: { kind: 'nth_weekday', nth: -1, weekday: 'SU' }, startTime: '02:30', durationMinutes: 60 }),
      'Europe/Berlin',
      '2026-03-01T00:00:00Z',
      '2026-04-01T00:00:00Z',
      [['2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z']],
    ],
    [
      'an ambiguous autumn start (02:30 on 25 October) takes the earlier instant; 2 h wall are 3 real hours',
      rule({ on: { kind: 'nth_weekday', nth: -1, weekday: 'SU' }, startTime: '02:30', durationMinutes: 120 }),
      'Europe/Berlin',
      '2026-10-01T00:00:00Z',
      '2026-11-01T00:00:00Z',
      [['2026-10-25T00:30:00.000Z', '2026-10-25T03:30:00.000Z']],
    ],
    [
      'New York fall-back night: midnight + 4 h wall time is 5 real hours',
      rule({ on: { kind: 'nth_weekday', nth: 1, weekday: 'SU' }, startTime: '00:00' }),
      'America/New_York',
      '2026-10-15T00:00:00Z',
      '2026-11-15T00:00:00Z',
      [['2026-11-01T04:00:00.000Z', '2026-11-01T09:00:00.000Z']],
    ],
    [
      'quarterly from February: February, May, August, November',
      rule({ frequency: 'quarterly', firstMonth: '2026-02', on: { kind: 'day_of_month', day: 31 } }),
      'Europe/London',
      '2026-01-01T00:00:00Z',
      '2027-01-01T00:00:00Z',
      [
        ['2026-02-28T18:00:00.000Z', '2026-02-28T22:00:00.000Z'],
        ['2026-05-31T17:00:00.000Z', '2026-05-31T21:00:00.000Z'],
        ['2026-08-31T17:00:00.000Z', '2026-08-31T21:00:00.000Z'],
        ['2026-11-30T18:00:00.000Z', '2026-11-30T22:00:00.000Z'],
      ],
    ],
    [
      'quarterly, asked for a range starting mid-cycle: the cycle stays anchored on firstMonth',
      rule({ frequency: 'quarterly', firstMonth: '2025-11', on: { kind: 'day_of_month', day: 1 } }),
      'UTC',
      '2026-03-15T00:00:00Z',
      '2026-09-15T00:00:00Z',
      [
        ['2026-05-01T18:00:00.000Z', '2026-05-01T22:00:00.000Z'],
        ['2026-08-01T18:00:00.000Z', '2026-08-01T22:00:00.000Z'],
      ],
    ],
    [
      'nothing before firstMonth',
      rule({ firstMonth: '2026-06' }),
      'Europe/London',
      '2026-01-01T00:00:00Z',
      '2026-08-01T00:00:00Z',
      [
        ['2026-06-09T17:00:00.000Z', '2026-06-09T21:00:00.000Z'],
        ['2026-07-14T17:00:00.000Z', '2026-07-14T21:00:00.000Z'],
      ],
    ],
    [
      'the range is [from, to): a window starting exactly at `to` is left out, one at `from` kept',
      rule(),
      'UTC',
      '2026-03-10T18:00:00Z',
      '2026-04-14T18:00:00Z',
      [['2026-03-10T18:00:00.000Z', '2026-03-10T22:00:00.000Z']],
    ],
    [
      'a window crossing local midnight',
      rule({ startTime: '22:00', durationMinutes: 180 }),
      'Asia/Tokyo',
      '2026-01-01T00:00:00Z',
      '2026-02-01T00:00:00Z',
      [['2026-01-13T13:00:00.000Z', '2026-01-13T16:00:00.000Z']],
    ],
  ])('%s', (_label, r, zone, from, to, expected) => {
    expect(isoOf(occurrences(r, zone, ms(from), ms(to)))).toEqual(expected);
  });

  it('gives the local start date, which may differ from the UTC one', () => {
    const [first] = occurrences(
      rule({ startTime: '08:00' }),
      'Pacific/Auckland',
      ms('2026-01-01T00:00:00Z'),
      ms('2026-02-01T00:00:00Z'),
    );
    expect(first?.localDate).toBe('2026-01-13');
    expect(new Date(first!.startsAt).toISOString()).toBe('2026-01-12T19:00:00.000Z');
  });

  it('an empty or reversed range gives nothing', () => {
    expect(occurrences(rule(), 'UTC', ms('2026-05-01T00:00:00Z'), ms('2026-05-01T00:00:00Z'))).toEqual([]);
    expect(occurrences(rule(), 'UTC', ms('2026-06-01T00:00:00Z'), ms('2026-05-01T00:00:00Z'))).toEqual([]);
  });

  it('twelve monthly windows in a year', () => {
    expect(
      occurrences(rule(), 'Europe/London', ms('2026-01-01T00:00:00Z'), ms('2027-01-01T00:00:00Z')),
    ).toHaveLength(12);
  });
});

describe('RecurrenceRuleSchema', () => {
  it.each<[string, unknown, string]>([
    ['an nth of 5', { ...rule(), on: { kind: 'nth_weekday', nth: 5, weekday: 'TU' } }, 'on.nth'],
    ['an unknown weekday', { ...rule(), on: { kind: 'nth_weekday', nth: 1, weekday: 'XX' } }, 'on.weekday'],
    ['day 32', { ...rule(), on: { kind: 'day_of_month', day: 32 } }, 'on.day'],
    ['a start time of 24:00', { ...rule(), startTime: '24:00' }, 'startTime'],
    ['a month 13', { ...rule(), firstMonth: '2026-13' }, 'firstMonth'],
    ['weekly frequency', { ...rule(), frequency: 'weekly' }, 'frequency'],
    ['a 10-minute window', { ...rule(), durationMinutes: 10 }, 'durationMinutes'],
  ])('rejects %s at its path', (_label, input, path) => {
    const result = RecurrenceRuleSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('accepts the examples', () => {
    expect(RecurrenceRuleSchema.safeParse(rule()).success).toBe(true);
    expect(RecurrenceRuleSchema.safeParse(rule({ on: { kind: 'day_of_month', day: 31 } })).success).toBe(
      true,
    );
  });
});

describe('describeRule', () => {
  it.each<[RecurrenceRule, string]>([
    [rule(), 'Second Tuesday of every month, 18:00 for 4 h'],
    [
      rule({
        frequency: 'quarterly',
        on: { kind: 'nth_weekday', nth: -1, weekday: 'FR' },
        durationMinutes: 90,
      }),
      'Last Friday of every three months from 2026-01, 18:00 for 90 min',
    ],
    [
      rule({ on: { kind: 'day_of_month', day: 31 } }),
      "Day 31 (or the month's last day) of every month, 18:00 for 4 h",
    ],
  ])('%j', (r, expected) => {
    expect(describeRule(r)).toBe(expected);
  });
});

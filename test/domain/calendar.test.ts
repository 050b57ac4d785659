import { describe, expect, it } from 'vitest';
import { alwaysOpenCalendar, compileCalendar } from '../../src/domain/calendar/business-calendar';
import { HOUR, MINUTE, at, berlinOffice, berlinSplit, iso } from './calendar-fixtures';

// Berlin is CET (+01:00) until 2026-03-29 and CEST (+02:00) from then until 2026-10-25.
// 2026-03-02 is a Monday; 2026-04-03 (Good Friday) and 2026-04-06 (Easter Monday) are holidays.
const office = compileCalendar(berlinOffice);
const split = compileCalendar(berlinSplit);

describe('addBusinessMinutes on a Berlin office calendar (Mon–Fri 09:00–17:00)', () => {
  it.each([
    ['inside one day', '2026-03-02T10:00:00+01:00', 60, '2026-03-02T10:00:00.000Z'],
    ['lands exactly on closing time', '2026-03-02T16:00:00+01:00', 60, '2026-03-02T16:00:00.000Z'],
    ['crosses the night', '2026-03-02T16:00:00+01:00', 90, '2026-03-03T08:30:00.000Z'],
    ['Friday afternoon to Monday', '2026-03-06T16:30:00+01:00', 60, '2026-03-09T08:30:00.000Z'],
    ['starts on Saturday', '2026-03-07T12:00:00+01:00', 30, '2026-03-09T08:30:00.000Z'],
    ['starts before opening', '2026-03-02T07:00:00+01:00', 30, '2026-03-02T08:30:00.000Z'],
    ['starts after closing', '2026-03-02T18:00:00+01:00', 30, '2026-03-03T08:30:00.000Z'],
    ['starts exactly at closing', '2026-03-02T17:00:00+01:00', 30, '2026-03-03T08:30:00.000Z'],
    ['five full days end Friday 17:00', '2026-03-02T09:00:00+01:00', 2400, '2026-03-06T16:00:00.000Z'],
    ['over the spring-forward weekend', '2026-03-27T16:00:00+01:00', 120, '2026-03-30T08:00:00.000Z'],
    ['over Easter (Fri + Mon holidays)', '2026-04-02T16:00:00+02:00', 120, '2026-04-07T08:00:00.000Z'],
    ['over Christmas', '2026-12-24T16:00:00+01:00', 120, '2026-12-28T09:00:00.000Z'],
    ['over New Year (Friday holiday)', '2026-12-31T16:30:00+01:00', 60, '2027-01-04T08:30:00.000Z'],
    ['fractional minutes', '2026-03-02T10:00:00+01:00', 0.5, '2026-03-02T09:00:30.000Z'],
    ['zero minutes while open', '2026-03-02T10:15:00+01:00', 0, '2026-03-02T09:15:00.000Z'],
    ['zero minutes at closing time', '2026-03-02T17:00:00+01:00', 0, '2026-03-03T08:00:00.000Z'],
    ['zero minutes on Saturday', '2026-03-07T12:00:00+01:00', 0, '2026-03-09T08:00:00.000Z'],
  ])('%s', (_label, start, minutes, expected) => {
    expect(iso(office.addBusinessMinutes(at(start), minutes))).toBe(expected);
  });
});

describe('addBusinessMinutes on a split day (09:00–12:00, 13:00–17:00)', () => {
  it.each([
    ['continues after lunch', '2026-03-02T11:30:00+01:00', 60, '2026-03-02T12:30:00.000Z'],
    ['ends exactly at the lunch break', '2026-03-02T11:00:00+01:00', 60, '2026-03-02T11:00:00.000Z'],
    ['starts in the lunch break', '2026-03-02T12:30:00+01:00', 15, '2026-03-02T12:15:00.000Z'],
    ['zero minutes at 12:00 waits for 13:00', '2026-03-02T12:00:00+01:00', 0, '2026-03-02T12:00:00.000Z'],
    ['a whole 7-hour day', '2026-03-02T09:00:00+01:00', 420, '2026-03-02T16:00:00.000Z'],
    ['7h01 spills into the next morning', '2026-03-02T09:00:00+01:00', 421, '2026-03-03T08:01:00.000Z'],
  ])('%s', (_label, start, minutes, expected) => {
    expect(iso(split.addBusinessMinutes(at(start), minutes))).toBe(expected);
  });
});

describe('pauses', () => {
  type Case = [label: string, start: string, minutes: number, pauses: [string, string][], expected: string];
  it.each<Case>([
    [
      'pause across the night',
      '2026-03-02T16:00:00+01:00',
      120,
      [['2026-03-02T16:30:00+01:00', '2026-03-03T10:00:00+01:00']],
      '2026-03-03T10:30:00.000Z',
    ],
    [
      'pause over the weekend outside hours changes nothing',
      '2026-03-06T16:00:00+01:00',
      120,
      [['2026-03-06T17:00:00+01:00', '2026-03-09T09:00:00+01:00']],
      '2026-03-09T09:00:00.000Z',
    ],
    [
      'pause from Friday into Monday morning',
      '2026-03-06T16:00:00+01:00',
      120,
      [['2026-03-06T16:30:00+01:00', '2026-03-09T09:30:00+01:00']],
      '2026-03-09T10:00:00.000Z',
    ],
    [
      'pause inside the night changes nothing',
      '2026-03-02T16:00:00+01:00',
      120,
      [['2026-03-02T20:00:00+01:00', '2026-03-03T06:00:00+01:00']],
      '2026-03-03T09:00:00.000Z',
    ],
    [
      'overlapping pauses, unsorted',
      '2026-03-02T09:00:00+01:00',
      60,
      [
        ['2026-03-02T10:00:00+01:00', '2026-03-02T11:00:00+01:00'],
        ['2026-03-02T09:30:00+01:00', '2026-03-02T10:30:00+01:00'],
      ],
      '2026-03-02T10:30:00.000Z',
    ],
    [
      'touching pauses',
      '2026-03-02T09:00:00+01:00',
      60,
      [
        ['2026-03-02T09:30:00+01:00', '2026-03-02T10:00:00+01:00'],
        ['2026-03-02T10:00:00+01:00', '2026-03-02T10:30:00+01:00'],
      ],
      '2026-03-02T10:00:00.000Z',
    ],
    [
      'pause that ended before the start is ignored',
      '2026-03-02T10:00:00+01:00',
      60,
      [['2026-03-02T08:00:00+01:00', '2026-03-02T09:30:00+01:00']],
      '2026-03-02T10:00:00.000Z',
    ],
    [
      'pause covering the start',
      '2026-03-02T10:00:00+01:00',
      60,
      [['2026-03-02T08:00:00+01:00', '2026-03-02T10:30:00+01:00']],
      '2026-03-02T10:30:00.000Z',
    ],
    [
      'deadline exactly when a pause begins',
      '2026-03-02T09:00:00+01:00',
      60,
      [['2026-03-02T10:00:00+01:00', '2026-03-02T11:00:00+01:00']],
      '2026-03-02T09:00:00.000Z',
    ],
    [
      'zero minutes inside a pause',
      '2026-03-02T10:00:00+01:00',
      0,
      [['2026-03-02T09:00:00+01:00', '2026-03-02T10:45:00+01:00']],
      '2026-03-02T09:45:00.000Z',
    ],
    [
      'zero minutes, pause runs past closing',
      '2026-03-02T16:30:00+01:00',
      0,
      [['2026-03-02T16:00:00+01:00', '2026-03-02T18:00:00+01:00']],
      '2026-03-03T08:00:00.000Z',
    ],
    [
      'empty pause is ignored',
      '2026-03-02T10:00:00+01:00',
      30,
      [['2026-03-02T10:10:00+01:00', '2026-03-02T10:10:00+01:00']],
      '2026-03-02T09:30:00.000Z',
    ],
  ])('%s', (_label, start, minutes, pauses, expected) => {
    const intervals = pauses.map(([from, to]) => [at(from), at(to)] as const);
    expect(iso(office.addBusinessMinutes(at(start), minutes, intervals))).toBe(expected);
  });
});

describe('businessMsBetween', () => {
  it.each([
    ['two hours in one day', '2026-03-02T10:00:00+01:00', '2026-03-02T12:00:00+01:00', 2 * HOUR],
    ['Friday 16:00 to Monday 10:00', '2026-03-06T16:00:00+01:00', '2026-03-09T10:00:00+01:00', 2 * HOUR],
    ['a whole week', '2026-03-02T00:00:00+01:00', '2026-03-09T00:00:00+01:00', 40 * HOUR],
    ['Thursday to Tuesday over Easter', '2026-04-02T09:00:00+02:00', '2026-04-07T17:00:00+02:00', 16 * HOUR],
    ['within the night', '2026-03-02T18:00:00+01:00', '2026-03-03T08:00:00+01:00', 0],
    ['reversed range', '2026-03-02T12:00:00+01:00', '2026-03-02T10:00:00+01:00', 0],
    ['empty range', '2026-03-02T12:00:00+01:00', '2026-03-02T12:00:00+01:00', 0],
  ])('%s', (_label, from, to, expected) => {
    expect(office.businessMsBetween(at(from), at(to))).toBe(expected);
  });

  it('subtracts merged pauses, ignoring the parts outside hours', () => {
    const pauses = [
      [at('2026-03-02T10:00:00+01:00'), at('2026-03-02T11:00:00+01:00')],
      [at('2026-03-02T10:30:00+01:00'), at('2026-03-02T11:30:00+01:00')],
      [at('2026-03-02T16:30:00+01:00'), at('2026-03-02T22:00:00+01:00')],
    ] as const;
    const total = office.businessMsBetween(
      at('2026-03-02T09:00:00+01:00'),
      at('2026-03-02T17:00:00+01:00'),
      pauses,
    );
    expect(total).toBe(6 * HOUR);
  });

  it('counts the lunch break as closed', () => {
    expect(split.businessMsBetween(at('2026-03-02T11:00:00+01:00'), at('2026-03-02T14:00:00+01:00'))).toBe(
      2 * HOUR,
    );
  });
});

describe('endOfBusinessDay (split day)', () => {
  it.each([
    ['during hours', '2026-03-02T10:00:00+01:00', '2026-03-02T16:00:00.000Z'],
    ['in the lunch break', '2026-03-02T12:30:00+01:00', '2026-03-02T16:00:00.000Z'],
    ['before opening', '2026-03-02T07:00:00+01:00', '2026-03-02T16:00:00.000Z'],
    ['exactly at closing', '2026-03-02T17:00:00+01:00', '2026-03-03T16:00:00.000Z'],
    ['after closing', '2026-03-02T18:00:00+01:00', '2026-03-03T16:00:00.000Z'],
    ['on a Saturday', '2026-03-07T12:00:00+01:00', '2026-03-09T16:00:00.000Z'],
    ['the evening before Easter', '2026-04-02T18:00:00+02:00', '2026-04-07T15:00:00.000Z'],
  ])('%s', (_label, start, expected) => {
    expect(iso(split.endOfBusinessDay(at(start)))).toBe(expected);
  });
});

describe('isOpen', () => {
  it.each([
    ['at opening', '2026-03-02T09:00:00+01:00', true],
    ['one ms before closing', '2026-03-02T16:59:59.999+01:00', true],
    ['at closing (end exclusive)', '2026-03-02T17:00:00+01:00', false],
    ['Saturday', '2026-03-07T12:00:00+01:00', false],
    ['Good Friday', '2026-04-03T12:00:00+02:00', false],
  ])('%s', (_label, instant, expected) => {
    expect(office.isOpen(at(instant))).toBe(expected);
  });

  it('is closed during lunch on the split calendar', () => {
    expect(split.isOpen(at('2026-03-02T12:30:00+01:00'))).toBe(false);
  });
});

describe('alwaysOpenCalendar (24×7 in UTC)', () => {
  const clock = alwaysOpenCalendar();
  const pause = [[at('2026-03-29T01:00:00Z'), at('2026-03-29T02:00:00Z')]] as const;

  it('adds plain elapsed time, DST plays no role', () => {
    expect(iso(clock.addBusinessMinutes(at('2026-03-29T00:00:00Z'), 1440))).toBe('2026-03-30T00:00:00.000Z');
  });
  it('extends by pauses and measures without them', () => {
    expect(iso(clock.addBusinessMinutes(at('2026-03-29T00:00:00Z'), 120, pause))).toBe(
      '2026-03-29T03:00:00.000Z',
    );
    expect(clock.businessMsBetween(at('2026-03-29T00:00:00Z'), at('2026-03-29T03:00:00Z'), pause)).toBe(
      2 * HOUR,
    );
  });
  it('zero minutes inside a pause returns the pause end', () => {
    expect(iso(clock.addBusinessMinutes(at('2026-03-29T01:30:00Z'), 0, pause))).toBe(
      '2026-03-29T02:00:00.000Z',
    );
  });
  it('ends the business day at the next UTC midnight and is always open', () => {
    expect(iso(clock.endOfBusinessDay(at('2026-03-02T10:00:00Z')))).toBe('2026-03-03T00:00:00.000Z');
    expect(clock.isOpen(at('2026-03-07T03:00:00Z'))).toBe(true);
  });
});

describe('input guards', () => {
  it('rejects negative or non-finite minutes and invalid instants', () => {
    expect(() => office.addBusinessMinutes(at('2026-03-02T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => office.addBusinessMinutes(at('2026-03-02T10:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() => office.addBusinessMinutes(Number.NaN, 10)).toThrow(RangeError);
    expect(() => office.addBusinessMinutes(at('2026-03-02T10:00:00Z'), 10, [[Number.NaN, 0]])).toThrow(
      RangeError,
    );
  });

  it('gives up with a clear error beyond the 10-year search horizon', () => {
    expect(() => office.addBusinessMinutes(at('2026-03-02T10:00:00Z'), 11 * 365 * 24 * 60)).toThrow(
      /no answer within 10 years after 2026-03-02T10:00:00.000Z \(calendar "Berlin office"\)/,
    );
  });

  it('answers queries far apart in time (cache regrows or restarts)', () => {
    expect(iso(office.addBusinessMinutes(at('2090-03-06T16:30:00+01:00'), 60))).toBe(
      '2090-03-07T08:30:00.000Z',
    );
    expect(iso(office.addBusinessMinutes(at('1990-03-02T16:30:00+01:00'), 60))).toBe(
      '1990-03-05T08:30:00.000Z',
    );
    expect(
      office.businessMsBetween(
        at('2026-03-02T10:00:00+01:00'),
        at('2026-03-02T10:00:00+01:00') + 30 * MINUTE,
      ),
    ).toBe(30 * MINUTE);
  });
});

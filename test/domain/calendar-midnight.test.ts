import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../src/domain/calendar/business-calendar';
import { HOUR, at, iso } from './calendar-fixtures';

// A night desk in Berlin (CET, +01:00 in March 2026): evenings until "24:00", continuing after midnight.
// 2026-03-02 is a Monday.
const nightDesk = compileCalendar({
  name: 'Night desk',
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: [['20:00', '24:00']],
    tue: [
      ['00:00', '02:00'],
      ['20:00', '24:00'],
    ],
    wed: [
      ['00:00', '02:00'],
      ['20:00', '24:00'],
    ],
    thu: [
      ['00:00', '02:00'],
      ['20:00', '24:00'],
    ],
    fri: [
      ['00:00', '02:00'],
      ['20:00', '24:00'],
    ],
    sat: [['00:00', '02:00']],
    sun: [],
  },
});

describe('"24:00" closes at the next local midnight', () => {
  it.each([
    [
      'deadline exactly at 24:00 is that closing time',
      '2026-03-02T23:00:00+01:00',
      60,
      '2026-03-02T23:00:00.000Z',
    ],
    ['continues seamlessly after midnight', '2026-03-02T23:00:00+01:00', 90, '2026-03-02T23:30:00.000Z'],
    ['zero minutes at noon waits for 20:00', '2026-03-02T12:00:00+01:00', 0, '2026-03-02T19:00:00.000Z'],
    [
      'Friday night, Saturday early hours, then Monday',
      '2026-03-06T23:00:00+01:00',
      240,
      '2026-03-09T20:00:00.000Z',
    ],
  ])('addBusinessMinutes: %s', (_label, start, minutes, expected) => {
    expect(iso(nightDesk.addBusinessMinutes(at(start), minutes))).toBe(expected);
  });

  it.each([
    ['Monday evening closes at Monday 24:00', '2026-03-02T21:00:00+01:00', '2026-03-02T23:00:00.000Z'],
    [
      'Tuesday 01:00 belongs to Tuesday, which closes at 24:00',
      '2026-03-03T01:00:00+01:00',
      '2026-03-03T23:00:00.000Z',
    ],
    ['exactly Monday 24:00 is Tuesday 00:00', '2026-03-03T00:00:00+01:00', '2026-03-03T23:00:00.000Z'],
  ])('endOfBusinessDay: %s', (_label, instant, expected) => {
    expect(iso(nightDesk.endOfBusinessDay(at(instant)))).toBe(expected);
  });

  it('is open at midnight and counts both sides of it', () => {
    expect(nightDesk.isOpen(at('2026-03-03T00:00:00+01:00'))).toBe(true);
    expect(nightDesk.isOpen(at('2026-03-03T02:00:00+01:00'))).toBe(false);
    const between = nightDesk.businessMsBetween(
      at('2026-03-02T12:00:00+01:00'),
      at('2026-03-04T12:00:00+01:00'),
    );
    expect(between).toBe(12 * HOUR);
  });
});

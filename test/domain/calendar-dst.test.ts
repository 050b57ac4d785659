import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../src/domain/calendar/business-calendar';
import { HOUR, MINUTE, at, everyDay, iso, weekdays } from './calendar-fixtures';

// Transitions used below (hand-checked against the zone rules):
// Europe/Berlin     2026-03-29 01:00Z: 02:00 CET → 03:00 CEST;  2026-10-25 01:00Z: 03:00 CEST → 02:00 CET
// America/New_York  2026-03-08 07:00Z: 02:00 EST → 03:00 EDT;   2026-11-01 06:00Z: 02:00 EDT → 01:00 EST
// Australia/Adelaide 2026-04-04 16:30Z: 03:00 ACDT → 02:00 ACST; 2026-10-03 16:30Z: 02:00 ACST → 03:00 ACDT
// Asia/Kolkata      +05:30 all year.

type AddCase = [label: string, start: string, minutes: number, expected: string];
type BetweenCase = [label: string, from: string, to: string, expectedMs: number];
type EndCase = [label: string, instant: string, expected: string];

const calendar = (timeZone: string, weekly: ReturnType<typeof everyDay>) =>
  compileCalendar({ name: `${timeZone} test`, timeZone, weekly });

describe('Europe/Berlin, open 24 hours as ["00:00","24:00"] every day', () => {
  const berlin247 = calendar('Europe/Berlin', everyDay(['00:00', '24:00']));

  it.each<AddCase>([
    [
      '3 hours across spring-forward are 3 real hours',
      '2026-03-28T23:00:00+01:00',
      180,
      '2026-03-29T01:00:00.000Z',
    ],
    ['the 23-hour spring day', '2026-03-29T00:00:00+01:00', 23 * 60, '2026-03-29T22:00:00.000Z'],
    [
      '2 hours from inside the first 02:xx pass',
      '2026-10-25T01:30:00+02:00',
      120,
      '2026-10-25T01:30:00.000Z',
    ],
    ['the 25-hour autumn day', '2026-10-25T00:00:00+02:00', 25 * 60, '2026-10-25T23:00:00.000Z'],
  ])('addBusinessMinutes: %s', (_label, start, minutes, expected) => {
    expect(iso(berlin247.addBusinessMinutes(at(start), minutes))).toBe(expected);
  });

  it.each<BetweenCase>([
    ['spring day has 23 hours', '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 23 * HOUR],
    ['autumn day has 25 hours', '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 25 * HOUR],
  ])('businessMsBetween: %s', (_label, from, to, expected) => {
    expect(berlin247.businessMsBetween(at(from), at(to))).toBe(expected);
  });

  it.each<EndCase>([
    ['spring day closes at the next local midnight', '2026-03-29T12:00:00+02:00', '2026-03-29T22:00:00.000Z'],
    ['autumn day closes at the next local midnight', '2026-10-25T12:00:00+01:00', '2026-10-25T23:00:00.000Z'],
  ])('endOfBusinessDay: %s', (_label, instant, expected) => {
    expect(iso(berlin247.endOfBusinessDay(at(instant)))).toBe(expected);
  });
});

describe('Europe/Berlin span 02:30–04:00 every day (boundary in the gap / repeated hour)', () => {
  const early = calendar('Europe/Berlin', everyDay(['02:30', '04:00']));

  it.each<AddCase>([
    ['nonexistent 02:30 opens at 03:00 CEST', '2026-03-29T00:00:00+01:00', 0, '2026-03-29T01:00:00.000Z'],
    ['30 minutes after the gap opening', '2026-03-29T00:00:00+01:00', 30, '2026-03-29T01:30:00.000Z'],
    [
      'the whole 60-minute spring span ends at 04:00 CEST',
      '2026-03-29T00:00:00+01:00',
      60,
      '2026-03-29T02:00:00.000Z',
    ],
    ['one more minute goes to the next day', '2026-03-29T00:00:00+01:00', 61, '2026-03-30T00:31:00.000Z'],
    [
      'ambiguous 02:30 opens at the earlier (CEST) instant',
      '2026-10-25T00:00:00+02:00',
      0,
      '2026-10-25T00:30:00.000Z',
    ],
    ['90 minutes end at 03:00 CET', '2026-10-25T00:00:00+02:00', 90, '2026-10-25T02:00:00.000Z'],
    [
      'the whole 150-minute autumn span ends at 04:00 CET',
      '2026-10-25T00:00:00+02:00',
      150,
      '2026-10-25T03:00:00.000Z',
    ],
  ])('addBusinessMinutes: %s', (_label, start, minutes, expected) => {
    expect(iso(early.addBusinessMinutes(at(start), minutes))).toBe(expected);
  });

  it.each<BetweenCase>([
    ['ordinary day has 90 minutes', '2026-03-27T12:00:00Z', '2026-03-28T12:00:00Z', 90 * MINUTE],
    ['spring day has 60 minutes', '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z', 60 * MINUTE],
    ['autumn day has 150 minutes', '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z', 150 * MINUTE],
  ])('businessMsBetween: %s', (_label, from, to, expected) => {
    expect(early.businessMsBetween(at(from), at(to))).toBe(expected);
  });

  it('endOfBusinessDay on the autumn day is 04:00 CET', () => {
    expect(iso(early.endOfBusinessDay(at('2026-10-25T00:00:00+02:00')))).toBe('2026-10-25T03:00:00.000Z');
  });
});

describe('America/New_York', () => {
  const ny247 = calendar('America/New_York', everyDay(['00:00', '24:00']));
  // Open Sundays 01:30–03:00 only: 90 min normally, 30 min on 2026-03-08, 150 min on 2026-11-01.
  const sundays = calendar('America/New_York', { ...weekdays(), sun: [['01:30', '03:00']] });

  it.each<BetweenCase>([
    ['spring day has 23 hours (24×7)', '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', 23 * HOUR],
    ['autumn day has 25 hours (24×7)', '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 25 * HOUR],
  ])('businessMsBetween: %s', (_label, from, to, expected) => {
    expect(ny247.businessMsBetween(at(from), at(to))).toBe(expected);
  });

  it.each<AddCase>([
    ['24×7: one hour across spring-forward', '2026-03-08T01:30:00-05:00', 60, '2026-03-08T07:30:00.000Z'],
    ['24×7: one hour from the first 01:30', '2026-11-01T01:30:00-04:00', 60, '2026-11-01T06:30:00.000Z'],
  ])('addBusinessMinutes: %s', (_label, start, minutes, expected) => {
    expect(iso(ny247.addBusinessMinutes(at(start), minutes))).toBe(expected);
  });

  it.each<AddCase>([
    ['opening on the spring Sunday', '2026-03-07T12:00:00-05:00', 0, '2026-03-08T06:30:00.000Z'],
    [
      'the 30-minute spring span ends at 03:00 EDT',
      '2026-03-07T12:00:00-05:00',
      30,
      '2026-03-08T07:00:00.000Z',
    ],
    ['45 minutes continue next Sunday (EDT)', '2026-03-07T12:00:00-05:00', 45, '2026-03-15T05:45:00.000Z'],
    ['ambiguous 01:30 opens at 01:30 EDT', '2026-10-31T12:00:00-04:00', 0, '2026-11-01T05:30:00.000Z'],
    ['120 minutes end at 02:30 EST', '2026-10-31T12:00:00-04:00', 120, '2026-11-01T07:30:00.000Z'],
    ['150 minutes end at 03:00 EST', '2026-10-31T12:00:00-04:00', 150, '2026-11-01T08:00:00.000Z'],
  ])('Sundays 01:30–03:00: %s', (_label, start, minutes, expected) => {
    expect(iso(sundays.addBusinessMinutes(at(start), minutes))).toBe(expected);
  });

  it('Sundays 01:30–03:00: the second 01:30 (EST) is open, endOfBusinessDay is 03:00 EST', () => {
    expect(sundays.isOpen(at('2026-11-01T01:30:00-05:00'))).toBe(true);
    expect(iso(sundays.endOfBusinessDay(at('2026-10-31T12:00:00-04:00')))).toBe('2026-11-01T08:00:00.000Z');
  });
});

describe('half-hour zones', () => {
  const kolkata = calendar('Asia/Kolkata', weekdays(['09:30', '18:00']));
  const adelaideOffice = calendar('Australia/Adelaide', weekdays(['09:00', '17:00']));
  const adelaide247 = calendar('Australia/Adelaide', everyDay(['00:00', '24:00']));

  const byName = { kolkata, adelaideOffice, adelaide247 };
  it.each<[label: string, which: keyof typeof byName, start: string, minutes: number, expected: string]>([
    ['evening into next morning', 'kolkata', '2026-03-02T17:00:00+05:30', 120, '2026-03-03T05:00:00.000Z'],
    ['one minute before opening', 'kolkata', '2026-03-02T09:29:00+05:30', 2, '2026-03-02T04:02:00.000Z'],
    [
      'over the DST-end weekend',
      'adelaideOffice',
      '2026-04-03T16:00:00+10:30',
      120,
      '2026-04-06T00:30:00.000Z',
    ],
    [
      'over the DST-start weekend',
      'adelaideOffice',
      '2026-10-02T16:00:00+09:30',
      120,
      '2026-10-04T23:30:00.000Z',
    ],
    [
      'one hour across 02:00 ACST → 03:00 ACDT',
      'adelaide247',
      '2026-10-04T01:30:00+09:30',
      60,
      '2026-10-03T17:00:00.000Z',
    ],
  ])('addBusinessMinutes: %s (%s)', (_label, which, start, minutes, expected) => {
    expect(iso(byName[which].addBusinessMinutes(at(start), minutes))).toBe(expected);
  });

  it('Kolkata: a Monday has 8.5 business hours; the weekend ends on Monday 18:00 IST', () => {
    expect(kolkata.businessMsBetween(at('2026-03-02T00:00:00Z'), at('2026-03-03T00:00:00Z'))).toBe(
      8.5 * HOUR,
    );
    expect(iso(kolkata.endOfBusinessDay(at('2026-03-07T10:00:00+05:30')))).toBe('2026-03-09T12:30:00.000Z');
  });

  it('Adelaide 24×7: the DST-end day has 25 hours, the DST-start day 23', () => {
    expect(
      adelaide247.businessMsBetween(at('2026-04-05T00:00:00+10:30'), at('2026-04-06T00:00:00+09:30')),
    ).toBe(25 * HOUR);
    expect(
      adelaide247.businessMsBetween(at('2026-10-04T00:00:00+09:30'), at('2026-10-05T00:00:00+10:30')),
    ).toBe(23 * HOUR);
    expect(iso(adelaide247.endOfBusinessDay(at('2026-10-04T12:00:00+10:30')))).toBe(
      '2026-10-04T13:30:00.000Z',
    );
  });
});

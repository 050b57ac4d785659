import { describe, expect, it } from 'vitest';
import {
  CalendarSpec,
  formatCalendarIssues,
  normalizeHolidays,
} from '../../src/domain/calendar/calendar-spec';
import { berlinOffice, weekdays } from './calendar-fixtures';

const valid = { name: 'Office', timeZone: 'Europe/Berlin', weekly: weekdays(['09:00', '17:00']) };

function problemsOf(input: unknown): string[] {
  const result = CalendarSpec.safeParse(input);
  return result.success ? [] : formatCalendarIssues(result.error);
}

describe('CalendarSpec validation', () => {
  it('accepts the fixtures and a calendar without holidays', () => {
    expect(problemsOf(berlinOffice)).toEqual([]);
    expect(problemsOf(valid)).toEqual([]);
    expect(problemsOf({ ...valid, weekly: { ...valid.weekly, sun: [['00:00', '24:00']] } })).toEqual([]);
  });

  it.each<[label: string, input: unknown, expected: string[]]>([
    [
      'span ends before it starts',
      {
        ...valid,
        weekly: {
          ...valid.weekly,
          mon: [
            ['09:00', '12:00'],
            ['13:00', '12:00'],
          ],
        },
      },
      ['weekly.mon.1: span 13:00–12:00 ends before it starts'],
    ],
    [
      'empty span',
      { ...valid, weekly: { ...valid.weekly, tue: [['09:00', '09:00']] } },
      ['weekly.tue.0: span 09:00–09:00 is empty (start must be before end)'],
    ],
    [
      'overlapping spans',
      {
        ...valid,
        weekly: {
          ...valid.weekly,
          wed: [
            ['09:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
      },
      ['weekly.wed.1: span 11:00–13:00 overlaps the previous span 09:00–12:00'],
    ],
    [
      'unsorted spans',
      {
        ...valid,
        weekly: {
          ...valid.weekly,
          thu: [
            ['13:00', '17:00'],
            ['09:00', '12:00'],
          ],
        },
      },
      ['weekly.thu.1: span 09:00–12:00 starts before the previous span 13:00–17:00 (spans must be sorted)'],
    ],
    [
      'bad times',
      { ...valid, weekly: { ...valid.weekly, fri: [['9:00', '24:30']] } },
      [
        'weekly.fri.0.0: time must be "HH:MM" between 00:00 and 24:00, got "9:00"',
        'weekly.fri.0.1: time must be "HH:MM" between 00:00 and 24:00, got "24:30"',
      ],
    ],
    [
      'span is not a pair',
      { ...valid, weekly: { ...valid.weekly, sat: [['09:00']] } },
      ['weekly.sat.0: span must be a pair of times like ["09:00", "17:00"]'],
    ],
    [
      'missing weekday and unknown key',
      { ...valid, weekly: { ...weekdays(['09:00', '17:00']), sun: undefined, sunday: [] } },
      ['weekly.sun: is required: a list of spans, [] when closed', 'weekly: Unrecognized key: "sunday"'],
    ],
    [
      'never open',
      { ...valid, weekly: weekdays() },
      ['weekly: calendar must have at least one open span per week'],
    ],
    [
      'unknown time zone',
      { ...valid, timeZone: 'Europe/Berlinn' },
      ['timeZone: unknown IANA time zone "Europe/Berlinn"'],
    ],
    [
      'offset instead of a zone',
      { ...valid, timeZone: '+01:00' },
      ['timeZone: unknown IANA time zone "+01:00"'],
    ],
    ['empty name', { ...valid, name: '  ' }, ['name: must not be empty']],
    [
      'missing name and zone',
      { weekly: valid.weekly },
      ['name: is required (a string)', 'timeZone: is required (an IANA time zone name like "Europe/Berlin")'],
    ],
    [
      'impossible holiday dates',
      { ...valid, holidays: ['2026-02-30', { date: '2026-13-01', name: 'x' }, 20261225] },
      [
        'holidays.0: not a valid date "YYYY-MM-DD": "2026-02-30"',
        'holidays.1.date: not a valid date "YYYY-MM-DD": "2026-13-01"',
        'holidays.2: holiday must be "YYYY-MM-DD" or {"date": "YYYY-MM-DD", "name": "..."}',
      ],
    ],
    ['not an object', [], ['calendar must be a JSON object']],
  ])('%s', (_label, input, expected) => {
    expect(problemsOf(input)).toEqual(expected);
  });
});

describe('normalizeHolidays', () => {
  it('turns strings and objects into {date, name?}', () => {
    expect(
      normalizeHolidays({ holidays: ['2026-12-26', { date: '2026-12-25', name: '1. Weihnachtstag' }] }),
    ).toEqual([{ date: '2026-12-26' }, { date: '2026-12-25', name: '1. Weihnachtstag' }]);
    expect(normalizeHolidays({})).toEqual([]);
  });
});

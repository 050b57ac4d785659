import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../src/domain/calendar/business-calendar';
import { parseIcsHolidays } from '../../src/domain/calendar/ics-holidays';
import { at, iso, weekdays } from './calendar-fixtures';

/** All-day event the way holiday feeds write them: DTEND is the exclusive next day. */
const allDay = (uid: string, start: string, end: string | null, summary: string, extra: string[] = []) => [
  'BEGIN:VEVENT',
  `UID:${uid}@feiertage.example`,
  'DTSTAMP:20251101T120000Z',
  `DTSTART;VALUE=DATE:${start}`,
  ...(end ? [`DTEND;VALUE=DATE:${end}`] : []),
  `SUMMARY:${summary}`,
  'TRANSP:TRANSPARENT',
  ...extra,
  'END:VEVENT',
];

const germanHolidays = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Feiertage Example//Gesetzliche Feiertage Deutschland//DE',
  'CALSCALE:GREGORIAN',
  'X-WR-CALNAME:Feiertage Deutschland',
  ...allDay('neujahr-2026', '20260101', '20260102', 'Neujahr'),
  ...allDay('karfreitag-2026', '20260403', '20260404', 'Karfreitag'),
  ...allDay('ostermontag-2026', '20260406', '20260407', 'Ostermontag'),
  // A long SUMMARY folded over two lines, with an escaped comma.
  ...allDay(
    'maifeiertag-2026',
    '20260501',
    '20260502',
    'Tag der Arbeit\\, Maifeiertag (gesetzlicher Feiertag in allen\r\n  Bundesländern)',
  ),
  ...allDay('himmelfahrt-2026', '20260514', null, 'Christi Himmelfahrt'),
  ...allDay('pfingstmontag-2026', '20260525', '20260526', 'Pfingstmontag'),
  ...allDay('einheit', '20261003', '20261004', 'Tag der Deutschen Einheit', ['RRULE:FREQ=YEARLY;COUNT=2']),
  ...allDay('weihnachten-2026', '20261225', '20261227', 'Weihnachten'),
  ...allDay('abgesagt', '20261230', '20261231', 'Betriebsausflug', ['STATUS:CANCELLED']),
  'BEGIN:VEVENT',
  'UID:silvester-2026@feiertage.example',
  'DTSTAMP:20251101T120000Z',
  'DTSTART;TZID=Europe/Berlin:20261231T120000',
  'DTEND;TZID=Europe/Berlin:20270101T000000',
  'SUMMARY:Silvester (ab 12 Uhr)',
  'END:VEVENT',
  ...allDay('neujahr-2027', '20270101', '20270102', 'Neujahr'),
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('parseIcsHolidays', () => {
  it('reads all-day, multi-day, recurring and timed events; skips cancelled ones', () => {
    expect(parseIcsHolidays(germanHolidays)).toEqual([
      { date: '2026-01-01', name: 'Neujahr' },
      { date: '2026-04-03', name: 'Karfreitag' },
      { date: '2026-04-06', name: 'Ostermontag' },
      {
        date: '2026-05-01',
        name: 'Tag der Arbeit, Maifeiertag (gesetzlicher Feiertag in allen Bundesländern)',
      },
      { date: '2026-05-14', name: 'Christi Himmelfahrt' },
      { date: '2026-05-25', name: 'Pfingstmontag' },
      { date: '2026-10-03', name: 'Tag der Deutschen Einheit' },
      { date: '2026-12-25', name: 'Weihnachten' },
      { date: '2026-12-26', name: 'Weihnachten' },
      { date: '2026-12-31', name: 'Silvester (ab 12 Uhr)' },
      { date: '2027-01-01', name: 'Neujahr' },
      { date: '2027-10-03', name: 'Tag der Deutschen Einheit' },
    ]);
  });

  it('stops recurring events at the `until` date and accepts LF line endings and a BOM', () => {
    const lf = '\uFEFF' + germanHolidays.replaceAll('\r\n', '\n');
    const dates = parseIcsHolidays(lf, { until: '2026-12-31' }).map((holiday) => holiday.date);
    expect(dates).toContain('2026-10-03');
    expect(dates).not.toContain('2027-10-03');
  });

  it('feeds a compiled calendar: Easter 2026 pushes a deadline to Tuesday', () => {
    const calendar = compileCalendar({
      name: 'Imported',
      timeZone: 'Europe/Berlin',
      weekly: weekdays(['09:00', '17:00']),
      holidays: parseIcsHolidays(germanHolidays),
    });
    // Thursday 2026-04-02 16:00 CEST + 2h: 1h Thursday, Fri/Mon are holidays → Tuesday 10:00 CEST.
    expect(iso(calendar.addBusinessMinutes(at('2026-04-02T16:00:00+02:00'), 120))).toBe(
      '2026-04-07T08:00:00.000Z',
    );
  });

  it.each([
    ['plain text', 'Neujahr 2026-01-01', /not an iCalendar feed/],
    ['empty text', '', /not an iCalendar feed/],
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane\r\nEND:VCARD\r\n', /not an iCalendar feed/],
    [
      'a broken line',
      'BEGIN:VCALENDAR\r\nthis is not a property\r\nEND:VCALENDAR\r\n',
      /invalid iCalendar feed/,
    ],
    [
      'an unterminated component',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n',
      /invalid iCalendar feed/,
    ],
  ])('rejects %s with a clear error', (_label, text, message) => {
    expect(() => parseIcsHolidays(text)).toThrow(message);
  });
});

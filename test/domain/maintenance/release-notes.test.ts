import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatWindow,
  writeReleaseNotes,
  type ReleaseNotesInput,
} from '../../../src/domain/maintenance/release-notes';

const input = (overrides: Partial<ReleaseNotesInput> = {}): ReleaseNotesInput => ({
  clientName: 'Hallam Outdoor',
  windowTitle: 'Monthly maintenance',
  startsAt: Date.parse('2026-11-10T18:00:00Z'),
  endsAt: Date.parse('2026-11-10T22:00:00Z'),
  timeZone: 'Europe/London',
  done: [
    { number: 41, subject: 'Update dependencies', minutes: 95 },
    { number: 42, subject: 'Run the security scan', minutes: 0 },
  ],
  rolled: [
    {
      number: 17,
      subject: 'Contract test for the newsletter API',
      minutes: 30,
      nextWindowStartsAt: Date.parse('2026-12-08T18:00:00Z'),
    },
    { number: 19, subject: 'Rebuild the search index', minutes: 0, nextWindowStartsAt: null },
  ],
  totalMinutes: 150,
  ...overrides,
});

describe('writeReleaseNotes', () => {
  it('lists what was done, the time, and what rolled, with times in the client’s zone', () => {
    expect(writeReleaseNotes(input())).toBe(
      [
        '# Monthly maintenance',
        '',
        'Hallam Outdoor · Tuesday 10 November 2026, 18:00–22:00 (Europe/London)',
        '',
        '## Done',
        '',
        '- #41 Update dependencies (1 h 35 min)',
        '- #42 Run the security scan',
        '',
        '## Time spent',
        '',
        '2 h 30 min logged in this window.',
        '',
        '## Rolled to the next window',
        '',
        '- #17 Contract test for the newsletter API (30 min) → Tuesday 8 December 2026',
        '- #19 Rebuild the search index → not planned yet: no window has room',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing was done, and leaves out the rolled section when nothing rolled', () => {
    const notes = writeReleaseNotes(input({ done: [], rolled: [], totalMinutes: 0 }));
    expect(notes).toContain('## Done\n\nNothing was completed in this window.\n');
    expect(notes).toContain('0 min logged in this window.');
    expect(notes).not.toContain('Rolled');
  });

  it('dates a rolled item in the client’s zone (a late window starts the next day in Auckland)', () => {
    const notes = writeReleaseNotes(
      input({
        timeZone: 'Pacific/Auckland',
        rolled: [
          { number: 3, subject: 'X', minutes: 0, nextWindowStartsAt: Date.parse('2026-12-08T18:00:00Z') },
        ],
      }),
    );
    expect(notes).toContain('- #3 X → Wednesday 9 December 2026');
    expect(notes).toContain('Wednesday 11 November 2026, 07:00–11:00 (Pacific/Auckland)');
  });
});

describe('formatWindow', () => {
  it.each<[string, string, string, string]>([
    [
      '2026-07-14T17:00:00Z',
      '2026-07-14T21:00:00Z',
      'Europe/London',
      'Tuesday 14 July 2026, 18:00–22:00 (Europe/London)',
    ],
    [
      '2026-03-10T22:00:00Z',
      '2026-03-11T02:00:00Z',
      'America/New_York',
      'Tuesday 10 March 2026, 18:00–22:00 (America/New_York)',
    ],
    [
      '2026-01-13T21:00:00Z',
      '2026-01-14T01:00:00Z',
      'Europe/Berlin',
      'Tuesday 13 January 2026, 22:00–Wednesday 14 January 2026 02:00 (Europe/Berlin)',
    ],
  ])('%s–%s in %s', (start, end, zone, expected) => {
    expect(formatWindow(Date.parse(start), Date.parse(end), zone)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '0 min'],
    [45, '45 min'],
    [60, '1 h'],
    [150, '2 h 30 min'],
  ])('%i', (minutes, expected) => {
    expect(formatDuration(minutes)).toBe(expected);
  });
});

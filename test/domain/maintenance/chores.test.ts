import { describe, expect, it } from 'vitest';
import {
  addMonthsToDate,
  choreDueForWindow,
  choreOccurrences,
  type ChoreCadence,
  type ChoreWindow,
} from '../../../src/domain/maintenance/chores';

const monthly = (nextDueOn: string, id = 'deps'): ChoreCadence => ({ id, cadenceMonths: 1, nextDueOn });
const quarterly = (nextDueOn: string, id = 'secrets'): ChoreCadence => ({ id, cadenceMonths: 3, nextDueOn });

/** Second-Tuesday windows of 2026. */
const WINDOWS: ChoreWindow[] = [
  { id: 'jan', startsOn: '2026-01-13' },
  { id: 'feb', startsOn: '2026-02-10' },
  { id: 'mar', startsOn: '2026-03-10' },
  { id: 'apr', startsOn: '2026-04-14' },
  { id: 'may', startsOn: '2026-05-12' },
  { id: 'jun', startsOn: '2026-06-09' },
];

describe('addMonthsToDate', () => {
  it.each<[string, number, string]>([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-05', 1, '2027-01-05'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-10', 24, '2028-05-10'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonthsToDate(date, months)).toBe(expected);
  });
});

describe('choreDueForWindow', () => {
  it.each<[string, ChoreCadence, ChoreWindow, { dueOn: string; nextDueOn: string } | null]>([
    [
      'due before the window',
      monthly('2026-02-01'),
      WINDOWS[1]!,
      { dueOn: '2026-02-01', nextDueOn: '2026-03-01' },
    ],
    [
      'due on the window’s day',
      monthly('2026-02-10'),
      WINDOWS[1]!,
      { dueOn: '2026-02-10', nextDueOn: '2026-03-10' },
    ],
    ['due the day after: not yet', monthly('2026-02-11'), WINDOWS[1]!, null],
    ['quarterly', quarterly('2026-01-20'), WINDOWS[1]!, { dueOn: '2026-01-20', nextDueOn: '2026-04-20' }],
    [
      'overdue by several cadences: one occurrence, next due after the window',
      monthly('2025-10-05'),
      WINDOWS[1]!,
      { dueOn: '2025-10-05', nextDueOn: '2026-03-05' },
    ],
    [
      'the next due date is counted from the due date, not from the window',
      monthly('2026-01-31'),
      WINDOWS[1]!,
      { dueOn: '2026-01-31', nextDueOn: '2026-02-28' },
    ],
  ])('%s', (_label, chore, window, expected) => {
    const due = choreDueForWindow(chore, window);
    expect(due === null ? null : { dueOn: due.dueOn, nextDueOn: due.nextDueOn }).toEqual(expected);
    if (due) expect(due.windowId).toBe(window.id);
  });
});

describe('choreOccurrences over a horizon', () => {
  const table = (chores: ChoreCadence[], windows: ChoreWindow[] = WINDOWS) =>
    choreOccurrences(chores, windows).map((o) => `${o.windowId}:${o.choreId}@${o.dueOn}`);

  it.each<[string, ChoreCadence[], string[]]>([
    [
      'a monthly chore due mid-month lands in the window after its due date, every month',
      [monthly('2026-01-20')],
      [
        'feb:deps@2026-01-20',
        'mar:deps@2026-02-20',
        'apr:deps@2026-03-20',
        'may:deps@2026-04-20',
        'jun:deps@2026-05-20',
      ],
    ],
    [
      'a quarterly chore every third window',
      [quarterly('2026-01-01')],
      ['jan:secrets@2026-01-01', 'apr:secrets@2026-04-01'],
    ],
    [
      'two chores, ordered by window then chore',
      [quarterly('2026-03-01'), monthly('2026-05-01', 'deps')],
      ['mar:secrets@2026-03-01', 'may:deps@2026-05-01', 'jun:deps@2026-06-01', 'jun:secrets@2026-06-01'],
    ],
    ['due after the horizon: nothing', [monthly('2026-07-01')], []],
  ])('%s', (_label, chores, expected) => {
    expect(table(chores)).toEqual(expected);
  });

  it('a monthly chore and quarterly windows: one occurrence per window, not three', () => {
    const quarterlyWindows = [WINDOWS[0]!, WINDOWS[3]!];
    expect(table([monthly('2026-01-05')], quarterlyWindows)).toEqual([
      'jan:deps@2026-01-05',
      'apr:deps@2026-02-05',
    ]);
  });

  it('the windows may come in any order', () => {
    expect(table([monthly('2026-01-20')], [...WINDOWS].reverse())).toEqual(table([monthly('2026-01-20')]));
  });
});

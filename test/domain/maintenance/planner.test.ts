import { describe, expect, it } from 'vitest';
import {
  planWindows,
  type PlanInput,
  type PlanItem,
  type PlanWindow,
} from '../../../src/domain/maintenance/planner';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');

/** Windows w1, w2, … a month apart, 240 minutes each unless told. */
function windows(...capacities: number[]): PlanWindow[] {
  return capacities.map((capacity, index) => ({
    id: `w${index + 1}`,
    startsAt: T0 + (index + 1) * 30 * DAY,
    endsAt: T0 + (index + 1) * 30 * DAY + 4 * 3_600_000,
    capacityMinutes: capacity,
    status: 'scheduled',
  }));
}

function item(id: string, overrides: Partial<PlanItem> = {}): PlanItem {
  return {
    id,
    priority: 'low',
    dueAt: null,
    createdAt: T0,
    estimateMinutes: 60,
    currentWindowId: null,
    rollCount: 0,
    ...overrides,
  };
}

const plan = (input: Partial<PlanInput> & Pick<PlanInput, 'items'>) =>
  planWindows({ windows: windows(240, 240), defaultSizeMinutes: 60, ...input });

/** "id→window@position" in planning order, for compact expectations. */
const placements = (result: ReturnType<typeof planWindows>) =>
  result.items.map((i) => `${i.id}→${i.windowId ?? '-'}@${i.position}`);

describe('capacity: first fit within each window', () => {
  it.each<[string, PlanWindow[], PlanItem[], string[]]>([
    [
      'fills the first window exactly, then the next',
      windows(240, 240),
      [
        item('a', { estimateMinutes: 120 }),
        item('b', { estimateMinutes: 120 }),
        item('c', { estimateMinutes: 30 }),
      ],
      ['a→w1@1', 'b→w1@2', 'c→w2@1'],
    ],
    [
      'a later, smaller item fills the gap a larger one left (first fit, not first come)',
      windows(240, 240),
      [
        item('a', { estimateMinutes: 200, createdAt: T0 }),
        item('b', { estimateMinutes: 100, createdAt: T0 + 1 }),
        item('c', { estimateMinutes: 40, createdAt: T0 + 2 }),
      ],
      ['a→w1@1', 'b→w2@1', 'c→w1@2'],
    ],
    [
      'items without an estimate take the default size (50 here): two fill 100 minutes',
      windows(100),
      [
        item('a', { estimateMinutes: null }),
        item('b', { estimateMinutes: null }),
        item('c', { estimateMinutes: null }),
      ],
      ['a→w1@1', 'b→w1@2', 'c→-@1'],
    ],
    [
      'windows of different capacity',
      windows(60, 480),
      [item('a', { estimateMinutes: 90 }), item('b', { estimateMinutes: 60 })],
      ['a→w2@1', 'b→w1@1'],
    ],
  ])('%s', (_label, ws, items, expected) => {
    expect(placements(planWindows({ windows: ws, items, defaultSizeMinutes: 50 }))).toEqual(expected);
  });

  it('reports planned and remaining minutes per window, chronologically', () => {
    const result = plan({
      items: [item('a', { estimateMinutes: 200 }), item('b', { estimateMinutes: 100 })],
    });
    expect(result.windows).toEqual([
      { id: 'w1', plannedMinutes: 200, remainingMinutes: 40, itemIds: ['a'] },
      { id: 'w2', plannedMinutes: 100, remainingMinutes: 140, itemIds: ['b'] },
    ]);
    expect(result.items.map((i) => i.sizeMinutes)).toEqual([200, 100]);
  });
});

describe('ordering: priority, then due date, then age, then id', () => {
  // One window with room for one item: the first in order gets it.
  const oneSlot = (items: PlanItem[]) =>
    planWindows({ windows: windows(60), items, defaultSizeMinutes: 60 }).items.map((i) => i.id);

  it.each<[string, PlanItem[], string[]]>([
    [
      'critical before high before medium before low, whatever the input order',
      [
        item('low', { priority: 'low' }),
        item('med', { priority: 'medium' }),
        item('crit', { priority: 'critical' }),
        item('high', { priority: 'high' }),
      ],
      ['crit', 'high', 'med', 'low'],
    ],
    [
      'same priority: the earlier due date first, no due date last',
      [item('none'), item('late', { dueAt: T0 + 9 * DAY }), item('soon', { dueAt: T0 + DAY })],
      ['soon', 'late', 'none'],
    ],
    [
      'priority beats due date',
      [item('low-due', { priority: 'low', dueAt: T0 }), item('high-undated', { priority: 'high' })],
      ['high-undated', 'low-due'],
    ],
    [
      'same priority and due: the oldest first',
      [item('young', { createdAt: T0 + 5 }), item('old', { createdAt: T0 - 5 })],
      ['old', 'young'],
    ],
    [
      'due date beats age',
      [
        item('old-undated', { createdAt: T0 - DAY }),
        item('new-due', { createdAt: T0, dueAt: T0 + 40 * DAY }),
      ],
      ['new-due', 'old-undated'],
    ],
    ['everything equal: by id', [item('b'), item('c'), item('a')], ['a', 'b', 'c']],
  ])('%s', (_label, items, expected) => {
    expect(oneSlot(items)).toEqual(expected);
    const result = planWindows({ windows: windows(60), items, defaultSizeMinutes: 60 });
    expect(result.items.find((i) => i.windowId === 'w1')?.id).toBe(expected[0]);
  });
});

describe('rollover and roll counts', () => {
  it.each<[string, PlanWindow[], PlanItem, { windowId: string | null; rolled: boolean; rollCount: number }]>([
    [
      'an item whose window closed without it done rolls into the next window',
      windows(240),
      item('a', { currentWindowId: 'closed-window', rollCount: 0 }),
      { windowId: 'w1', rolled: true, rollCount: 1 },
    ],
    [
      'a second roll counts on',
      windows(240),
      item('a', { currentWindowId: 'closed-window', rollCount: 1 }),
      { windowId: 'w1', rolled: true, rollCount: 2 },
    ],
    [
      'staying in its window is no roll',
      windows(240),
      item('a', { currentWindowId: 'w1', rollCount: 1 }),
      { windowId: 'w1', rolled: false, rollCount: 1 },
    ],
    [
      'moving to an earlier window is no roll',
      windows(240, 240),
      item('a', { currentWindowId: 'w2' }),
      { windowId: 'w1', rolled: false, rollCount: 0 },
    ],
    [
      'a first placement is no roll',
      windows(240),
      item('a'),
      { windowId: 'w1', rolled: false, rollCount: 0 },
    ],
    [
      'a closed window and no room anywhere: rolled out of the horizon',
      windows(30),
      item('a', { currentWindowId: 'closed-window' }),
      { windowId: null, rolled: true, rollCount: 1 },
    ],
  ])('%s', (_label, ws, input, expected) => {
    const [result] = planWindows({ windows: ws, items: [input], defaultSizeMinutes: 60 }).items;
    expect(result).toMatchObject(expected);
  });

  it('an item pushed to a later window by more urgent work rolls', () => {
    const result = plan({
      items: [
        item('planned', { currentWindowId: 'w1', estimateMinutes: 200 }),
        item('urgent', { priority: 'critical', estimateMinutes: 200 }),
      ],
    });
    expect(result.items).toEqual([
      expect.objectContaining({ id: 'urgent', windowId: 'w1', rolled: false, rollCount: 0 }),
      expect.objectContaining({ id: 'planned', windowId: 'w2', rolled: true, rollCount: 1 }),
    ]);
  });

  it('planning the plan again changes nothing: the roll is counted once', () => {
    const first = plan({ items: [item('a', { currentWindowId: 'gone', rollCount: 2 })] });
    const again = plan({
      items: first.items.map((i) => item(i.id, { currentWindowId: i.windowId, rollCount: i.rollCount })),
    });
    expect(first.items[0]).toMatchObject({ windowId: 'w1', rollCount: 3, rolled: true });
    expect(again.items[0]).toMatchObject({ windowId: 'w1', rollCount: 3, rolled: false });
  });
});

describe('windows in progress', () => {
  const running: PlanWindow[] = [
    { ...windows(60)[0]!, status: 'in_progress' },
    ...windows(240, 240).slice(1),
  ];

  it('keep the items already in them, even over capacity, and take no new ones', () => {
    const result = planWindows({
      windows: running,
      items: [
        item('kept-1', { currentWindowId: 'w1', estimateMinutes: 50 }),
        item('kept-2', { currentWindowId: 'w1', estimateMinutes: 50 }),
        item('new', { priority: 'critical', estimateMinutes: 10 }),
      ],
      defaultSizeMinutes: 60,
    });
    expect(placements(result)).toEqual(['new→w2@1', 'kept-1→w1@1', 'kept-2→w1@2']);
    expect(result.windows[0]).toEqual({
      id: 'w1',
      plannedMinutes: 100,
      remainingMinutes: -40,
      itemIds: ['kept-1', 'kept-2'],
    });
    expect(result.items.every((i) => !i.rolled)).toBe(true);
  });
});

describe('unplanned items', () => {
  it.each<[string, PlanWindow[], PlanItem[], (string | null)[]]>([
    ['no windows at all', [], [item('a')], ['no_window']],
    [
      'only a window in progress',
      [{ ...windows(240)[0]!, status: 'in_progress' }],
      [item('a')],
      ['no_window'],
    ],
    [
      'larger than every window',
      windows(120, 180),
      [item('big', { estimateMinutes: 181 })],
      ['larger_than_any_window'],
    ],
    [
      'the horizon is full',
      windows(60, 60),
      [item('a'), item('b'), item('c', { createdAt: T0 + 1 })],
      [null, null, 'no_room'],
    ],
  ])('%s', (_label, ws, items, reasons) => {
    const result = planWindows({ windows: ws, items, defaultSizeMinutes: 60 });
    expect(result.items.map((i) => i.unplannedReason)).toEqual(reasons);
  });

  it('an unplanned item does not block smaller ones behind it', () => {
    expect(
      placements(plan({ items: [item('big', { estimateMinutes: 500, priority: 'high' }), item('small')] })),
    ).toEqual(['big→-@1', 'small→w1@1']);
  });
});

describe('determinism', () => {
  const items = [
    item('a', { priority: 'medium', estimateMinutes: 120, createdAt: T0 + 3 }),
    item('b', { priority: 'high', estimateMinutes: 90, dueAt: T0 + 5 * DAY }),
    item('c', { priority: 'high', estimateMinutes: 90 }),
    item('d', { estimateMinutes: null, currentWindowId: 'w2' }),
    item('e', { priority: 'critical', estimateMinutes: 200, currentWindowId: 'w1' }),
    item('f', { estimateMinutes: 30, createdAt: T0 - DAY }),
  ];
  const ws = windows(240, 240, 120);

  it('the same input gives the same plan', () => {
    const first = planWindows({ windows: ws, items, defaultSizeMinutes: 45 });
    expect(planWindows({ windows: ws, items, defaultSizeMinutes: 45 })).toEqual(first);
  });

  it('input order does not matter (items nor windows)', () => {
    const first = planWindows({ windows: ws, items, defaultSizeMinutes: 45 });
    for (let shift = 1; shift < items.length; shift++) {
      const rotated = [...items.slice(shift), ...items.slice(0, shift)];
      expect(planWindows({ windows: [...ws].reverse(), items: rotated, defaultSizeMinutes: 45 })).toEqual(
        first,
      );
    }
  });

  it('a worked example', () => {
    const result = planWindows({ windows: ws, items, defaultSizeMinutes: 45 });
    // e (critical, 200) → w1 (40 left); b (high, due) and c (high, 90 each) → w2 (60 left); a (medium, 120)
    // fits neither → w3; f (low, oldest, 30) → w1 (10 left); d (low, default 45) → w2 (15 left).
    expect(placements(result)).toEqual(['e→w1@1', 'b→w2@1', 'c→w2@2', 'a→w3@1', 'f→w1@2', 'd→w2@3']);
    expect(result.windows.map((w) => [w.id, w.plannedMinutes, w.remainingMinutes])).toEqual([
      ['w1', 230, 10],
      ['w2', 225, 15],
      ['w3', 120, 0],
    ]);
  });

  it('refuses a default size that is not positive', () => {
    expect(() => planWindows({ windows: ws, items, defaultSizeMinutes: 0 })).toThrow(RangeError);
  });
});

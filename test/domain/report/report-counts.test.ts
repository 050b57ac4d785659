import { describe, expect, it } from 'vitest';
import { countByKindAndPriority, medianOf } from '../../../src/domain/report/report-counts';

describe('countByKindAndPriority', () => {
  it('lists every kind and priority, zero when none', () => {
    expect(countByKindAndPriority([])).toEqual({
      total: 0,
      byKind: { support: 0, maintenance: 0, change: 0 },
      byPriority: { critical: 0, high: 0, medium: 0, low: 0 },
    });
  });

  it('counts each ticket once under its kind and once under its priority', () => {
    const counts = countByKindAndPriority([
      { kind: 'support', priority: 'critical' },
      { kind: 'support', priority: 'low' },
      { kind: 'maintenance', priority: 'low' },
      { kind: 'change', priority: 'medium' },
    ]);
    expect(counts).toEqual({
      total: 4,
      byKind: { support: 2, maintenance: 1, change: 1 },
      byPriority: { critical: 1, high: 0, medium: 1, low: 2 },
    });
  });
});

describe('medianOf', () => {
  it.each([
    { values: [], median: null },
    { values: [42], median: 42 },
    { values: [1620, 300, 1020], median: 1020 },
    { values: [2400, 300, 1620, 1020], median: 1320 },
    { values: [1, 2], median: 1.5 },
  ])('median of $values is $median', ({ values, median }) => {
    expect(medianOf(values)).toBe(median);
  });
});

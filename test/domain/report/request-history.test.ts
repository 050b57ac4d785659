import { describe, expect, it } from 'vitest';
import {
  requestStateAt,
  sortRequestsOfMonth,
  type RequestEvent,
  type RequestHistory,
} from '../../../src/domain/report/request-history';
import type { TicketStatus } from '../../../src/domain/tickets/ticket-status';

const t = Date.parse;

function history(id: string, events: RequestEvent[]): RequestHistory {
  return { id, createdAt: events[0]!.at, events };
}

const created = (at: string, priority: 'critical' | 'high' | 'medium' | 'low' = 'medium'): RequestEvent => ({
  type: 'created',
  at: t(at),
  priority,
  kind: 'support',
});
const status = (at: string, to: TicketStatus): RequestEvent => ({ type: 'status_changed', at: t(at), to });

describe('requestStateAt', () => {
  const ticket = history('T', [
    created('2026-03-02T08:00:00Z', 'medium'),
    { type: 'priority_changed', at: t('2026-03-03T08:00:00Z'), priority: 'low' },
    { type: 'kind_changed', at: t('2026-03-03T09:00:00Z'), kind: 'maintenance' },
    status('2026-03-05T08:00:00Z', 'resolved'),
    status('2026-03-06T08:00:00Z', 'closed'),
    status('2026-04-02T08:00:00Z', 'in_progress'), // reopened
    { type: 'priority_changed', at: t('2026-04-02T08:00:00Z'), priority: 'high' },
    status('2026-04-03T08:00:00Z', 'closed'),
  ]);

  it.each([
    { at: '2026-03-01T00:00:00Z', state: null },
    {
      at: '2026-03-02T08:00:00Z',
      state: { status: 'new', priority: 'medium', kind: 'support', doneAt: null, resolvedAt: null },
    },
    {
      at: '2026-03-04T00:00:00Z',
      state: { status: 'new', priority: 'low', kind: 'maintenance', doneAt: null, resolvedAt: null },
    },
    // Resolved, then closed: done (and billable) from the resolution.
    {
      at: '2026-03-31T00:00:00Z',
      state: {
        status: 'closed',
        priority: 'low',
        kind: 'maintenance',
        doneAt: t('2026-03-05T08:00:00Z'),
        resolvedAt: t('2026-03-05T08:00:00Z'),
      },
    },
    {
      at: '2026-04-02T12:00:00Z',
      state: { status: 'in_progress', priority: 'high', kind: 'maintenance', doneAt: null, resolvedAt: null },
    },
    // Closed without a new resolution: done again, but nothing to bill.
    {
      at: '2026-04-30T00:00:00Z',
      state: {
        status: 'closed',
        priority: 'high',
        kind: 'maintenance',
        doneAt: t('2026-04-03T08:00:00Z'),
        resolvedAt: null,
      },
    },
  ])('as of $at', ({ at, state }) => {
    expect(requestStateAt(ticket, t(at))).toEqual(state);
  });
});

describe('sortRequestsOfMonth', () => {
  // March 2026 in Berlin: [2026-02-28T23:00Z, 2026-03-31T22:00Z).
  const from = t('2026-02-28T23:00:00Z');
  const cutoff = t('2026-03-31T22:00:00Z') - 1;
  const tickets = [
    // Received in February, resolved in March: open at the start, resolved in March.
    history('A', [created('2026-02-26T08:00:00Z'), status('2026-03-02T09:00:00Z', 'resolved')]),
    // Resolved in February: neither.
    history('Z', [created('2026-02-02T08:00:00Z'), status('2026-02-02T14:00:00Z', 'resolved')]),
    // Received in March, resolved in April: open at the end.
    history('C', [created('2026-03-31T07:00:00Z', 'low'), status('2026-04-02T08:00:00Z', 'resolved')]),
    // Resolved in March, reopened in March and still open at its end: not resolved in March.
    history('R', [
      created('2026-03-03T08:00:00Z', 'high'),
      status('2026-03-04T08:00:00Z', 'resolved'),
      status('2026-03-05T08:00:00Z', 'in_progress'),
    ]),
    // Resolved in March, reopened in April: March still counts it resolved.
    history('D', [
      created('2026-03-10T08:00:00Z', 'critical'),
      status('2026-03-10T13:00:00Z', 'resolved'),
      status('2026-04-01T08:00:00Z', 'in_progress'),
    ]),
    // Created after the month.
    history('L', [created('2026-04-01T08:00:00Z')]),
  ];

  it('counts received, resolved, open at start and end as of the cutoff', () => {
    const month = sortRequestsOfMonth(tickets, from, cutoff);
    expect(month.received.map((r) => r.id)).toEqual(['C', 'R', 'D']);
    expect(month.resolved.map((r) => r.id)).toEqual(['A', 'D']);
    expect(month.openAtStart).toBe(1); // A
    expect(month.openAtEnd).toBe(2); // C, R
    expect(month.received.find((r) => r.id === 'D')?.state.status).toBe('resolved');
  });
});

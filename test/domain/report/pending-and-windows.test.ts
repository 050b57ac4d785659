import { describe, expect, it } from 'vitest';
import { windowStatusAt } from '../../../src/domain/report/maintenance-figures';
import { wasPendingAt } from '../../../src/domain/report/pending-figures';

const t = Date.parse;
const cutoff = t('2026-03-31T21:59:59.999Z');

describe('wasPendingAt', () => {
  it.each([
    {
      case: 'still waiting',
      askedAt: '2026-03-16T09:00:00Z',
      waitingNow: true,
      decidedAt: null,
      pending: true,
    },
    {
      case: 'decided after the cutoff',
      askedAt: '2026-03-16T09:00:00Z',
      waitingNow: false,
      decidedAt: '2026-04-01T08:00:00Z',
      pending: true,
    },
    {
      case: 'decided before the cutoff',
      askedAt: '2026-03-16T09:00:00Z',
      waitingNow: false,
      decidedAt: '2026-03-20T08:00:00Z',
      pending: false,
    },
    {
      case: 'asked after the cutoff',
      askedAt: '2026-04-01T08:00:00Z',
      waitingNow: true,
      decidedAt: null,
      pending: false,
    },
    { case: 'never asked (a draft)', askedAt: null, waitingNow: false, decidedAt: null, pending: false },
    {
      case: 'decided without an instant',
      askedAt: '2026-03-16T09:00:00Z',
      waitingNow: false,
      decidedAt: null,
      pending: false,
    },
  ])('$case', ({ askedAt, waitingNow, decidedAt, pending }) => {
    const item = {
      askedAt: askedAt === null ? null : t(askedAt),
      waitingNow,
      decidedAt: decidedAt === null ? null : t(decidedAt),
    };
    expect(wasPendingAt(item, cutoff)).toBe(pending);
  });
});

describe('windowStatusAt', () => {
  it.each([
    {
      case: 'closed in the month',
      startedAt: '2026-03-17T17:00:00Z',
      closedAt: '2026-03-17T21:00:00Z',
      status: 'closed',
    },
    {
      case: 'closed after the month',
      startedAt: '2026-03-31T19:30:00Z',
      closedAt: '2026-03-31T23:00:00Z',
      status: 'in_progress',
    },
    { case: 'still running', startedAt: '2026-03-31T19:30:00Z', closedAt: null, status: 'in_progress' },
    { case: 'started after the month', startedAt: '2026-04-01T17:00:00Z', closedAt: null, status: null },
    { case: 'never started', startedAt: null, closedAt: null, status: null },
  ])('$case', ({ startedAt, closedAt, status }) => {
    const window = {
      startedAt: startedAt === null ? null : t(startedAt),
      closedAt: closedAt === null ? null : t(closedAt),
    };
    expect(windowStatusAt(window, cutoff)).toBe(status);
  });
});

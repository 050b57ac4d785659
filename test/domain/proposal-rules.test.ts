import { describe, expect, it } from 'vitest';
import {
  explainProposalRefusal,
  isChangeWork,
  priceOf,
  projectRateOf,
  type ProposalAction,
  type ProposalStatus,
} from '../../src/domain/proposals/proposal-rules';

describe('projectRateOf', () => {
  it.each([
    ['retainer', { monthlyHours: 10, overageRateCents: 9500, projectRateCents: 11000 }, 11000],
    ['retainer', { monthlyHours: 10, overageRateCents: 9500 }, null], // the overage rate is not a project rate
    ['payg', { hourlyRateCents: 12000 }, 12000],
    ['payg', { hourlyRateCents: 0 }, 0],
    ['sprint', { feeCents: 500000, deliverables: [] }, null],
    ['onboarding', { feeCents: 650000, projectRateCents: 10000 }, 10000],
    ['standby', { monthlyFeeCents: 90000 }, null],
    ['retainer', { projectRateCents: 110.5 }, null],
    ['retainer', { projectRateCents: '11000' }, null],
  ] as const)('%s %j → %s', (kind, terms, expected) => {
    expect(projectRateOf(kind, terms)).toBe(expected);
  });
});

describe('priceOf', () => {
  it.each([
    [600, 12000, 120000],
    [750, 11000, 137500],
    [100, 9500, 15833], // 158.333… rounds to the cent
    [1, 10000, 167],
    [45, 0, 0],
  ])('%i min at %i ct/h → %i ct', (minutes, rate, expected) => {
    expect(priceOf(minutes, rate)).toBe(expected);
  });
});

describe('explainProposalRefusal', () => {
  const allowed: Record<ProposalAction, ProposalStatus[]> = {
    edit: ['draft'],
    send: ['draft'],
    withdraw: ['draft', 'sent'],
    approve: ['sent'],
    decline: ['sent'],
  };
  const statuses: ProposalStatus[] = ['draft', 'sent', 'approved', 'declined', 'withdrawn'];
  for (const [action, from] of Object.entries(allowed) as [ProposalAction, ProposalStatus[]][]) {
    it.each(statuses)(`${action} from %s`, (status) => {
      const refusal = explainProposalRefusal(status, action);
      if (from.includes(status)) expect(refusal).toBeNull();
      else expect(refusal).toContain(status);
    });
  }
});

describe('isChangeWork', () => {
  it.each([
    [{ kind: 'change', coverage: null }, true],
    [{ kind: 'support', coverage: 'change_work' }, true],
    [{ kind: 'support', coverage: 'covered' }, false],
    [{ kind: 'maintenance', coverage: null }, false],
  ])('%j → %s', (ticket, expected) => {
    expect(isChangeWork(ticket)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../src/domain/calendar/business-calendar';
import { computeCompliance, type ComplianceTicket } from '../../src/domain/sla/compliance';
import { defaultSlaPolicyRules, type Priority } from '../../src/domain/sla/sla-policy';
import { deriveTicketSla, type SlaClock } from '../../src/domain/sla/ticket-sla';

const t = Date.parse;

/** A clock as a report sees it; only status, phase and dueAt matter for compliance. */
const clock = (status: SlaClock['status'], dueAt: string): SlaClock => ({
  target: { kind: 'business_minutes', minutes: 60 },
  targetMinutes: 60,
  dueAt: t(dueAt),
  status,
  phase: status === 'met' ? 'stopped' : status === 'breached' ? 'stopped' : status,
  stoppedAt: null,
  breachedAt: null,
  pausedMinutes: 0,
  elapsedMinutes: 0,
  usedFraction: 0,
});

const ticket = (
  id: string,
  priority: Priority,
  response: SlaClock,
  resolution: SlaClock,
): ComplianceTicket => ({
  id,
  priority,
  sla: { priority, response, resolution, explanation: [] },
});

// Berlin, March 2026: from 2026-03-01 00:00 CET (= 2026-02-28T23:00Z) to 2026-04-01 00:00 CEST (= 2026-03-31T22:00Z).
const tickets: ComplianceTicket[] = [
  ticket('T1', 'critical', clock('met', '2026-02-28T23:30Z'), clock('breached', '2026-03-05T16:00Z')),
  ticket('T2', 'critical', clock('breached', '2026-02-28T22:59Z'), clock('met', '2026-03-31T21:59:59.999Z')),
  ticket('T3', 'high', clock('met', '2026-03-31T22:00Z'), clock('running', '2026-03-25T10:00Z')),
  ticket('T4', 'high', clock('running', '2026-03-10T10:00Z'), clock('paused', '2026-03-30T10:00Z')),
  ticket('T5', 'medium', clock('met', '2026-03-15T10:00Z'), clock('met', '2026-03-16T10:00Z')),
  ticket('T6', 'medium', clock('met', '2026-03-15T10:00Z'), clock('breached', '2026-03-17T10:00Z')),
  ticket('T7', 'medium', clock('breached', '2026-03-12T10:00Z'), clock('met', '2026-03-18T10:00Z')),
];
const now = t('2026-03-20T12:00Z');

const counts = (
  due: number,
  met: number,
  breached: number,
  open: number,
  compliancePercent: number | null,
) => ({
  due,
  met,
  breached,
  open,
  compliancePercent,
});

describe('computeCompliance', () => {
  it('counts clocks whose due falls in the local month, per tier and in total', () => {
    const report = computeCompliance(tickets, '2026-03', 'Europe/Berlin', now);
    expect(report.from).toBe(t('2026-02-28T23:00Z'));
    expect(report.to).toBe(t('2026-03-31T22:00Z'));
    expect(report.tiers).toEqual([
      { priority: 'critical', response: counts(1, 1, 0, 0, 100), resolution: counts(2, 1, 1, 0, 50) },
      // T4's response is still running but its due has passed: breached.
      { priority: 'high', response: counts(1, 0, 1, 0, 0), resolution: counts(2, 0, 0, 2, null) },
      { priority: 'medium', response: counts(3, 2, 1, 0, 66.7), resolution: counts(3, 2, 1, 0, 66.7) },
      { priority: 'low', response: counts(0, 0, 0, 0, null), resolution: counts(0, 0, 0, 0, null) },
    ]);
    expect(report.total).toEqual({ response: counts(5, 3, 2, 0, 60), resolution: counts(7, 3, 2, 2, 60) });
  });

  it.each([
    { zone: 'Europe/Berlin', month: '2026-10', from: '2026-09-30T22:00Z', to: '2026-10-31T23:00Z' },
    { zone: 'America/New_York', month: '2026-11', from: '2026-11-01T04:00Z', to: '2026-12-01T05:00Z' },
    { zone: 'Pacific/Auckland', month: '2026-04', from: '2026-03-31T11:00Z', to: '2026-04-30T12:00Z' },
    { zone: 'UTC', month: '2026-12', from: '2026-12-01T00:00Z', to: '2027-01-01T00:00Z' },
    { zone: 'America/Santiago', month: '2026-09', from: '2026-09-01T04:00Z', to: '2026-10-01T03:00Z' },
  ])('month boundaries in $zone for $month (DST-safe)', ({ zone, month, from, to }) => {
    const report = computeCompliance([], month, zone, now);
    expect([report.from, report.to]).toEqual([t(from), t(to)]);
  });

  it('assigns a due near midnight to the local month, not the UTC one', () => {
    const late = [
      ticket('A', 'low', clock('met', '2026-11-01T03:30Z'), clock('met', '2026-12-01T04:30Z')), // Oct 31 / Nov 30 local
    ];
    const report = computeCompliance(late, '2026-11', 'America/New_York', t('2026-12-15T00:00Z'));
    expect(report.total).toEqual({ response: counts(0, 0, 0, 0, null), resolution: counts(1, 1, 0, 0, 100) });
  });

  it('works on derived ticket SLAs', () => {
    const calendar = compileCalendar({
      name: 'Berlin office',
      timeZone: 'Europe/Berlin',
      weekly: {
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
        sat: [],
        sun: [],
      },
    });
    const rules = defaultSlaPolicyRules();
    const at = t('2026-03-31T15:00+02:00'); // Tuesday: critical response due 17:00 local, still March
    const sla = deriveTicketSla({
      events: [
        { type: 'created', at, priority: 'critical' },
        { type: 'acknowledged', at: at + 30 * 60_000 },
      ],
      rules,
      calendar,
      now: t('2026-03-31T15:40+02:00'),
    });
    const report = computeCompliance(
      [{ id: 'X', priority: sla.priority, sla }],
      '2026-03',
      'Europe/Berlin',
      t('2026-03-31T15:40+02:00'),
    );
    expect(report.tiers[0]).toEqual({
      priority: 'critical',
      response: counts(1, 1, 0, 0, 100),
      resolution: counts(1, 0, 0, 1, null), // end of business day = 17:00 local, running at `now`
    });
  });
});

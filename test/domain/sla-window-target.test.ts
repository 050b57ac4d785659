import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../src/domain/calendar/business-calendar';
import { computeCompliance } from '../../src/domain/sla/compliance';
import {
  SlaPolicyRulesSchema,
  defaultSlaPolicyRules,
  type SlaPolicyRules,
} from '../../src/domain/sla/sla-policy';
import { deriveTicketSla, nextDeadline, type TicketSlaEvent } from '../../src/domain/sla/ticket-sla';

// London office, Mon–Fri 09:00–17:30. 2027-03-02 is a Tuesday; the March window is the second Tuesday,
// 2027-03-09 18:00–22:00 GMT, the April window 2027-04-13 18:00–22:00 BST (= 17:00–21:00Z).
const london = compileCalendar({
  name: 'London office',
  timeZone: 'Europe/London',
  weekly: {
    mon: [['09:00', '17:30']],
    tue: [['09:00', '17:30']],
    wed: [['09:00', '17:30']],
    thu: [['09:00', '17:30']],
    fri: [['09:00', '17:30']],
    sat: [],
    sun: [],
  },
});

function windowRules(movesWhenRolled: boolean): SlaPolicyRules {
  const rules = defaultSlaPolicyRules();
  rules.tiers.low.resolution = { kind: 'next_maintenance_window', movesWhenRolled };
  return rules;
}

const t = (iso: string): number => Date.parse(iso);
const MARCH_END = t('2027-03-09T22:00:00Z');
const APRIL_END = t('2027-04-13T21:00:00Z');

const created: TicketSlaEvent = { type: 'created', at: t('2027-03-02T10:00:00Z'), priority: 'low' };
const planned = (at: string, end: number | null, rollCount = 0): TicketSlaEvent => ({
  type: 'window_planned',
  at: t(at),
  windowEndsAt: end,
  rollCount,
});
const status = (at: string, from: string, to: string): TicketSlaEvent =>
  ({ type: 'status_changed', at: t(at), from, to }) as TicketSlaEvent;

function derive(events: TicketSlaEvent[], now: string, movesWhenRolled = false) {
  return deriveTicketSla({ events, rules: windowRules(movesWhenRolled), calendar: london, now: t(now) });
}

describe('resolution "by the end of the next maintenance window"', () => {
  it('has no due and cannot breach before the item is planned into a window', () => {
    const sla = derive([created], '2027-06-01T00:00:00Z');
    expect(sla.resolution).toMatchObject({
      status: 'running',
      dueAt: null,
      targetMinutes: null,
      breachedAt: null,
      usedFraction: 0,
    });
    // The response clock is an ordinary business-hours target and breached meanwhile.
    expect(sla.response.status).toBe('breached');
    expect(sla.explanation[0]).toContain('resolution end of the planned maintenance window');
    expect(sla.explanation[0]).toContain('not planned into a window yet');
  });

  it('is due exactly at the end of the window the item is planned into', () => {
    const sla = derive([created, planned('2027-03-02T10:05:00Z', MARCH_END)], '2027-03-05T12:00:00Z');
    expect(sla.resolution.dueAt).toBe(MARCH_END);
    expect(sla.resolution.status).toBe('running');
    expect(nextDeadline({ ...sla, response: { ...sla.response, phase: 'stopped' } })).toBe(MARCH_END);
    expect(sla.explanation.join('\n')).toContain(
      '2027-03-02T10:05:00Z resolution planned into the window ending 2027-03-09T22:00:00Z',
    );
  });

  it('is met when the item is resolved inside its window', () => {
    const sla = derive(
      [
        created,
        planned('2027-03-02T10:05:00Z', MARCH_END),
        status('2027-03-09T20:30:00Z', 'acknowledged', 'resolved'),
      ],
      '2027-03-20T00:00:00Z',
    );
    expect(sla.resolution).toMatchObject({ status: 'met', dueAt: MARCH_END, breachedAt: null });
  });

  it('keeps the first window when the item rolls and the policy does not move it: an honest breach', () => {
    const events = [
      created,
      planned('2027-03-02T10:05:00Z', MARCH_END),
      // The window closed at 21:45 without the item done: the planner rolled it into April's window.
      planned('2027-03-09T21:45:00Z', APRIL_END, 1),
    ];
    const sla = derive(events, '2027-03-10T09:00:00Z');
    expect(sla.resolution).toMatchObject({ status: 'breached', dueAt: MARCH_END, breachedAt: MARCH_END });
    const text = sla.explanation.join('\n');
    expect(text).toContain(
      '2027-03-09T21:45:00Z rolled to the window ending 2027-04-13T21:00:00Z (rolled once); resolution stays due',
    );
    expect(text).toContain('2027-03-09T22:00:00Z resolution breached (due 2027-03-09T22:00:00Z)');
  });

  it('moves to the new window when the policy says rolled items move', () => {
    const events = [
      created,
      planned('2027-03-02T10:05:00Z', MARCH_END),
      planned('2027-03-09T21:45:00Z', APRIL_END, 1),
    ];
    const sla = derive(events, '2027-03-10T09:00:00Z', true);
    expect(sla.resolution).toMatchObject({ status: 'running', dueAt: APRIL_END, breachedAt: null });
    expect(sla.explanation.join('\n')).toContain(
      'resolution rolled (rolled once) to the window ending 2027-04-13T21:00:00Z',
    );
  });

  it('moves the due by the time spent waiting on the client, like every clock', () => {
    const events = [
      created,
      planned('2027-03-02T10:05:00Z', MARCH_END),
      status('2027-03-03T10:00:00Z', 'acknowledged', 'waiting_on_client'),
      status('2027-03-03T13:00:00Z', 'waiting_on_client', 'in_progress'),
    ];
    const sla = derive(events, '2027-03-04T00:00:00Z');
    expect(sla.resolution.dueAt).toBe(MARCH_END + 3 * 3_600_000);
  });

  it('remembers the planned window across a priority change to and from the window-bound tier', () => {
    const events: TicketSlaEvent[] = [
      { ...created, priority: 'medium' },
      planned('2027-03-02T10:05:00Z', MARCH_END),
      { type: 'priority_changed', at: t('2027-03-03T09:00:00Z'), priority: 'low' },
    ];
    const sla = derive(events, '2027-03-04T00:00:00Z');
    expect(sla.priority).toBe('low');
    expect(sla.resolution.dueAt).toBe(MARCH_END);
  });

  it('ignores a plan that leaves the item without a window (no room): the due stays', () => {
    const events = [
      created,
      planned('2027-03-02T10:05:00Z', MARCH_END),
      planned('2027-03-04T10:00:00Z', null, 0),
    ];
    expect(derive(events, '2027-03-05T00:00:00Z', true).resolution.dueAt).toBe(MARCH_END);
  });

  it('leaves an unplanned clock out of the monthly compliance', () => {
    const sla = derive([created], '2027-03-31T00:00:00Z');
    const report = computeCompliance(
      [{ id: 'x', priority: 'low', sla }],
      '2027-03',
      'Europe/London',
      t('2027-04-01T00:00:00Z'),
    );
    const low = report.tiers.find((tier) => tier.priority === 'low');
    expect(low?.resolution).toMatchObject({ due: 0, met: 0, breached: 0, open: 0 });
    expect(low?.response.due).toBe(1);
  });
});

describe('policy schema', () => {
  it('accepts the window target for a resolution, not moving by default', () => {
    const rules = defaultSlaPolicyRules();
    const parsed = SlaPolicyRulesSchema.parse({
      ...rules,
      tiers: { ...rules.tiers, low: { ...rules.tiers.low, resolution: { kind: 'next_maintenance_window' } } },
    });
    expect(parsed.tiers.low.resolution).toEqual({ kind: 'next_maintenance_window', movesWhenRolled: false });
  });

  it('refuses the window target for a response, naming the field', () => {
    const rules = defaultSlaPolicyRules();
    const result = SlaPolicyRulesSchema.safeParse({
      ...rules,
      tiers: { ...rules.tiers, low: { ...rules.tiers.low, response: { kind: 'next_maintenance_window' } } },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['tiers', 'low', 'response']);
    expect(result.error?.issues[0]?.message).toContain('cannot wait for a maintenance window');
  });
});

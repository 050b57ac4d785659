import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../src/domain/calendar/business-calendar';
import { defaultSlaPolicyRules, type Priority, type SlaPolicyRules } from '../../src/domain/sla/sla-policy';
import { formatInstant } from '../../src/domain/sla/sla-explain';
import {
  deriveTicketSla,
  nextDeadline,
  type SlaClock,
  type TicketSlaEvent,
  type TicketStatus,
} from '../../src/domain/sla/ticket-sla';

// Berlin office: Mon–Fri 09:00–17:00; Good Friday and Easter Monday 2026 are holidays.
// Berlin is UTC+1 until Sun 2026-03-29 02:00, then UTC+2. 2026-03-02 is a Monday.
const berlin = compileCalendar({
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
  holidays: ['2026-04-03', { date: '2026-04-06', name: 'Easter Monday' }],
});

const rules = defaultSlaPolicyRules();
const standbyRules: SlaPolicyRules = {
  tiers: {
    ...rules.tiers,
    critical: {
      definition: 'Production down (24×7 standby)',
      response: { kind: 'clock_minutes', minutes: 240 },
      resolution: { kind: 'clock_minutes', minutes: 1440 },
    },
  },
};

const t = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};
const created = (at: string, priority: Priority): TicketSlaEvent => ({
  type: 'created',
  at: t(at),
  priority,
});
const ack = (at: string): TicketSlaEvent => ({ type: 'acknowledged', at: t(at) });
const prio = (at: string, priority: Priority): TicketSlaEvent => ({
  type: 'priority_changed',
  at: t(at),
  priority,
});
const status = (at: string, from: TicketStatus, to: TicketStatus): TicketSlaEvent => ({
  type: 'status_changed',
  at: t(at),
  from,
  to,
});

interface Case {
  name: string;
  events: TicketSlaEvent[];
  now: string;
  rules?: SlaPolicyRules;
  response?: Partial<SlaClock>;
  resolution?: Partial<SlaClock>;
}

const cases: Case[] = [
  {
    name: 'running during hours, due the next morning',
    events: [created('2026-03-02T10:00+01:00', 'high')],
    now: '2026-03-02T12:00+01:00',
    response: {
      targetMinutes: 480,
      dueAt: t('2026-03-03T10:00+01:00'),
      status: 'running',
      elapsedMinutes: 120,
      usedFraction: 0.25,
    },
    resolution: {
      targetMinutes: 1440,
      dueAt: t('2026-03-05T10:00+01:00'),
      elapsedMinutes: 120,
      usedFraction: 0.0833,
    },
  },
  {
    name: 'pause across a night and a weekend',
    events: [
      created('2026-03-06T15:00+01:00', 'high'), // Friday
      status('2026-03-06T16:00+01:00', 'new', 'waiting_on_client'),
      status('2026-03-09T11:00+01:00', 'waiting_on_client', 'in_progress'), // Monday
      ack('2026-03-09T14:00+01:00'),
    ],
    now: '2026-03-09T16:00+01:00',
    // paused business time: Fri 16–17 + Mon 9–11 = 180
    response: {
      status: 'met',
      stoppedAt: t('2026-03-09T14:00+01:00'),
      dueAt: t('2026-03-10T10:00+01:00'),
      elapsedMinutes: 240,
      pausedMinutes: 180,
      usedFraction: 0.5,
    },
    resolution: {
      status: 'running',
      dueAt: t('2026-03-12T10:00+01:00'),
      elapsedMinutes: 360,
      pausedMinutes: 180,
    },
  },
  {
    name: 'paused at now: due as if the client answered now',
    events: [
      created('2026-03-02T09:00+01:00', 'high'),
      status('2026-03-02T10:00+01:00', 'new', 'waiting_on_client'),
    ],
    now: '2026-03-02T15:00+01:00',
    response: {
      status: 'paused',
      phase: 'paused',
      dueAt: t('2026-03-03T14:00+01:00'),
      elapsedMinutes: 60,
      pausedMinutes: 300,
    },
    resolution: {
      status: 'paused',
      dueAt: t('2026-03-05T14:00+01:00'),
      elapsedMinutes: 60,
      usedFraction: 0.0417,
    },
  },
  {
    name: 'priority raised: re-target from creation keeps the elapsed time',
    events: [created('2026-03-02T09:00+01:00', 'low'), prio('2026-03-02T13:00+01:00', 'high')],
    now: '2026-03-02T14:00+01:00',
    response: {
      targetMinutes: 480,
      dueAt: t('2026-03-02T17:00+01:00'),
      status: 'running',
      elapsedMinutes: 300,
      usedFraction: 0.625,
    },
    resolution: { targetMinutes: 1440, dueAt: t('2026-03-04T17:00+01:00'), status: 'running' },
  },
  {
    name: 'priority lowered before the due extends it',
    events: [created('2026-03-02T09:00+01:00', 'high'), prio('2026-03-02T16:00+01:00', 'low')],
    now: '2026-03-03T10:00+01:00',
    response: {
      targetMinutes: 2400,
      dueAt: t('2026-03-06T17:00+01:00'),
      status: 'running',
      elapsedMinutes: 540,
      usedFraction: 0.225,
    },
  },
  {
    name: 'late raise puts the due in the past: breached at the change instant',
    events: [created('2026-03-02T09:00+01:00', 'medium'), prio('2026-03-02T12:00+01:00', 'critical')],
    now: '2026-03-02T13:00+01:00',
    response: {
      targetMinutes: 120,
      dueAt: t('2026-03-02T11:00+01:00'),
      status: 'breached',
      phase: 'running',
      breachedAt: t('2026-03-02T12:00+01:00'),
      elapsedMinutes: 240,
      usedFraction: 2,
    },
    resolution: {
      target: { kind: 'end_of_business_day' },
      targetMinutes: 480,
      dueAt: t('2026-03-02T17:00+01:00'),
      status: 'running',
    },
  },
  {
    name: 'lowering after a breach keeps the breach',
    events: [
      created('2026-03-02T09:00+01:00', 'critical'),
      prio('2026-03-02T12:00+01:00', 'low'),
      ack('2026-03-02T12:30+01:00'),
    ],
    now: '2026-03-02T13:00+01:00',
    response: {
      targetMinutes: 2400,
      dueAt: t('2026-03-06T17:00+01:00'),
      status: 'breached',
      phase: 'stopped',
      breachedAt: t('2026-03-02T11:00+01:00'),
      stoppedAt: t('2026-03-02T12:30+01:00'),
      elapsedMinutes: 210,
    },
    resolution: {
      targetMinutes: 9600,
      dueAt: t('2026-03-27T17:00+01:00'),
      status: 'running',
      elapsedMinutes: 240,
    },
  },
  {
    name: 'raise while paused beyond the new target: breached at the change instant',
    events: [
      created('2026-03-02T09:00+01:00', 'medium'),
      status('2026-03-02T12:00+01:00', 'new', 'waiting_on_client'),
      prio('2026-03-02T13:00+01:00', 'critical'),
    ],
    now: '2026-03-02T14:00+01:00',
    response: {
      status: 'breached',
      phase: 'paused',
      breachedAt: t('2026-03-02T13:00+01:00'),
      dueAt: t('2026-03-02T11:00+01:00'),
      elapsedMinutes: 180,
      pausedMinutes: 120,
    },
    resolution: {
      status: 'paused',
      targetMinutes: 480,
      dueAt: t('2026-03-03T11:00+01:00'),
      breachedAt: null,
    },
  },
  {
    name: 'reopened: time spent resolved does not count',
    events: [
      created('2026-03-02T09:00+01:00', 'high'),
      ack('2026-03-02T10:00+01:00'),
      status('2026-03-02T10:00+01:00', 'new', 'in_progress'),
      status('2026-03-02T11:00+01:00', 'in_progress', 'resolved'),
      status('2026-03-03T10:00+01:00', 'resolved', 'in_progress'),
      status('2026-03-03T12:00+01:00', 'in_progress', 'resolved'),
    ],
    now: '2026-03-04T09:00+01:00',
    response: { status: 'met', stoppedAt: t('2026-03-02T10:00+01:00'), elapsedMinutes: 60 },
    // resolved stretch Mon 11:00 → Tue 10:00 = 420 business minutes of pause
    resolution: {
      status: 'met',
      stoppedAt: t('2026-03-03T12:00+01:00'),
      dueAt: t('2026-03-05T16:00+01:00'),
      elapsedMinutes: 240,
      pausedMinutes: 420,
      usedFraction: 0.1667,
    },
  },
  {
    name: 'reopened and resolved after the extended due: the final state decides (breached)',
    events: [
      created('2026-03-02T09:00+01:00', 'critical'),
      ack('2026-03-02T09:30+01:00'),
      status('2026-03-02T10:00+01:00', 'new', 'resolved'),
      status('2026-03-02T16:00+01:00', 'resolved', 'in_progress'),
      status('2026-03-03T16:00+01:00', 'in_progress', 'closed'),
    ],
    now: '2026-03-03T18:00+01:00',
    resolution: {
      status: 'breached',
      phase: 'stopped',
      dueAt: t('2026-03-03T15:00+01:00'),
      breachedAt: t('2026-03-03T15:00+01:00'),
      stoppedAt: t('2026-03-03T16:00+01:00'),
      elapsedMinutes: 540,
      pausedMinutes: 360,
      usedFraction: 1.125,
    },
  },
  {
    name: 'acknowledgement exactly at the due is met',
    events: [created('2026-03-02T09:00+01:00', 'high'), ack('2026-03-02T17:00+01:00')],
    now: '2026-03-03T09:00+01:00',
    response: {
      status: 'met',
      dueAt: t('2026-03-02T17:00+01:00'),
      elapsedMinutes: 480,
      usedFraction: 1,
      breachedAt: null,
    },
  },
  {
    name: 'acknowledgement 1 ms after the due is breached at the due',
    events: [
      created('2026-03-02T09:00+01:00', 'high'),
      { type: 'acknowledged', at: t('2026-03-02T17:00+01:00') + 1 },
    ],
    now: '2026-03-03T09:00+01:00',
    response: { status: 'breached', breachedAt: t('2026-03-02T17:00+01:00'), elapsedMinutes: 480 },
  },
  {
    name: 'acknowledgement before next opening still breached at the previous close',
    events: [created('2026-03-02T09:00+01:00', 'high'), ack('2026-03-03T08:30+01:00')],
    now: '2026-03-03T09:00+01:00',
    response: {
      status: 'breached',
      breachedAt: t('2026-03-02T17:00+01:00'),
      stoppedAt: t('2026-03-03T08:30+01:00'),
    },
  },
  {
    name: 'end of business day: created in hours',
    events: [created('2026-03-02T14:30+01:00', 'critical')],
    now: '2026-03-02T15:00+01:00',
    resolution: {
      targetMinutes: 150,
      dueAt: t('2026-03-02T17:00+01:00'),
      elapsedMinutes: 30,
      usedFraction: 0.2,
    },
  },
  {
    name: 'end of business day: created after hours → next day close',
    events: [created('2026-03-02T19:00+01:00', 'critical')],
    now: '2026-03-02T20:00+01:00',
    resolution: {
      targetMinutes: 480,
      dueAt: t('2026-03-03T17:00+01:00'),
      elapsedMinutes: 0,
      status: 'running',
    },
  },
  {
    name: 'end of business day: created on a Saturday → Monday close',
    events: [created('2026-03-07T10:00+01:00', 'critical')],
    now: '2026-03-07T11:00+01:00',
    resolution: { targetMinutes: 480, dueAt: t('2026-03-09T17:00+01:00') },
  },
  {
    name: 'end of business day: created before Easter → Tuesday after Easter Monday',
    events: [created('2026-04-02T18:00+02:00', 'critical')],
    now: '2026-04-02T18:00+02:00',
    resolution: { targetMinutes: 480, dueAt: t('2026-04-07T17:00+02:00') },
  },
  {
    name: 'end of business day: a pause extends it uniformly',
    events: [
      created('2026-03-02T14:30+01:00', 'critical'),
      status('2026-03-02T15:00+01:00', 'new', 'waiting_on_client'),
      status('2026-03-03T10:00+01:00', 'waiting_on_client', 'in_progress'),
    ],
    now: '2026-03-03T10:30+01:00',
    resolution: {
      targetMinutes: 150,
      dueAt: t('2026-03-03T12:00+01:00'),
      elapsedMinutes: 60,
      pausedMinutes: 180,
    },
  },
  {
    name: 'clock_minutes across a weekend with a pause',
    rules: standbyRules,
    events: [
      created('2026-03-06T22:00+01:00', 'critical'), // Friday night
      status('2026-03-07T00:00+01:00', 'new', 'waiting_on_client'),
      status('2026-03-08T12:00+01:00', 'waiting_on_client', 'in_progress'), // Sunday noon
    ],
    now: '2026-03-08T13:00+01:00',
    response: {
      targetMinutes: 240,
      dueAt: t('2026-03-08T14:00+01:00'),
      elapsedMinutes: 180,
      pausedMinutes: 2160,
      usedFraction: 0.75,
    },
    resolution: { targetMinutes: 1440, dueAt: t('2026-03-09T10:00+01:00'), status: 'running' },
  },
  {
    name: 'clock_minutes breach on a Saturday night',
    rules: standbyRules,
    events: [created('2026-03-06T22:00+01:00', 'critical')],
    now: '2026-03-07T03:00+01:00',
    response: {
      status: 'breached',
      dueAt: t('2026-03-07T02:00+01:00'),
      breachedAt: t('2026-03-07T02:00+01:00'),
    },
  },
  {
    name: 'DST week: business due across the spring-forward weekend',
    events: [created('2026-03-27T13:00+01:00', 'high')],
    now: '2026-03-30T12:00+02:00',
    response: { dueAt: t('2026-03-30T13:00+02:00'), elapsedMinutes: 420, status: 'running' },
  },
  {
    name: 'DST night: clock_minutes count real time (23-hour day)',
    rules: standbyRules,
    events: [created('2026-03-28T23:00+01:00', 'critical')],
    now: '2026-03-29T03:30+02:00',
    response: { dueAt: t('2026-03-29T04:00+02:00'), elapsedMinutes: 210, usedFraction: 0.875 },
  },
  {
    name: 'DST week: pause over the switch',
    events: [
      created('2026-03-27T16:00+01:00', 'high'),
      status('2026-03-27T16:30+01:00', 'new', 'waiting_on_client'),
      status('2026-03-30T10:00+02:00', 'waiting_on_client', 'in_progress'),
    ],
    now: '2026-03-30T11:00+02:00',
    response: { dueAt: t('2026-03-31T09:30+02:00'), elapsedMinutes: 90, pausedMinutes: 90 },
  },
  {
    name: 'resolved without acknowledgement stops the response clock too',
    events: [created('2026-03-02T09:00+01:00', 'high'), status('2026-03-02T10:00+01:00', 'new', 'resolved')],
    now: '2026-03-02T12:00+01:00',
    response: { status: 'met', stoppedAt: t('2026-03-02T10:00+01:00'), elapsedMinutes: 60 },
    resolution: { status: 'met', stoppedAt: t('2026-03-02T10:00+01:00') },
  },
  {
    name: 'closed directly stops the resolution clock',
    events: [
      created('2026-03-02T09:00+01:00', 'low'),
      ack('2026-03-02T09:10+01:00'),
      status('2026-03-02T11:00+01:00', 'new', 'closed'),
    ],
    now: '2026-03-09T12:00+01:00',
    resolution: { status: 'met', stoppedAt: t('2026-03-02T11:00+01:00'), elapsedMinutes: 120 },
  },
  {
    name: 'events after now have not happened yet',
    events: [created('2026-03-02T09:00+01:00', 'high'), ack('2026-03-02T12:00+01:00')],
    now: '2026-03-02T11:00+01:00',
    response: { status: 'running', stoppedAt: null, elapsedMinutes: 120 },
  },
];

describe('deriveTicketSla', () => {
  it.each(cases)('$name', (c) => {
    const sla = deriveTicketSla({
      events: c.events,
      rules: c.rules ?? rules,
      calendar: berlin,
      now: t(c.now),
    });
    if (c.response) expect(sla.response).toMatchObject(c.response);
    if (c.resolution) expect(sla.resolution).toMatchObject(c.resolution);
  });

  it('explains each clock change in order', () => {
    const events = cases[1]!.events;
    const sla = deriveTicketSla({ events, rules, calendar: berlin, now: t('2026-03-09T16:00+01:00') });
    expect(sla.explanation).toEqual([
      '2026-03-06T14:00:00Z created: priority high; response 480 business min, due 2026-03-09T14:00:00Z; ' +
        'resolution 1440 business min, due 2026-03-11T14:00:00Z',
      '2026-03-06T15:00:00Z paused: waiting on client',
      '2026-03-09T10:00:00Z resumed: client answered (in progress)',
      '2026-03-09T13:00:00Z response met: acknowledged',
    ]);
  });

  it('explains a late raise and the breach it causes', () => {
    const events = [created('2026-03-02T09:00+01:00', 'medium'), prio('2026-03-02T12:00+01:00', 'critical')];
    const sla = deriveTicketSla({ events, rules, calendar: berlin, now: t('2026-03-02T13:00+01:00') });
    expect(sla.priority).toBe('critical');
    expect(sla.explanation.slice(1)).toEqual([
      '2026-03-02T11:00:00Z priority medium → critical: response re-targeted to 120 business min, due ' +
        '2026-03-02T10:00:00Z; resolution re-targeted to end of business day, due 2026-03-02T16:00:00Z',
      '2026-03-02T11:00:00Z response breached (due 2026-03-02T10:00:00Z)',
    ]);
  });

  it('is a pure function of the history: shuffled events give identical output', () => {
    const ordered = cases.find((c) => c.name.startsWith('reopened: time'))!.events;
    const shuffled = [ordered[4]!, ordered[1]!, ordered[5]!, ordered[0]!, ordered[3]!, ordered[2]!];
    const now = t('2026-03-04T09:00+01:00');
    const a = deriveTicketSla({ events: ordered, rules, calendar: berlin, now });
    const b = deriveTicketSla({ events: shuffled, rules, calendar: berlin, now });
    expect(b).toEqual(a);
    expect(deriveTicketSla({ events: ordered, rules, calendar: berlin, now })).toEqual(a);
  });

  it.each([
    { name: 'no created event', events: [ack('2026-03-02T09:00+01:00')], message: /no "created" event/ },
    {
      name: 'two created events',
      events: [created('2026-03-02T09:00+01:00', 'low'), created('2026-03-02T10:00+01:00', 'low')],
      message: /2 "created" events/,
    },
    {
      name: 'an event before creation',
      events: [created('2026-03-02T09:00+01:00', 'low'), ack('2026-03-02T08:00+01:00')],
      message: /precedes the "created" event/,
    },
  ])('rejects a history with $name', ({ events, message }) => {
    expect(() => deriveTicketSla({ events, rules, calendar: berlin, now: t('2026-03-03T00:00Z') })).toThrow(
      message,
    );
  });
});

describe('nextDeadline', () => {
  const derive = (name: string) => {
    const c = cases.find((x) => x.name === name)!;
    return deriveTicketSla({ events: c.events, rules: c.rules ?? rules, calendar: berlin, now: t(c.now) });
  };

  it.each([
    { name: 'running during hours, due the next morning', expected: t('2026-03-03T10:00+01:00') },
    { name: 'pause across a night and a weekend', expected: t('2026-03-12T10:00+01:00') },
    { name: 'paused at now: due as if the client answered now', expected: null },
    {
      name: 'late raise puts the due in the past: breached at the change instant',
      expected: t('2026-03-02T11:00+01:00'),
    },
    { name: 'resolved without acknowledgement stops the response clock too', expected: null },
  ])('$name → $expected', ({ name, expected }) => {
    expect(nextDeadline(derive(name))).toBe(expected);
  });
});

describe('formatInstant', () => {
  it.each([
    [t('2026-03-02T10:00:00Z'), '2026-03-02T10:00:00Z'],
    [t('2024-02-29T23:59:59.999Z'), '2024-02-29T23:59:59.999Z'],
    [t('1999-12-31T00:00:00.050Z'), '1999-12-31T00:00:00.050Z'],
    [t('2100-03-01T12:34:56Z'), '2100-03-01T12:34:56Z'],
  ])('%i → %s', (ms, expected) => {
    expect(formatInstant(ms)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { alwaysOpenCalendar, compileCalendar } from '../../src/domain/calendar/business-calendar';
import { dueSlaAlerts, mayPage } from '../../src/domain/sla/sla-alerts';
import {
  defaultSlaAlertSettings,
  defaultSlaPolicyRules,
  type Priority,
} from '../../src/domain/sla/sla-policy';
import { deriveTicketSla, type TicketSlaEvent, type TicketStatus } from '../../src/domain/sla/ticket-sla';

// Berlin office Mon–Fri 09:00–17:00 (UTC+1 in March 2026: 09:00 = 08:00Z, 17:00 = 16:00Z); 2026-03-02 is a Monday.
// A high ticket created Mon 08:00Z: response 480 business min → due Mon 16:00Z, 75 % (360 min) at Mon 14:00Z;
// resolution 1440 → due Wed 16:00Z, 75 % (1080 min) at Wed 12:00Z.
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
  holidays: [],
});
const rules = defaultSlaPolicyRules();
const T = 'T1';

const t = (iso: string) => Date.parse(iso);
const created = (at: string, priority: Priority): TicketSlaEvent => ({
  type: 'created',
  at: t(at),
  priority,
});
const status = (at: string, from: TicketStatus, to: TicketStatus): TicketSlaEvent => ({
  type: 'status_changed',
  at: t(at),
  from,
  to,
});
const prio = (at: string, priority: Priority): TicketSlaEvent => ({
  type: 'priority_changed',
  at: t(at),
  priority,
});
const ack = (at: string): TicketSlaEvent => ({ type: 'acknowledged', at: t(at) });

function alertsAt(events: TicketSlaEvent[], now: string, settings = defaultSlaAlertSettings()) {
  const sla = deriveTicketSla({ events, rules, calendar: berlin, now: t(now) });
  return dueSlaAlerts({ ticketId: T, sla, settings, now: t(now) }).map((a) => `${a.kind} ${a.dedupeKey}`);
}

const high = created('2026-03-02T08:00:00Z', 'high');
const inProgress = status('2026-03-02T08:30:00Z', 'new', 'in_progress');

describe('dueSlaAlerts', () => {
  it.each([
    {
      name: 'a fresh clock below 75 % warns of nothing',
      events: [high],
      now: '2026-03-02T13:59:00Z',
      expected: [],
    },
    {
      name: 'a running clock warns at 75 % of its target, keyed to its due',
      events: [high],
      now: '2026-03-02T14:00:00Z',
      expected: ['sla_warning sla:T1:response:warning@0.75:2026-03-02T16:00:00.000Z'],
    },
    {
      name: 'the same state later on gives the same key',
      events: [high],
      now: '2026-03-02T15:59:00Z',
      expected: ['sla_warning sla:T1:response:warning@0.75:2026-03-02T16:00:00.000Z'],
    },
    {
      name: 'a met clock (acknowledged) produces nothing',
      events: [high, ack('2026-03-02T09:00:00Z')],
      now: '2026-03-02T15:00:00Z',
      expected: [],
    },
    {
      name: 'a paused clock (waiting on the client) produces nothing, even past its threshold',
      events: [high, inProgress, status('2026-03-02T12:00:00Z', 'in_progress', 'waiting_on_client')],
      now: '2026-03-02T15:30:00Z',
      expected: [],
    },
    {
      // 240 min used before the pause; resumed Tue 08:00Z: due Tue 12:00Z, 360 min reached Tue 10:00Z.
      name: 'after resuming, the warning is not due before the recomputed instant',
      events: [
        high,
        inProgress,
        status('2026-03-02T12:00:00Z', 'in_progress', 'waiting_on_client'),
        status('2026-03-03T08:00:00Z', 'waiting_on_client', 'in_progress'),
      ],
      now: '2026-03-03T09:59:00Z',
      expected: [],
    },
    {
      name: 'after resuming, the warning comes at the recomputed instant with the new due in its key',
      events: [
        high,
        inProgress,
        status('2026-03-02T12:00:00Z', 'in_progress', 'waiting_on_client'),
        status('2026-03-03T08:00:00Z', 'waiting_on_client', 'in_progress'),
      ],
      now: '2026-03-03T10:00:00Z',
      expected: ['sla_warning sla:T1:response:warning@0.75:2026-03-03T12:00:00.000Z'],
    },
    {
      // Raised to critical at 09:00Z: response 120 min → due 10:00Z, 90 min reached at 09:30Z.
      name: 'a priority raise re-targets: the warning comes earlier, keyed to the new due',
      events: [high, prio('2026-03-02T09:00:00Z', 'critical')],
      now: '2026-03-02T09:30:00Z',
      expected: ['sla_warning sla:T1:response:warning@0.75:2026-03-02T10:00:00.000Z'],
    },
    {
      name: 'a breach is notified at the breach instant (step 0), keyed to the breach',
      events: [high],
      now: '2026-03-02T16:29:00Z',
      expected: ['sla_breach sla:T1:response:breach+0:assignee:2026-03-02T16:00:00.000Z'],
    },
    {
      name: 'escalation steps follow at their delays after the breach',
      events: [high],
      now: '2026-03-02T16:30:00Z',
      expected: [
        'sla_breach sla:T1:response:breach+0:assignee:2026-03-02T16:00:00.000Z',
        'sla_escalation sla:T1:response:breach+30:agency_channel:2026-03-02T16:00:00.000Z',
      ],
    },
    {
      name: 'all steps are due two hours after the breach',
      events: [high],
      now: '2026-03-02T18:00:00Z',
      expected: [
        'sla_breach sla:T1:response:breach+0:assignee:2026-03-02T16:00:00.000Z',
        'sla_escalation sla:T1:response:breach+30:agency_channel:2026-03-02T16:00:00.000Z',
        'sla_escalation sla:T1:response:breach+120:admins:2026-03-02T16:00:00.000Z',
      ],
    },
    {
      name: 'a breached clock that is paused escalates no further',
      events: [high, inProgress, status('2026-03-02T16:10:00Z', 'in_progress', 'waiting_on_client')],
      now: '2026-03-02T18:00:00Z',
      expected: [],
    },
    {
      name: 'a breached clock that was stopped (answered late) produces nothing',
      events: [high, ack('2026-03-02T16:20:00Z')],
      now: '2026-03-02T18:00:00Z',
      expected: [],
    },
    {
      // Resolution 1440 business min: 75 % = 1080 min = Mon 8 h + Tue 8 h + Wed 2 h → Wed 10:00 Berlin.
      name: 'the resolution clock warns on its own once the response is met',
      events: [high, ack('2026-03-02T09:00:00Z')],
      now: '2026-03-04T10:00:00Z',
      expected: ['sla_warning sla:T1:resolution:warning@0.75:2026-03-04T16:00:00.000Z'],
    },
  ])('$name', ({ events, now, expected }) => {
    expect(alertsAt(events, now)).toEqual(expected);
  });

  it('a configured warning fraction and escalation are used', () => {
    const settings = {
      warningFraction: 0.5,
      escalation: [{ afterBreachMinutes: 10, notify: 'admins' as const }],
    };
    expect(alertsAt([high], '2026-03-02T12:00:00Z', settings)).toEqual([
      'sla_warning sla:T1:response:warning@0.5:2026-03-02T16:00:00.000Z',
    ]);
    expect(alertsAt([high], '2026-03-02T16:09:00Z', settings)).toEqual([]);
    expect(alertsAt([high], '2026-03-02T16:10:00Z', settings)).toEqual([
      'sla_escalation sla:T1:response:breach+10:admins:2026-03-02T16:00:00.000Z',
    ]);
  });

  it('a pause that moves the due gives a new warning key; the same state gives the same key', () => {
    const before = alertsAt([high], '2026-03-02T14:00:00Z');
    expect(alertsAt([high], '2026-03-02T14:00:00Z')).toEqual(before);
    const resumed = alertsAt(
      [
        high,
        inProgress,
        status('2026-03-02T14:30:00Z', 'in_progress', 'waiting_on_client'),
        status('2026-03-02T15:00:00Z', 'waiting_on_client', 'in_progress'),
      ],
      '2026-03-02T15:00:00Z',
    );
    // 30 paused minutes push the due from Mon 17:00 Berlin (the close) to Tue 09:30 Berlin.
    expect(resumed).toEqual(['sla_warning sla:T1:response:warning@0.75:2026-03-03T08:30:00.000Z']);
    expect(resumed).not.toEqual(before);
  });
});

describe('mayPage (out of hours)', () => {
  const allDay = alwaysOpenCalendar();
  const nightOnly = compileCalendar({
    name: 'Nights',
    timeZone: 'Europe/Berlin',
    weekly: { mon: [['22:00', '24:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    holidays: [],
  });
  const criticalCover = { priorities: ['critical'] as Priority[], availability: allDay };

  it.each([
    {
      name: 'inside business hours anything pages',
      now: '2026-03-02T10:00:00Z',
      priority: 'low',
      standby: [],
      expected: true,
    },
    {
      name: 'at night a non-critical ticket does not page',
      now: '2026-03-02T20:00:00Z',
      priority: 'medium',
      standby: [],
      expected: false,
    },
    {
      name: 'at night a critical ticket without standby does not page',
      now: '2026-03-02T20:00:00Z',
      priority: 'critical',
      standby: [],
      expected: false,
    },
    {
      name: 'at night a critical ticket with standby cover pages',
      now: '2026-03-02T20:00:00Z',
      priority: 'critical',
      standby: [criticalCover],
      expected: true,
    },
    {
      name: 'standby covering only critical does not page a high ticket',
      now: '2026-03-02T20:00:00Z',
      priority: 'high',
      standby: [criticalCover],
      expected: false,
    },
    {
      name: 'on a Saturday the standby cover pages too',
      now: '2026-03-07T11:00:00Z',
      priority: 'critical',
      standby: [criticalCover],
      expected: true,
    },
    {
      name: 'standby whose availability calendar is closed does not page',
      now: '2026-03-02T20:00:00Z', // 21:00 Berlin, before the 22:00 cover
      priority: 'critical',
      standby: [{ priorities: ['critical'] as Priority[], availability: nightOnly }],
      expected: false,
    },
    {
      name: 'standby pages while its availability calendar is open',
      now: '2026-03-02T21:30:00Z', // 22:30 Berlin
      priority: 'critical',
      standby: [{ priorities: ['critical'] as Priority[], availability: nightOnly }],
      expected: true,
    },
  ])('$name', ({ now, priority, standby, expected }) => {
    expect(mayPage({ now: t(now), business: berlin, priority: priority as Priority, standby })).toBe(
      expected,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthlyReportFigures } from '../../src/domain/report/report-model';
import { AppError } from '../../src/errors';
import { ENGINES } from '../support/databases';
import { createTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';
import { addAprilActivity, buildMarchHistory, ok, type History, type Name } from './report-figures-history';

/*
 * The history and every instant are in report-figures-history.ts; each expected number below is worked out
 * by hand from it. March in Berlin runs from 2026-02-28T23:00Z to 2026-03-31T22:00Z. March's figures are
 * first generated at 2026-04-01T06:00Z, before any April activity.
 */

const V1 = '/api/v1';

const clock = (
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
const counts = (
  total: number,
  [support, maintenance, change]: [number, number, number],
  [critical, high, medium, low]: [number, number, number, number],
) => ({ total, byKind: { support, maintenance, change }, byPriority: { critical, high, medium, low } });

/** What regenerating may change: the generation instant and today's maintenance plan. */
function withoutGenerationTime(figures: MonthlyReportFigures) {
  const { generatedAt: _generatedAt, maintenance, ...rest } = figures;
  return { ...rest, held: maintenance.held };
}

describe.each(ENGINES)('monthly report figures on %s', (engine) => {
  let app: TestApp;
  let world: World;
  let history: History;
  let march: MonthlyReportFigures;
  let february: MonthlyReportFigures;

  const figuresOf = (month: string, clientId = world.clientA.id) =>
    app.tend.services.reportFigures.computeFigures(clientId, month);
  const ref = (name: Name, priority: string, kind = 'support') => ({
    number: history.tickets[name].number,
    subject: history.tickets[name].subject,
    priority,
    kind,
  });

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-01-05T08:00:00Z' });
    world = await buildWorld(app);
    history = await buildMarchHistory(app, world);
    // Client B's March: a ticket and 300 minutes, none of which may show in client A's report.
    app.clock.set('2026-03-31T20:00:00Z');
    const other = ok(
      await app
        .as(world.clientB.member)
        .post(`${V1}/tickets`, { subject: 'Other client', requestType: 'bug' }),
      201,
    );
    ok(
      await app.as(world.admin).post(`${V1}/time-entries`, {
        ticketId: other.id,
        date: '2026-03-05',
        minutes: 300,
        category: 'bugfix',
      }),
      201,
    );
    app.clock.set('2026-04-01T06:00:00Z');
    march = await figuresOf('2026-03');
    february = await figuresOf('2026-02');
  });
  afterAll(async () => app.close());

  it('names the client, the agency and the period in the client’s time zone', () => {
    expect(march).toMatchObject({
      version: 1,
      month: '2026-03',
      client: { id: world.clientA.id, name: 'Client client-a', slug: 'client-a', timeZone: 'Europe/Berlin' },
      agency: { name: 'Test Agency' },
      period: {
        from: '2026-02-28T23:00:00.000Z',
        to: '2026-03-31T22:00:00.000Z',
        timeZone: 'Europe/Berlin',
        asOf: '2026-03-31T22:00:00.000Z',
        complete: true,
      },
      generatedAt: '2026-04-01T06:00:00.000Z',
      currency: 'EUR',
    });
  });

  it('counts March’s requests by kind and priority, A received in February and resolved in March', () => {
    expect(march.requests).toEqual({
      // B high, H low, D critical, E low (lowered on 03-12) maintenance, G medium, F low change, C low.
      received: counts(7, [5, 1, 1], [1, 1, 1, 4]),
      // A medium, B high, H low, D critical, E low maintenance (C is resolved only in April).
      resolved: counts(5, [4, 1, 0], [1, 1, 1, 2]),
      openAtStart: 2, // R and A (Z was resolved in February)
      openAtEnd: 4, // R, G, F, C
      // Resolution clocks of the SLA tickets resolved: D 300, A 1020, B 1620, E 2400 (H has no SLA).
      medianResolutionMinutes: 1320, // (1020 + 1620) / 2
    });
    // February: Z high, R low maintenance, A medium received; Z resolved (clock 09:00–15:00 CET = 360).
    expect(february.requests).toEqual({
      received: counts(3, [2, 1, 0], [0, 1, 1, 1]),
      resolved: counts(1, [1, 0, 0], [0, 1, 0, 0]),
      openAtStart: 0,
      openAtEnd: 2,
      medianResolutionMinutes: 360,
    });
  });

  it('reports SLA compliance per tier and lists every breach with its explanation', async () => {
    expect(march.sla.policyName).toBe('Standard');
    expect(march.sla.tiers.map((t) => [t.priority, t.responseTarget, t.resolutionTarget])).toEqual([
      ['critical', '2 business hours', 'by the end of the business day'],
      ['high', '8 business hours', '24 business hours'],
      ['medium', '24 business hours', '40 business hours'],
      ['low', '40 business hours', '160 business hours'],
    ]);
    expect(march.sla.tiers[0]?.definition).toMatch(/^Production is down/);
    const tiers = Object.fromEntries(march.sla.tiers.map((t) => [t.priority, [t.response, t.resolution]]));
    expect(tiers).toEqual({
      critical: [clock(1, 1, 0, 0, 100), clock(1, 1, 0, 0, 100)], // D
      high: [clock(1, 1, 0, 0, 100), clock(1, 0, 1, 0, 0)], // B: response met, resolution breached
      medium: [clock(1, 1, 0, 0, 100), clock(1, 1, 0, 0, 100)], // A (due 03-02 and 03-04)
      low: [clock(2, 2, 0, 0, 100), clock(1, 0, 1, 0, 0)], // responses of E and F; R's resolution
    });
    expect(march.sla.total).toEqual({ response: clock(5, 5, 0, 0, 100), resolution: clock(4, 2, 2, 0, 50) });

    expect(march.sla.breaches.map((b) => [b.ticket, b.clock, b.dueAt, b.breachedAt])).toEqual([
      [ref('B', 'high'), 'resolution', '2026-03-04T16:00:00.000Z', '2026-03-04T16:00:00.000Z'],
      [ref('R', 'low', 'maintenance'), 'resolution', '2026-03-13T16:00:00.000Z', '2026-03-13T16:00:00.000Z'],
    ]);
    // B breached, then waited on the client: the explanation tells both, from the ticket's history.
    const b = march.sla.breaches[0]!;
    expect(b.explanation).toEqual([
      '2026-03-02T08:00:00Z created: priority high; response 480 business min, due 2026-03-02T16:00:00Z; resolution 1440 business min, due 2026-03-04T16:00:00Z',
      '2026-03-02T08:30:00Z response met: acknowledged',
      '2026-03-04T16:00:00Z resolution breached (due 2026-03-04T16:00:00Z)',
      '2026-03-05T08:00:00Z resolution paused: waiting on client',
      '2026-03-09T08:00:00Z resolution resumed: client answered (in progress)',
      '2026-03-09T11:00:00Z resolution stopped after breach: resolved',
    ]);
    const ticket = ok(await app.as(world.clientA.member).get(`${V1}/tickets/${history.tickets.B.id}`));
    expect(b.explanation).toEqual(ticket.sla.explanation);
    expect(march.sla.breaches[1]?.explanation).toContain(
      '2026-03-13T16:00:00Z resolution breached (due 2026-03-13T16:00:00Z)',
    );
    // February: Z and R's responses and Z's resolution, all met.
    expect(february.sla.total).toEqual({
      response: clock(2, 2, 0, 0, 100),
      resolution: clock(1, 1, 0, 0, 100),
    });
    expect(february.sla.breaches).toEqual([]);
  });

  it('March hours: February’s 600 rolled in, all used, 150 minutes of overage', () => {
    const [retainer, ...others] = march.hours.retainers;
    expect(others).toEqual([]);
    expect(retainer).toMatchObject({
      agreementId: world.clientA.retainerId,
      agreementName: 'Retainer',
      rolloverMonths: 1,
      overageRateCents: 10_000,
      allocationMinutes: 600,
      rolledInMinutes: 600, // February's bucket, untouched in February (its draw went to January's)
      // e4 500 from February's bucket; e5 100 from February + 300 from March; e6 90; e8 210 of its 360.
      usedMinutes: 1200,
      usedByCategory: { bugfix: 710, enhancement: 0, advisory: 400, maintenance: 90 },
      remainingMinutes: 0,
      expiredMinutes: 0,
      expiringAtMonthEndMinutes: 0,
      expiringNextMonthMinutes: 0,
      overageMinutes: 150, // e8's 360 − 210
      overageCents: 25_000, // 150 / 60 × 100.00
      nonBillableMinutes: 60, // e9
      changeWorkMinutes: 120, // e7 on F
    });
    // 1200 to start; −500 on the 3rd, −400 on the 10th, −90 on the 17th, −210 on the 24th.
    const expected = (date: string) =>
      date < '2026-03-03'
        ? 1200
        : date < '2026-03-10'
          ? 700
          : date < '2026-03-17'
            ? 300
            : date < '2026-03-24'
              ? 210
              : 0;
    expect(retainer!.burnDown).toHaveLength(31);
    for (const point of retainer!.burnDown)
      expect(point.remainingMinutes, point.date).toBe(expected(point.date));
    expect(retainer!.burnDown.at(-1)).toEqual({
      date: '2026-03-31',
      remainingMinutes: retainer!.remainingMinutes,
    });
    // Six months back would be October; the agreement starts in January.
    expect(retainer!.trend).toEqual([
      {
        month: '2026-01',
        allocationMinutes: 600,
        rolledInMinutes: 0,
        usedMinutes: 240,
        expiredMinutes: 0,
        overageMinutes: 0,
      },
      {
        month: '2026-02',
        allocationMinutes: 600,
        rolledInMinutes: 360,
        usedMinutes: 100,
        expiredMinutes: 260,
        overageMinutes: 0,
      },
      {
        month: '2026-03',
        allocationMinutes: 600,
        rolledInMinutes: 600,
        usedMinutes: 1200,
        expiredMinutes: 0,
        overageMinutes: 150,
      },
    ]);
    // H resolved in March: 90 billable minutes (its 30 non-billable are not billed) at 90.00/h.
    expect(march.hours.payAsYouGo).toEqual([
      {
        agreementId: history.paygId,
        agreementName: 'Pay as you go',
        hourlyRateCents: 9000,
        ticketsBilled: 1,
        billableMinutes: 90,
        amountCents: 13_500,
      },
    ]);
    expect(march.hours.projects).toEqual([]);
  });

  it('February hours: January’s unused 260 minutes expire at its end', () => {
    expect(february.hours.retainers[0]).toMatchObject({
      allocationMinutes: 600,
      rolledInMinutes: 360, // January: 600 − 240
      usedMinutes: 100, // e2, drawn from January's bucket (oldest first)
      usedByCategory: { bugfix: 0, enhancement: 100, advisory: 0, maintenance: 0 },
      remainingMinutes: 860, // January's 260 + February's 600
      expiredMinutes: 260, // January's rest, usable through February only
      expiringAtMonthEndMinutes: 260,
      expiringNextMonthMinutes: 600, // February's own, through March
      overageMinutes: 0,
      overageCents: 0,
      nonBillableMinutes: 60, // e3
      changeWorkMinutes: 0,
    });
    const burnDown = february.hours.retainers[0]!.burnDown;
    expect(burnDown).toHaveLength(28);
    expect(burnDown.slice(0, 4).map((p) => p.remainingMinutes)).toEqual([960, 960, 960, 860]);
    expect(burnDown.at(-1)).toEqual({ date: '2026-02-28', remainingMinutes: 860 });
    expect(february.hours.retainers[0]!.trend.map((m) => m.month)).toEqual(['2026-01', '2026-02']);
  });

  it('lists the windows held in March as they stood at its end, and the plan ahead', () => {
    expect(march.maintenance.held).toEqual([
      {
        title: 'March maintenance',
        startsAt: '2026-03-17T17:00:00.000Z',
        endsAt: '2026-03-17T21:00:00.000Z',
        capacityMinutes: 240,
        status: 'closed',
        minutesLogged: 90, // e6
        done: [ref('E', 'low', 'maintenance')],
        rolled: [{ ...ref('R', 'low', 'maintenance'), rollCount: 1 }],
      },
      {
        title: 'Late March window',
        startsAt: '2026-03-31T19:30:00.000Z',
        endsAt: '2026-03-31T23:30:00.000Z',
        capacityMinutes: 240,
        status: 'in_progress',
        minutesLogged: 0,
        done: [],
        rolled: [],
      },
    ]);
    // The next three scheduled windows (the cancelled one left out): R has no estimate (60), G's
    // pending estimate is 120 minutes.
    expect(march.maintenance.upcoming).toEqual({
      asOf: '2026-04-01T06:00:00.000Z',
      windows: [
        {
          title: 'May maintenance',
          startsAt: '2026-05-12T16:00:00.000Z',
          endsAt: '2026-05-12T20:00:00.000Z',
          capacityMinutes: 240,
          plannedMinutes: 60,
          items: [{ ...ref('R', 'low', 'maintenance'), estimateMinutes: 60, rollCount: 1 }],
        },
        {
          title: 'June maintenance',
          startsAt: '2026-06-09T16:00:00.000Z',
          endsAt: '2026-06-09T20:00:00.000Z',
          capacityMinutes: 240,
          plannedMinutes: 120,
          items: [{ ...ref('G', 'medium'), estimateMinutes: 120, rollCount: 0 }],
        },
        {
          title: 'July maintenance',
          startsAt: '2026-07-14T16:00:00.000Z',
          endsAt: '2026-07-14T20:00:00.000Z',
          capacityMinutes: 240,
          plannedMinutes: 0,
          items: [],
        },
      ],
    });
  });

  it('lists the estimates and proposals pending at March’s end', () => {
    expect(march.pending).toEqual({
      // 2 h × 90.00
      estimates: [
        {
          ticket: ref('G', 'medium'),
          minutes: 120,
          amountCents: 18_000,
          requestedAt: '2026-03-16T09:00:00.000Z',
        },
      ],
      // 15 h × 120.00; the draft on E was never sent.
      proposals: [
        {
          ticket: ref('F', 'low', 'change'),
          title: 'Customer export',
          estimateMinutes: 900,
          amountCents: 180_000,
          sentAt: '2026-03-19T10:00:00.000Z',
        },
      ],
    });
  });

  it('keeps other clients out', async () => {
    const b = await figuresOf('2026-03', world.clientB.id);
    expect(b.requests.received.total).toBe(1);
    expect(b.hours.retainers[0]?.usedMinutes).toBe(300);
    expect(b.hours.payAsYouGo).toEqual([]);
    expect(b.pending).toEqual({ estimates: [], proposals: [] });
    expect(b.maintenance.held).toEqual([]);
  });

  it('regenerating March after April’s activity yields the same figures', async () => {
    await addAprilActivity(app, world, history);
    app.clock.set('2026-04-20T10:00:00Z');
    const again = await figuresOf('2026-03');
    expect(again.generatedAt).toBe('2026-04-20T10:00:00.000Z');
    expect(withoutGenerationTime(again)).toEqual(withoutGenerationTime(march));
    // Only the plan ahead moved: R now estimated at 45 and rolled twice, N joined W3.
    expect(again.maintenance.upcoming.asOf).toBe('2026-04-20T10:00:00.000Z');
    expect(again.maintenance.upcoming.windows.map((w) => [w.title, w.plannedMinutes, w.items])).toEqual([
      [
        'May maintenance',
        105,
        [
          { ...ref('R', 'low', 'maintenance'), estimateMinutes: 45, rollCount: 2 },
          { ...ref('N', 'low', 'maintenance'), estimateMinutes: 60, rollCount: 0 },
        ],
      ],
      ['June maintenance', 120, [{ ...ref('G', 'medium'), estimateMinutes: 120, rollCount: 0 }]],
      ['July maintenance', 0, []],
    ]);
  });

  it('April so far: C resolved, figures as of now', async () => {
    app.clock.set('2026-04-20T10:00:00Z');
    const april = await figuresOf('2026-04');
    expect(april.period).toEqual({
      from: '2026-03-31T22:00:00.000Z',
      to: '2026-04-30T22:00:00.000Z',
      timeZone: 'Europe/Berlin',
      asOf: '2026-04-20T10:00:00.000Z',
      complete: false,
    });
    expect(april.requests).toMatchObject({
      received: counts(1, [0, 1, 0], [0, 0, 0, 1]), // N
      resolved: counts(1, [1, 0, 0], [0, 0, 0, 1]), // C, received in March
      openAtStart: 4, // R, G, F, C
      openAtEnd: 5, // R, D (reopened), G, F, N
    });
    const [retainer] = april.hours.retainers;
    // Nothing rolled in (March used all); e10 draws 90; the project's 180 never touch the retainer.
    expect(retainer).toMatchObject({
      rolledInMinutes: 0,
      usedMinutes: 90,
      remainingMinutes: 510,
      expiredMinutes: 0,
      expiringNextMonthMinutes: 510,
      changeWorkMinutes: 180,
      overageMinutes: 0,
    });
    // Up to today, 20 April: 600 on the 1st, 510 from the 2nd.
    expect(retainer!.burnDown).toHaveLength(20);
    expect(retainer!.burnDown[0]).toEqual({ date: '2026-04-01', remainingMinutes: 600 });
    expect(retainer!.burnDown.at(-1)).toEqual({ date: '2026-04-20', remainingMinutes: 510 });
    expect(retainer!.trend.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(april.hours.projects).toEqual([
      { name: 'Customer export', minutes: 180, budgetMinutes: 900, totalMinutes: 180 },
    ]);
    // G's estimate was approved and F's proposal too: nothing pending.
    expect(april.pending).toEqual({ estimates: [], proposals: [] });
    // W2 started in March: April held no window.
    expect(april.maintenance.held).toEqual([]);
  });

  it('refuses a month that has not started, a malformed month and an unknown client', async () => {
    app.clock.set('2026-04-20T10:00:00Z');
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => (error instanceof AppError ? error.code : error),
      );
    expect(await refusal(figuresOf('2026-05'))).toBe('invalid_input');
    expect(await refusal(figuresOf('2026-13'))).toBe('invalid_input');
    expect(await refusal(figuresOf('2026-04', '00000000-0000-4000-8000-000000000000'))).toBe('not_found');
    // The agency is no client.
    expect(await refusal(figuresOf('2026-04', world.admin.actor.organizationId))).toBe('not_found');
  });
});

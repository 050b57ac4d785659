import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaTiers } from '../../src/domain/sla/sla-policy';
import { ENGINES } from '../support/databases';
import { createTestApp, type TestApp } from '../support/test-app';
import { BERLIN_OFFICE, buildWorld, type World } from '../support/world';

const PREVIEW = '/api/v1/sla-policies/preview';

function issuePaths(body: { error: { details: { issues: { path: string }[] } } }): string[] {
  return body.error.details.issues.map((issue) => issue.path);
}

describe.each(ENGINES)('SLA preview on %s', (engine) => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-03-02T08:00:00Z' }); // Monday 09:00 Berlin
    world = await buildWorld(app);
  });
  afterAll(async () => app.close());

  it('answers per tier from a stored calendar, at the service clock when no instant is given', async () => {
    const response = await app.as(world.admin).post(PREVIEW, {
      calendarId: world.calendarId,
      tiers: defaultSlaTiers(),
    });
    expect(response.status).toBe(200);
    expect(response.body.at).toBe('2026-03-02T08:00:00.000Z');
    expect(response.body.calendar).toEqual({ name: 'Berlin office', timeZone: 'Europe/Berlin' });
    expect(response.body.tiers).toEqual({
      // 120 business minutes; end of business day is today's 17:00 Berlin (480 business minutes).
      critical: {
        responseDueAt: '2026-03-02T10:00:00.000Z',
        resolutionDueAt: '2026-03-02T16:00:00.000Z',
        responseTarget: { kind: 'business_minutes', minutes: 120 },
        resolutionTarget: { kind: 'end_of_business_day' },
        responseTargetMinutes: 120,
        resolutionTargetMinutes: 480,
      },
      high: {
        responseDueAt: '2026-03-02T16:00:00.000Z',
        resolutionDueAt: '2026-03-04T16:00:00.000Z',
        responseTarget: { kind: 'business_minutes', minutes: 480 },
        resolutionTarget: { kind: 'business_minutes', minutes: 1440 },
        responseTargetMinutes: 480,
        resolutionTargetMinutes: 1440,
      },
      medium: {
        responseDueAt: '2026-03-04T16:00:00.000Z',
        resolutionDueAt: '2026-03-06T16:00:00.000Z',
        responseTarget: { kind: 'business_minutes', minutes: 1440 },
        resolutionTarget: { kind: 'business_minutes', minutes: 2400 },
        responseTargetMinutes: 1440,
        resolutionTargetMinutes: 2400,
      },
      low: {
        responseDueAt: '2026-03-06T16:00:00.000Z',
        resolutionDueAt: '2026-03-27T16:00:00.000Z',
        responseTarget: { kind: 'business_minutes', minutes: 2400 },
        resolutionTarget: { kind: 'business_minutes', minutes: 9600 },
        responseTargetMinutes: 2400,
        resolutionTargetMinutes: 9600,
      },
    });
  });

  it('gives the same deadlines as a real ticket created at that instant', async () => {
    const created = await app
      .as(world.clientA.member)
      .post('/api/v1/tickets', { subject: 'Checkout is down', priority: 'critical' });
    expect(created.status).toBe(201);
    const preview = await app.as(world.engineer).post(PREVIEW, {
      calendarId: world.calendarId,
      tiers: defaultSlaTiers(),
      at: created.body.createdAt,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.tiers.critical.responseDueAt).toBe(created.body.sla.response.dueAt);
    expect(preview.body.tiers.critical.resolutionDueAt).toBe(created.body.sla.resolution.dueAt);
  });

  it('uses an unsaved calendar: extra spans, spans to 24:00, holidays', async () => {
    const admin = app.as(world.admin);
    const tiers = defaultSlaTiers();
    // Friday 16:30 Berlin: 30 minutes are left on Friday, the rest falls on the next open time.
    const fridayLate = '2026-03-06T16:30:00+01:00';
    const closedWeekend = await admin.post(PREVIEW, { calendar: BERLIN_OFFICE, tiers, at: fridayLate });
    expect(closedWeekend.status).toBe(200);
    expect(closedWeekend.body.tiers.critical.responseDueAt).toBe('2026-03-09T09:30:00.000Z'); // Mon 10:30

    const withSaturday = {
      ...BERLIN_OFFICE,
      weekly: { ...BERLIN_OFFICE.weekly, sat: [['10:00', '14:00']], sun: [] },
    };
    const openSaturday = await admin.post(PREVIEW, { calendar: withSaturday, tiers, at: fridayLate });
    expect(openSaturday.body.tiers.critical.responseDueAt).toBe('2026-03-07T10:30:00.000Z'); // Sat 11:30
    // End of business day for a ticket created after Friday's close is Saturday's close.
    const afterClose = await admin.post(PREVIEW, {
      calendar: withSaturday,
      tiers,
      at: '2026-03-06T18:00:00+01:00',
    });
    expect(afterClose.body.tiers.critical.resolutionDueAt).toBe('2026-03-07T13:00:00.000Z');

    const lateNights = {
      ...BERLIN_OFFICE,
      weekly: {
        ...BERLIN_OFFICE.weekly,
        fri: [
          ['09:00', '12:00'],
          ['20:00', '24:00'],
        ],
      },
    };
    const night = await admin.post(PREVIEW, {
      calendar: lateNights,
      tiers,
      at: '2026-03-06T23:00:00+01:00',
    });
    expect(night.status).toBe(200);
    // 60 minutes until midnight, then Monday 09:00–10:00.
    expect(night.body.tiers.critical.responseDueAt).toBe('2026-03-09T09:00:00.000Z');

    // Thursday before Easter, 16:00 Berlin (CEST): Good Friday and Easter Monday are holidays.
    const easter = await admin.post(PREVIEW, {
      calendar: BERLIN_OFFICE,
      tiers,
      at: '2026-04-02T16:00:00+02:00',
    });
    expect(easter.body.tiers.critical.responseDueAt).toBe('2026-04-07T08:00:00.000Z'); // Tue 10:00 CEST
  });

  it('counts 24×7 targets on the clock, whatever the calendar', async () => {
    const tiers = defaultSlaTiers();
    tiers.critical.response = { kind: 'clock_minutes', minutes: 60 };
    const response = await app.as(world.admin).post(PREVIEW, {
      calendarId: world.calendarId,
      tiers,
      at: '2026-03-07T22:15:00Z', // Saturday night
    });
    expect(response.status).toBe(200);
    expect(response.body.tiers.critical.responseDueAt).toBe('2026-03-07T23:15:00.000Z');
  });

  it('rejects invalid forms with the path of each problem', async () => {
    const admin = app.as(world.admin);
    const tiers = defaultSlaTiers();
    const backwards = await admin.post(PREVIEW, {
      calendar: { ...BERLIN_OFFICE, weekly: { ...BERLIN_OFFICE.weekly, mon: [['13:00', '12:00']] } },
      tiers: {
        ...tiers,
        critical: { ...tiers.critical, response: { kind: 'business_minutes', minutes: -5 } },
      },
    });
    expect(backwards.status).toBe(400);
    expect(issuePaths(backwards.body)).toEqual(
      expect.arrayContaining(['calendar.weekly.mon.0', 'tiers.critical.response.minutes']),
    );

    const both = await admin.post(PREVIEW, { calendar: BERLIN_OFFICE, calendarId: world.calendarId, tiers });
    expect(both.status).toBe(400);
    expect(issuePaths(both.body)).toEqual(['calendarId']);
    const neither = await admin.post(PREVIEW, { tiers });
    expect(neither.status).toBe(400);

    const unknown = await admin.post(PREVIEW, {
      calendarId: '00000000-0000-4000-8000-000000000000',
      tiers,
    });
    expect(unknown.status).toBe(400);
    expect(issuePaths(unknown.body)).toEqual(['calendarId']);

    const badInstant = await admin.post(PREVIEW, { calendarId: world.calendarId, tiers, at: 'tomorrow' });
    expect(badInstant.status).toBe(400);
    expect(issuePaths(badInstant.body)).toEqual(['at']);
  });

  it('turns a target beyond the calendar horizon into a field error, not a crash', async () => {
    const tiers = defaultSlaTiers();
    tiers.low.resolution = { kind: 'business_minutes', minutes: 500_000_000 };
    const response = await app.as(world.admin).post(PREVIEW, { calendarId: world.calendarId, tiers });
    expect(response.status).toBe(400);
    expect(issuePaths(response.body)).toEqual(['tiers.low']);
  });

  it('is for agency staff only and stores nothing', async () => {
    const before = await app.as(world.admin).get('/api/v1/sla-policies');
    const body = { calendar: BERLIN_OFFICE, tiers: defaultSlaTiers() };
    expect((await app.as(world.engineer).post(PREVIEW, body)).status).toBe(200);
    const client = await app.as(world.clientA.admin).post(PREVIEW, body);
    expect(client.status).toBe(403);
    expect(client.body.error.code).toBe('forbidden');
    expect((await app.as(null).post(PREVIEW, body)).status).toBe(401);
    const after = await app.as(world.admin).get('/api/v1/sla-policies');
    expect(after.body).toEqual(before.body);
  });
});

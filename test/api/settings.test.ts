import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaTiers } from '../../src/domain/sla/sla-policy';
import { ENGINES } from '../support/databases';
import { createTestApp, type TestApp } from '../support/test-app';
import { BERLIN_OFFICE, buildWorld, type World } from '../support/world';

const GERMAN_HOLIDAYS_ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Tend tests//Holidays//DE',
  'BEGIN:VEVENT',
  'UID:tag-der-einheit-2026@tend.test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20261003',
  'DTEND;VALUE=DATE:20261004',
  'SUMMARY:Tag der Deutschen Einheit',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:weihnachten-2026@tend.test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20261225',
  'DTEND;VALUE=DATE:20261227',
  'SUMMARY:Weihnachten',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe.each(ENGINES)('calendars and SLA policies on %s', (engine) => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-03-02T08:00:00Z' }); // Monday 09:00 Berlin
    world = await buildWorld(app);
  });
  afterAll(async () => app.close());

  it('rejects an invalid calendar with the paths of every problem and stores nothing', async () => {
    const admin = app.as(world.admin);
    const before = await admin.get('/api/v1/calendars');
    const response = await admin.post('/api/v1/calendars', {
      ...BERLIN_OFFICE,
      timeZone: 'Mars/Olympus',
      weekly: { ...BERLIN_OFFICE.weekly, mon: [['13:00', '12:00']] },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_input');
    const paths = response.body.error.details.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['timeZone', 'weekly.mon.0']));
    const after = await admin.get('/api/v1/calendars');
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('imports holidays from an iCalendar feed, multi-day events as each day', async () => {
    const admin = app.as(world.admin);
    const imported = await admin.post(`/api/v1/calendars/${world.calendarId}/holidays/import`, {
      ics: GERMAN_HOLIDAYS_ICS,
    });
    expect(imported.status).toBe(200);
    expect(imported.body.importedCount).toBe(3);
    const dates = imported.body.calendar.holidays.map((holiday: string | { date: string }) =>
      typeof holiday === 'string' ? holiday : holiday.date,
    );
    // The existing three stay; 2026-12-25 was there already and is not doubled.
    expect(dates).toEqual(['2026-04-03', '2026-04-06', '2026-10-03', '2026-12-25', '2026-12-26']);
    const broken = await admin.post(`/api/v1/calendars/${world.calendarId}/holidays/import`, {
      ics: 'this is not a calendar',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.details.issues[0].path).toBe('ics');
  });

  it('re-sorts open tickets when their policy changes', async () => {
    const admin = app.as(world.admin);
    const member = app.as(world.clientA.member);
    const created = await member.post('/api/v1/tickets', { subject: 'Slow search', priority: 'medium' });
    expect(created.status).toBe(201);
    // Medium: response 1440 business minutes = three 8-hour days from Monday 09:00 → Wednesday 17:00 (16:00Z).
    expect(created.body.sla.nextDueAt).toBe('2026-03-04T16:00:00.000Z');

    const tiers = defaultSlaTiers();
    tiers.medium.response = { kind: 'business_minutes', minutes: 60 };
    const updated = await admin.put(`/api/v1/sla-policies/${world.policyId}`, {
      name: 'Standard',
      calendarId: world.calendarId,
      tiers,
    });
    expect(updated.status).toBe(200);

    const queue = await admin.get(`/api/v1/tickets?open=true&clientId=${world.clientA.id}`);
    const ticket = queue.body.items.find((item: { id: string }) => item.id === created.body.id);
    expect(ticket.sla.response.dueAt).toBe('2026-03-02T09:00:00.000Z');
    const row = await app.tend.services.deps.db
      .selectFrom('tickets')
      .select('queue_due_at')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(row.queue_due_at.toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });

  it('lets only agency admins change settings', async () => {
    const engineer = app.as(world.engineer);
    const denied = await engineer.post('/api/v1/calendars', BERLIN_OFFICE);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    const inUse = await app.as(world.admin).delete(`/api/v1/calendars/${world.calendarId}`);
    expect(inUse.status).toBe(409);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaTiers } from '../../src/domain/sla/sla-policy';
import { ENGINES } from '../support/databases';
import { createTestApp, type ApiResponse, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/*
 * Instants worked out by hand from the world's Berlin office calendar (Mon–Fri 09:00–17:00; UTC+1 in March 2026,
 * so 09:00 = 08:00Z and 17:00 = 16:00Z) and the default tiers (critical response 120 business min, high 480,
 * medium 1440) with the default alert settings (warn at 75 %; breach → assignee, +30 min → agency channel,
 * +120 min → admins). 2026-03-02 is a Monday.
 */

const V1 = '/api/v1';

function ok(res: ApiResponse, status = 200): any {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

describe.each(ENGINES)('SLA alerts and notifications on %s', (engine) => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-03-02T08:00:00Z' });
    world = await buildWorld(app);
    // Slack is connected (Slack notices are enqueued only then); no worker runs, so nothing is posted.
    await sql`insert into slack_connection (signing_secret, bot_token, agency_channel_id, configured_by, updated_at)
      values ('secret', 'xoxb-test', 'CAGENCY', ${world.admin.actor.userId}, now())`.execute(
      app.tend.services.deps.db,
    );
  });
  afterAll(async () => app.close());

  const db = () => app.tend.services.deps.db;
  const scan = (at: string) => app.tend.services.slaAlerts.scan(new Date(at));

  /** A ticket raised by staff at `at` for a client, assigned to the engineer unless told otherwise. */
  async function raise(
    at: string,
    priority: string,
    options: { clientId?: string; agreementId?: string; assign?: boolean } = {},
  ): Promise<string> {
    app.clock.set(at);
    const ticket = ok(
      await app.as(world.engineer).post(`${V1}/tickets`, {
        clientId: options.clientId ?? world.clientA.id,
        ...(options.agreementId ? { agreementId: options.agreementId } : {}),
        subject: `A ${priority} problem`,
        priority,
      }),
      201,
    );
    if (options.assign !== false) {
      ok(
        await app
          .as(world.engineer)
          .patch(`${V1}/tickets/${ticket.id}`, { assigneeId: world.engineer.actor.userId }),
      );
    }
    return ticket.id as string;
  }

  async function transition(ticketId: string, at: string, status: string) {
    app.clock.set(at);
    ok(await app.as(world.engineer).post(`${V1}/tickets/${ticketId}/transitions`, { status }));
  }

  /** The notifications recorded for a ticket: "kind → user email". */
  async function notificationsOf(ticketId: string): Promise<string[]> {
    const rows = await db()
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['notifications.kind', 'users.email', 'notifications.dedupe_key'])
      .where('notifications.ticket_id', '=', ticketId)
      .orderBy('notifications.created_at')
      .orderBy('notifications.kind')
      .orderBy('users.email')
      .execute();
    return rows.map((r) => `${r.kind} → ${r.email}`);
  }

  /** The SLA paging jobs enqueued for a ticket: "email.notify kind recipient" or "slack.notify detail". */
  async function pagesOf(ticketId: string): Promise<string[]> {
    const result = await sql<{ name: string; data: Record<string, unknown> }>`
      select name, data from pgboss.job where data->>'ticketId' = ${ticketId} and data->>'kind' like 'sla_%'`.execute(
      db(),
    );
    return result.rows
      .map((job) =>
        job.name === 'email.notify'
          ? `email.notify ${String(job.data.kind)} ${String(job.data.to)}`
          : `${job.name} ${String(job.data.detail)}`,
      )
      .sort();
  }

  async function alertKeys(ticketId: string): Promise<string[]> {
    const rows = await db()
      .selectFrom('sla_alerts')
      .select('dedupe_key')
      .where('ticket_id', '=', ticketId)
      .orderBy('handled_at')
      .orderBy('dedupe_key')
      .execute();
    return rows.map((r) => r.dedupe_key.replace(ticketId, 'T'));
  }

  it('warns the assignee once at 75 % of a running clock, however often the scan runs', async () => {
    const id = await raise('2026-03-02T08:00:00Z', 'high'); // response due Mon 16:00Z, 360 min at 14:00Z
    await scan('2026-03-02T13:59:00Z');
    expect(await notificationsOf(id)).toEqual([]);

    await scan('2026-03-02T14:00:00Z');
    await scan('2026-03-02T14:00:00Z');
    await scan('2026-03-02T14:05:00Z');
    expect(await notificationsOf(id)).toEqual(['sla_warning → eng@agency.test']);
    expect(await alertKeys(id)).toEqual(['sla:T:response:warning@0.75:2026-03-02T16:00:00.000Z']);
    // In business hours, with every channel on by default: one email and one Slack notice.
    expect(await pagesOf(id)).toEqual([
      'email.notify sla_warning eng@agency.test',
      'slack.notify response due Mon 2 Mar, 17:00 Europe/Berlin, 75 % used',
    ]);

    const list = ok(await app.as(world.engineer).get(`${V1}/notifications`));
    const mine = list.items.find((n: { ticketId: string }) => n.ticketId === id);
    expect(mine).toMatchObject({
      kind: 'sla_warning',
      title: 'SLA warning: response of #1 due Mon 2 Mar, 17:00',
      body: '#1 A high problem: 75 % of the response target is used; it is due Mon 2 Mar, 17:00 (Europe/Berlin).',
      ticketNumber: 1,
      readAt: null,
    });
    expect(list.unreadCount).toBe(list.items.length);
  });

  it('handles an alert once when two scans race', async () => {
    const id = await raise('2026-03-03T08:00:00Z', 'high'); // Tue: warning at 14:00Z
    const [a, b] = await Promise.all([scan('2026-03-03T14:00:00Z'), scan('2026-03-03T14:00:00Z')]);
    expect(await notificationsOf(id)).toEqual(['sla_warning → eng@agency.test']);
    expect(await pagesOf(id)).toEqual([
      'email.notify sla_warning eng@agency.test',
      'slack.notify response due Tue 3 Mar, 17:00 Europe/Berlin, 75 % used',
    ]);
    // Both scans saw the alert due; only one of them handled it.
    const keys = await alertKeys(id);
    expect(keys).toEqual(['sla:T:response:warning@0.75:2026-03-03T16:00:00.000Z']);
    expect(a.due).toBe(b.due);
  });

  it('does not warn while the clock is paused, and warns at the recomputed instant after it resumes', async () => {
    const id = await raise('2026-03-04T08:00:00Z', 'high'); // Wed
    await transition(id, '2026-03-04T08:30:00Z', 'in_progress');
    await transition(id, '2026-03-04T12:00:00Z', 'waiting_on_client'); // 240 of 480 minutes used
    await scan('2026-03-04T14:00:00Z');
    await scan('2026-03-04T15:59:00Z');
    expect(await notificationsOf(id)).toEqual([]);

    // Resumed Thu 09:00 Berlin: 240 minutes left → due Thu 13:00 Berlin (12:00Z); 360 used at 10:00Z.
    await transition(id, '2026-03-05T08:00:00Z', 'in_progress');
    await scan('2026-03-05T09:59:00Z');
    expect(await notificationsOf(id)).toEqual([]);
    await scan('2026-03-05T10:00:00Z');
    expect(await notificationsOf(id)).toEqual(['sla_warning → eng@agency.test']);
    expect(await alertKeys(id)).toEqual(['sla:T:response:warning@0.75:2026-03-05T12:00:00.000Z']);
  });

  it('re-targets on a priority raise: the warning comes earlier and carries the new due', async () => {
    const id = await raise('2026-03-10T08:00:00Z', 'medium'); // Tue; medium response 1440 → due Thu 16:00Z
    await scan('2026-03-10T09:00:00Z');
    expect(await notificationsOf(id)).toEqual([]);
    app.clock.set('2026-03-10T09:00:00Z');
    ok(await app.as(world.engineer).patch(`${V1}/tickets/${id}`, { priority: 'critical' }));
    // Critical response 120 min from creation: due 10:00Z, 90 min used at 09:30Z.
    await scan('2026-03-10T09:29:00Z');
    expect(await notificationsOf(id)).toEqual([]);
    await scan('2026-03-10T09:30:00Z');
    expect(await alertKeys(id)).toEqual(['sla:T:response:warning@0.75:2026-03-10T10:00:00.000Z']);
  });

  it('notifies a breach to the assignee, then escalates to the agency channel and the admins at their delays', async () => {
    const id = await raise('2026-03-06T08:00:00Z', 'critical'); // Fri: response due 10:00Z, 75 % at 09:30Z
    await scan('2026-03-06T09:30:00Z');
    // At the due instant the clock has used its target but is not breached yet.
    await scan('2026-03-06T10:00:00Z');
    expect(await notificationsOf(id)).toEqual(['sla_warning → eng@agency.test']);
    await scan('2026-03-06T10:01:00Z');
    expect(await notificationsOf(id)).toEqual([
      'sla_warning → eng@agency.test',
      'sla_breach → eng@agency.test',
    ]);
    await scan('2026-03-06T10:29:00Z');
    expect(await alertKeys(id)).toEqual([
      'sla:T:response:warning@0.75:2026-03-06T10:00:00.000Z',
      'sla:T:response:breach+0:assignee:2026-03-06T10:00:00.000Z',
    ]);

    await scan('2026-03-06T10:30:00Z');
    // The channel step pages the shared channel and records no one's in-app notification.
    expect(await notificationsOf(id)).toEqual([
      'sla_warning → eng@agency.test',
      'sla_breach → eng@agency.test',
    ]);
    await scan('2026-03-06T11:59:00Z');
    await scan('2026-03-06T12:00:00Z');
    expect(await notificationsOf(id)).toEqual([
      'sla_warning → eng@agency.test',
      'sla_breach → eng@agency.test',
      'sla_escalation → admin@agency.test',
    ]);
    expect(await alertKeys(id)).toEqual([
      'sla:T:response:warning@0.75:2026-03-06T10:00:00.000Z',
      'sla:T:response:breach+0:assignee:2026-03-06T10:00:00.000Z',
      'sla:T:response:breach+30:agency_channel:2026-03-06T10:00:00.000Z',
      'sla:T:response:breach+120:admins:2026-03-06T10:00:00.000Z',
    ]);
    expect(await pagesOf(id)).toEqual([
      'email.notify sla_breach eng@agency.test',
      'email.notify sla_escalation admin@agency.test',
      'email.notify sla_warning eng@agency.test',
      'slack.notify response breached 2 h ago, escalated to the admins',
      'slack.notify response breached 30 min ago, escalated to the agency channel',
      'slack.notify response breached, was due Fri 6 Mar, 11:00 Europe/Berlin',
      'slack.notify response due Fri 6 Mar, 11:00 Europe/Berlin, 75 % used',
    ]);

    const alerts = ok(await app.as(world.engineer).get(`${V1}/tickets/${id}/sla-alerts`));
    expect(
      alerts.items.map(
        (a: { kind: string; notify: string; paged: boolean }) => `${a.kind} ${a.notify} ${a.paged}`,
      ),
    ).toEqual([
      'sla_escalation admins true',
      'sla_escalation agency_channel true',
      'sla_breach assignee true',
      'sla_warning assignee true',
    ]);
    expect((await app.as(world.clientA.admin).get(`${V1}/tickets/${id}/sla-alerts`)).status).toBe(403);
  });

  it('out of hours records a non-critical breach in-app but pages no one', async () => {
    const id = await raise('2026-03-09T08:00:00Z', 'high'); // Mon: response due at the 17:00 close
    await scan('2026-03-09T20:00:00Z'); // 21:00 Berlin: breach, +30 and +120 are all due
    expect(await notificationsOf(id)).toEqual([
      'sla_breach → eng@agency.test',
      'sla_escalation → admin@agency.test',
    ]);
    expect(await alertKeys(id)).toHaveLength(3);
    expect(await pagesOf(id)).toEqual([]);
  });

  it('out of hours pages for a critical ticket of a client with standby cover', async () => {
    const api = app.as(world.admin);
    const allHours = [['00:00', '24:00']];
    const standbyCalendar = ok(
      await api.post(`${V1}/calendars`, {
        name: '24×7',
        timeZone: 'Europe/Berlin',
        weekly: {
          mon: allHours,
          tue: allHours,
          wed: allHours,
          thu: allHours,
          fri: allHours,
          sat: allHours,
          sun: allHours,
        },
        holidays: [],
      }),
      201,
    );
    const tiers = defaultSlaTiers();
    tiers.critical = {
      ...tiers.critical,
      response: { kind: 'clock_minutes', minutes: 60 },
      resolution: { kind: 'clock_minutes', minutes: 480 },
    };
    const policy = ok(
      await api.post(`${V1}/sla-policies`, { name: 'Standby', calendarId: world.calendarId, tiers }),
      201,
    );
    const standby = ok(
      await api.post(`${V1}/agreements`, {
        clientId: world.clientB.id,
        kind: 'standby',
        name: 'Standby',
        startsOn: '2026-01-01',
        slaPolicyId: policy.id,
        terms: { availabilityCalendarId: standbyCalendar.id, priorities: ['critical'] },
      }),
      201,
    );
    // Saturday 03:00 Berlin: a critical ticket under standby, response due 60 real minutes later.
    const critical = await raise('2026-03-07T02:00:00Z', 'critical', {
      clientId: world.clientB.id,
      agreementId: standby.id,
    });
    await scan('2026-03-07T03:01:00Z');
    expect(await notificationsOf(critical)).toEqual(['sla_breach → eng@agency.test']);
    expect(await pagesOf(critical)).toEqual([
      'email.notify sla_breach eng@agency.test',
      'slack.notify response breached, was due Sat 7 Mar, 04:00 Europe/Berlin',
    ]);

    // The same client's critical-only cover does not page for a high ticket at night.
    const high = await raise('2026-03-09T08:00:00Z', 'high', {
      clientId: world.clientB.id,
      agreementId: standby.id,
    });
    await scan('2026-03-09T20:00:00Z');
    expect(await notificationsOf(high)).toEqual([
      'sla_breach → eng@agency.test',
      'sla_escalation → admin@agency.test',
    ]);
    expect(await pagesOf(high)).toEqual([]);
  });

  it('follows each user’s channel preferences, and an unassigned ticket tells the admins', async () => {
    const prefs = app.as(world.admin);
    expect(ok(await prefs.get(`${V1}/notification-preferences`))).toEqual({
      email: true,
      slack: true,
      inApp: true,
    });
    expect(ok(await prefs.put(`${V1}/notification-preferences`, { email: false }))).toEqual({
      email: false,
      slack: true,
      inApp: true,
    });
    expect((await prefs.put(`${V1}/notification-preferences`, { email: 'no' })).status).toBe(400);

    const id = await raise('2026-03-11T08:00:00Z', 'high', { assign: false }); // Wed; warning at 14:00Z
    await scan('2026-03-11T14:00:00Z');
    expect(await notificationsOf(id)).toEqual(['sla_warning → admin@agency.test']);
    expect(await pagesOf(id)).toEqual([
      'slack.notify response due Wed 11 Mar, 17:00 Europe/Berlin, 75 % used',
    ]);
    ok(await prefs.put(`${V1}/notification-preferences`, { email: true }));
  });

  it('lists my notifications newest first and marks them read; another user’s are not found', async () => {
    const eng = app.as(world.engineer);
    const before = ok(await eng.get(`${V1}/notifications`));
    expect(before.unreadCount).toBeGreaterThan(2);
    const times = before.items.map((n: { createdAt: string }) => n.createdAt);
    expect(times).toEqual([...times].sort().reverse());

    const first = before.items[0];
    const read = ok(await eng.post(`${V1}/notifications/${first.id}/read`));
    expect(read.readAt).not.toBeNull();
    expect(ok(await eng.get(`${V1}/notifications`)).unreadCount).toBe(before.unreadCount - 1);
    expect((await app.as(world.admin).post(`${V1}/notifications/${first.id}/read`)).status).toBe(404);
    expect(ok(await eng.get(`${V1}/notifications?unread=true`)).items).toHaveLength(before.unreadCount - 1);

    expect(ok(await eng.post(`${V1}/notifications/read-all`))).toEqual({ updated: before.unreadCount - 1 });
    expect(ok(await eng.get(`${V1}/notifications`)).unreadCount).toBe(0);
    // A client user has a list of their own (empty here).
    expect(ok(await app.as(world.clientA.member).get(`${V1}/notifications`))).toEqual({
      items: [],
      unreadCount: 0,
    });
  });

  it('stores alert settings on the SLA policy, with defaults for a policy without them', async () => {
    const api = app.as(world.admin);
    const policy = ok(await api.get(`${V1}/sla-policies/${world.policyId}`));
    expect(policy.alerts).toEqual({
      warningFraction: 0.75,
      escalation: [
        { afterBreachMinutes: 0, notify: 'assignee' },
        { afterBreachMinutes: 30, notify: 'agency_channel' },
        { afterBreachMinutes: 120, notify: 'admins' },
      ],
    });
    const alerts = { warningFraction: 0.5, escalation: [{ afterBreachMinutes: 15, notify: 'admins' }] };
    const saved = ok(
      await api.put(`${V1}/sla-policies/${world.policyId}`, {
        name: policy.name,
        calendarId: policy.calendarId,
        tiers: policy.tiers,
        alerts,
      }),
    );
    expect(saved.alerts).toEqual(alerts);
    const bad = await api.put(`${V1}/sla-policies/${world.policyId}`, {
      name: policy.name,
      calendarId: policy.calendarId,
      tiers: policy.tiers,
      alerts: { warningFraction: 1.5, escalation: [] },
    });
    expect(bad.status).toBe(400);

    // The new settings drive the scan: warning at 50 % (Thu 12:00Z for a high ticket raised Thu 08:00Z).
    const id = await raise('2026-03-12T08:00:00Z', 'high');
    await scan('2026-03-12T12:00:00Z');
    expect(await alertKeys(id)).toEqual(['sla:T:response:warning@0.5:2026-03-12T16:00:00.000Z']);
    ok(
      await api.put(`${V1}/sla-policies/${world.policyId}`, {
        name: policy.name,
        calendarId: policy.calendarId,
        tiers: policy.tiers,
      }),
    );
  });
});

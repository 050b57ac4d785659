import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/databases';
import { createTestApp, type ApiResponse, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/*
 * Client A's retainer (Europe/Berlin) gets a monthly window on the second Tuesday, 18:00–22:00 local, 240
 * minutes of capacity. The clock starts on Monday 2 March 2026; windows fall on 10 March (CET, 17:00Z),
 * 14 April (CEST, 16:00Z), 12 May, … The tests build on each other, in order.
 */

const V1 = '/api/v1';
const SECOND_TUESDAY = {
  frequency: 'monthly',
  on: { kind: 'nth_weekday', nth: 2, weekday: 'TU' },
  startTime: '18:00',
  durationMinutes: 240,
  firstMonth: '2026-01',
};

function ok(response: ApiResponse, status = 200): any {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body;
}

function expectInvalid(response: ApiResponse, path: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.error.code).toBe('invalid_input');
  expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain(path);
}

/** A stand-in for Slack's Web API that records chat.postMessage calls. */
async function startSlackStandIn() {
  const posts: Record<string, unknown>[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += String(chunk)));
    request.on('end', () => {
      const body = request.headers['content-type']?.startsWith('application/json')
        ? (JSON.parse(text) as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(text));
      if (request.url === '/api/chat.postMessage') posts.push(body);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ ok: true, ts: '1.0' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(ENGINES)('maintenance windows (%s)', (engine) => {
  let app: TestApp;
  let world: World;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  const staff = () => app.as(world.engineer);
  const admin = () => app.as(world.admin);
  const A = () => world.clientA.retainerId;
  const ids: Record<string, any> = {};

  const db = () => app.tend.services.deps.db;
  const windowsOf = (agreementId: string) =>
    db()
      .selectFrom('maintenance_windows')
      .selectAll()
      .where('agreement_id', '=', agreementId)
      .orderBy('starts_at')
      .execute();
  const eventsOf = async (ticketId: string, type: string) =>
    (ok(await staff().get(`${V1}/tickets/${ticketId}/events`)).items as any[]).filter((e) => e.type === type);
  const backlogOf = async (agreementId: string) =>
    ok(await staff().get(`${V1}/maintenance/backlog?agreementId=${agreementId}`)).items as any[];
  const planRow = (ticketId: string) =>
    db().selectFrom('window_plan').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
  const jobs = async (name: string) =>
    (
      await sql<{
        data: Record<string, any>;
      }>`select data from pgboss.job where name = ${name} order by created_on`.execute(db())
    ).rows.map((row) => row.data);
  const createTicket = async (body: Record<string, unknown>) =>
    ok(await staff().post(`${V1}/tickets`, { clientId: world.clientA.id, ...body }), 201);

  beforeAll(async () => {
    slack = await startSlackStandIn();
    app = await createTestApp(engine, {
      now: '2026-03-02T08:00:00Z',
      env: { SMTP_URL: 'smtp://127.0.0.1:2525', SLACK_API_URL: `${slack.url}/api/` },
    });
    world = await buildWorld(app);
    ok(
      await admin().put(`${V1}/slack/connection`, {
        signingSecret: 'a-signing-secret',
        botToken: 'xoxb-test',
      }),
    );
    ok(
      await admin().post(`${V1}/slack/channels`, { channelId: 'CCLIENTA', clientId: world.clientA.id }),
      201,
    );
  });
  afterAll(async () => {
    await app?.close();
    await slack?.close();
  });

  it('a schedule materialises a year of windows in the agreement’s zone, idempotently', async () => {
    const schedule = ok(
      await staff().post(`${V1}/agreements/${A()}/maintenance-schedules`, {
        name: 'Monthly maintenance',
        rule: SECOND_TUESDAY,
        capacityMinutes: 240,
      }),
      201,
    );
    ids.schedule = schedule.id;
    expect(schedule).toMatchObject({
      agreementId: A(),
      timeZone: 'Europe/Berlin',
      description: 'Second Tuesday of every month, 18:00 for 4 h',
      windowsCreated: 12,
      active: true,
    });
    const rows = await windowsOf(A());
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 3).map((w) => [w.starts_at.toISOString(), w.ends_at.toISOString()])).toEqual([
      ['2026-03-10T17:00:00.000Z', '2026-03-10T21:00:00.000Z'],
      ['2026-04-14T16:00:00.000Z', '2026-04-14T20:00:00.000Z'],
      ['2026-05-12T16:00:00.000Z', '2026-05-12T20:00:00.000Z'],
    ]);
    expect(rows.at(-1)!.starts_at.toISOString()).toBe('2027-02-09T17:00:00.000Z');
    expect(new Set(rows.map((w) => `${w.title}/${w.capacity_minutes}/${w.status}`))).toEqual(
      new Set(['Monthly maintenance/240/scheduled']),
    );
    ids.w1 = rows[0]!.id;
    ids.w2 = rows[1]!.id;
    ids.w3 = rows[2]!.id;

    // Running the upkeep again, in parallel, creates nothing more.
    const again = await Promise.all([
      staff().post(`${V1}/agreements/${A()}/maintenance-plan`),
      app.tend.services.maintenance.planning.runDaily(),
    ]);
    expect(ok(again[0]).windowsCreated).toBe(0);
    expect(again[1].windowsCreated).toBe(0);
    expect(await windowsOf(A())).toHaveLength(12);

    // The calendar read: windows in a range, with their figures.
    const calendar = ok(
      await staff().get(
        `${V1}/maintenance-windows?agreementId=${A()}&from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z`,
      ),
    ).items;
    expect(calendar.map((w: any) => w.id)).toEqual([ids.w1, ids.w2]);
    expect(calendar[0]).toMatchObject({
      title: 'Monthly maintenance',
      startsAt: '2026-03-10T17:00:00.000Z',
      endsAt: '2026-03-10T21:00:00.000Z',
      timeZone: 'Europe/Berlin',
      capacityMinutes: 240,
      plannedMinutes: 0,
      remainingMinutes: 240,
      itemCount: 0,
      status: 'scheduled',
      scheduleId: ids.schedule,
      clientId: world.clientA.id,
    });
  });

  it('editing the schedule moves its windows still to come', async () => {
    const third = ok(
      await staff().patch(`${V1}/maintenance-schedules/${ids.schedule}`, {
        rule: { ...SECOND_TUESDAY, on: { kind: 'nth_weekday', nth: 3, weekday: 'TU' } },
        capacityMinutes: 180,
      }),
    );
    expect(third.description).toBe('Third Tuesday of every month, 18:00 for 4 h');
    let rows = await windowsOf(A());
    expect(rows).toHaveLength(12);
    expect(rows[0]!.starts_at.toISOString()).toBe('2026-03-17T17:00:00.000Z');
    expect(rows.every((w) => w.capacity_minutes === 180)).toBe(true);

    ok(
      await staff().patch(`${V1}/maintenance-schedules/${ids.schedule}`, {
        rule: SECOND_TUESDAY,
        capacityMinutes: 240,
      }),
    );
    rows = await windowsOf(A());
    expect(rows.map((w) => w.starts_at.toISOString()).slice(0, 2)).toEqual([
      '2026-03-10T17:00:00.000Z',
      '2026-04-14T16:00:00.000Z',
    ]);
    expect(rows).toHaveLength(12);
    ids.w1 = rows[0]!.id;
    ids.w2 = rows[1]!.id;
    ids.w3 = rows[2]!.id;
    // Client B gets windows of its own (for the tenancy checks below).
    ok(
      await staff().post(`${V1}/agreements/${world.clientB.retainerId}/maintenance-schedules`, {
        name: 'B maintenance',
        rule: SECOND_TUESDAY,
        capacityMinutes: 120,
      }),
      201,
    );
    ids.bWindow = (await windowsOf(world.clientB.retainerId))[0]!.id;
  });

  it('triage sends a ticket to the next window: planned, with one window_planned event', async () => {
    const ticket = await createTicket({ subject: 'Footer link colour', priority: 'low', requestType: 'bug' });
    ids.t1 = ticket.id;
    expect(await backlogOf(A())).toEqual([]);
    const triaged = ok(
      await staff().patch(`${V1}/tickets/${ticket.id}`, { nextWindow: true, estimateMinutes: 90 }),
    );
    expect(triaged).toMatchObject({ nextWindow: true, estimateMinutes: 90 });
    expect((await eventsOf(ticket.id, 'next_window_changed'))[0].data).toMatchObject({
      from: false,
      to: true,
    });
    expect((await eventsOf(ticket.id, 'effort_estimated'))[0].data).toMatchObject({ from: null, to: 90 });
    const planned = await eventsOf(ticket.id, 'window_planned');
    expect(planned.map((e) => e.data)).toEqual([
      { windowId: ids.w1, windowEndsAt: '2026-03-10T21:00:00.000Z', rollCount: 0 },
    ]);
    expect(planned[0].actorId).toBe(world.engineer.actor.userId);
    expect(await planRow(ticket.id)).toMatchObject({
      window_id: ids.w1,
      position: 1,
      roll_count: 0,
      first_window_id: ids.w1,
    });
    expect(await backlogOf(A())).toEqual([
      expect.objectContaining({
        ticketId: ticket.id,
        sizeMinutes: 90,
        sizeSource: 'ticket',
        rollCount: 0,
        position: 1,
        nextWindow: true,
        window: expect.objectContaining({ id: ids.w1, startsAt: '2026-03-10T17:00:00.000Z' }),
        unplannedReason: null,
      }),
    ]);

    // Planning again without a change appends nothing.
    ok(await staff().post(`${V1}/agreements/${A()}/maintenance-plan`));
    await app.tend.services.maintenance.planning.replan(A());
    expect(await eventsOf(ticket.id, 'window_planned')).toHaveLength(1);
  });

  it('the plan orders by priority within capacity; a pushed-out item rolls, and the events say so', async () => {
    ids.t2 = (await createTicket({ subject: 'Patch the CMS', priority: 'high', kind: 'maintenance' })).id;
    ids.t3 = (await createTicket({ subject: 'Renew TLS setup', priority: 'medium', kind: 'maintenance' })).id;
    ok(await staff().patch(`${V1}/tickets/${ids.t3}`, { estimateMinutes: 120 }));
    // High 60 (default size) + medium 120 fill W1 to 180; the low 90-minute item no longer fits → W2.
    const backlog = await backlogOf(A());
    expect(backlog.map((i) => [i.ticketId, i.window?.id, i.position, i.sizeMinutes, i.rollCount])).toEqual([
      [ids.t2, ids.w1, 1, 60, 0],
      [ids.t3, ids.w1, 2, 120, 0],
      [ids.t1, ids.w2, 1, 90, 1],
    ]);
    expect(backlog[0].sizeSource).toBe('default');
    expect((await eventsOf(ids.t1, 'window_planned')).map((e) => e.data)).toEqual([
      { windowId: ids.w1, windowEndsAt: '2026-03-10T21:00:00.000Z', rollCount: 0 },
      { windowId: ids.w2, windowEndsAt: '2026-04-14T20:00:00.000Z', rollCount: 1 },
    ]);
    expect(await eventsOf(ids.t2, 'window_planned')).toHaveLength(1);
    const w1 = ok(await staff().get(`${V1}/maintenance-windows/${ids.w1}`));
    expect(w1).toMatchObject({ plannedMinutes: 180, remainingMinutes: 60, itemCount: 2 });
    expect(w1.items.map((i: any) => [i.number, i.position, i.outcome])).toEqual([
      [expect.any(Number), 1, null],
      [expect.any(Number), 2, null],
    ]);

    // Taking t1 back out of the backlog frees its place: one event with no window.
    ok(
      await staff().patch(`${V1}/tickets/${ids.t1}`, {
        nextWindow: false,
        reason: 'fixed with the next deploy',
      }),
    );
    expect((await backlogOf(A())).map((i) => i.ticketId)).toEqual([ids.t2, ids.t3]);
    expect((await eventsOf(ids.t1, 'window_planned')).at(-1).data).toEqual({
      windowId: null,
      windowEndsAt: null,
      rollCount: 1,
    });
    expect(await planRow(ids.t1)).toMatchObject({ window_id: null, roll_count: 1 });
  });

  it('a chore due before the next window becomes one ticket at once', async () => {
    const chore = ok(
      await staff().post(`${V1}/agreements/${A()}/maintenance-chores`, {
        title: 'Update dependencies',
        cadenceMonths: 1,
        estimateMinutes: 45,
        nextDueOn: '2026-03-05',
      }),
      201,
    );
    ids.chore = chore.id;
    expect(chore).toMatchObject({ nextDueOn: '2026-04-05', priority: 'low', active: true });
    expect(chore.createdTicketId).toEqual(expect.any(String));
    ids.choreTicket = chore.createdTicketId;
    const ticket = ok(await staff().get(`${V1}/tickets/${ids.choreTicket}`));
    expect(ticket).toMatchObject({
      subject: 'Update dependencies',
      kind: 'maintenance',
      choreId: chore.id,
      estimateMinutes: 45,
      agreementId: A(),
    });
    // It has its SLA like any ticket, and its place in W1 (60 + 120 + 45 = 225 of 240).
    expect(ticket.sla).not.toBeNull();
    expect((await backlogOf(A())).map((i) => [i.ticketId, i.window?.id, i.choreDueOn])).toEqual([
      [ids.t2, ids.w1, null],
      [ids.t3, ids.w1, null],
      [ids.choreTicket, ids.w1, '2026-03-05'],
    ]);
    // A quarterly chore due after W1 waits.
    const later = ok(
      await staff().post(`${V1}/agreements/${A()}/maintenance-chores`, {
        title: 'Rotate secrets',
        cadenceMonths: 3,
        estimateMinutes: 30,
        priority: 'medium',
        nextDueOn: '2026-04-20',
      }),
      201,
    );
    ids.laterChore = later.id;
    expect(later).toMatchObject({ nextDueOn: '2026-04-20', createdTicketId: null });
    expect(ok(await staff().get(`${V1}/agreements/${A()}/maintenance-chores`)).items).toHaveLength(2);
  });

  it('rejects bad input with a 400 naming the field, and changes nothing', async () => {
    const before = {
      windows: (await windowsOf(A())).length,
      schedules: ok(await staff().get(`${V1}/agreements/${A()}/maintenance-schedules`)).items.length,
      chores: ok(await staff().get(`${V1}/agreements/${A()}/maintenance-chores`)).items.length,
      entries: ok(await staff().get(`${V1}/time-entries?agreementId=${A()}`)).items.length,
      ticket: ok(await staff().get(`${V1}/tickets/${ids.t2}`)),
    };
    expectInvalid(
      await staff().post(`${V1}/agreements/${A()}/maintenance-schedules`, {
        name: 'Fifth Tuesday',
        rule: { ...SECOND_TUESDAY, on: { kind: 'nth_weekday', nth: 5, weekday: 'TU' } },
        capacityMinutes: 240,
      }),
      'rule.on.nth',
    );
    expectInvalid(
      await staff().post(`${V1}/agreements/${A()}/maintenance-schedules`, {
        name: 'Bad time',
        rule: { ...SECOND_TUESDAY, startTime: '25:00' },
        capacityMinutes: 0,
      }),
      'capacityMinutes',
    );
    expectInvalid(
      await staff().post(`${V1}/agreements/${A()}/maintenance-chores`, {
        title: 'Never',
        cadenceMonths: 0,
        estimateMinutes: 30,
        nextDueOn: '2026-02-30',
      }),
      'cadenceMonths',
    );
    expectInvalid(
      await staff().post(`${V1}/agreements/${A()}/maintenance-windows`, {
        title: 'Backwards',
        startsAt: '2026-03-20T18:00:00Z',
        endsAt: '2026-03-20T17:00:00Z',
        capacityMinutes: 60,
      }),
      'endsAt',
    );
    expectInvalid(
      await staff().post(`${V1}/agreements/${A()}/maintenance-windows`, {
        title: 'Over already',
        startsAt: '2026-02-20T18:00:00Z',
        endsAt: '2026-02-20T19:00:00Z',
        capacityMinutes: 60,
      }),
      'endsAt',
    );
    expectInvalid(await staff().patch(`${V1}/tickets/${ids.t2}`, { nextWindow: 'yes' }), 'nextWindow');
    expectInvalid(await staff().patch(`${V1}/tickets/${ids.t2}`, { estimateMinutes: 0 }), 'estimateMinutes');
    // Time against another client's window, or a window that is not the agreement's.
    expectInvalid(
      await staff().post(`${V1}/time-entries`, {
        ticketId: ids.t2,
        windowId: ids.bWindow,
        date: '2026-03-02',
        minutes: 30,
        category: 'maintenance',
      }),
      'windowId',
    );
    expect({
      windows: (await windowsOf(A())).length,
      schedules: ok(await staff().get(`${V1}/agreements/${A()}/maintenance-schedules`)).items.length,
      chores: ok(await staff().get(`${V1}/agreements/${A()}/maintenance-chores`)).items.length,
      entries: ok(await staff().get(`${V1}/time-entries?agreementId=${A()}`)).items.length,
      ticket: ok(await staff().get(`${V1}/tickets/${ids.t2}`)),
    }).toEqual(before);
  });

  it('runs a window: start, new work waits, time logged, close → outcomes, notes, email and Slack', async () => {
    app.clock.set('2026-03-10T17:05:00Z');
    const started = ok(await staff().post(`${V1}/maintenance-windows/${ids.w1}/start`));
    expect(started).toMatchObject({
      status: 'in_progress',
      startedAt: '2026-03-10T17:05:00.000Z',
      itemCount: 3,
    });
    expectError409(await staff().post(`${V1}/maintenance-windows/${ids.w1}/start`));

    // Urgent maintenance raised during the window goes to the next one: a running window keeps its list.
    ids.t4 = (
      await createTicket({ subject: 'Disk nearly full', priority: 'critical', kind: 'maintenance' })
    ).id;
    expect((await planRow(ids.t4))?.window_id).toBe(ids.w2);

    const log = (body: Record<string, unknown>) =>
      staff().post(`${V1}/time-entries`, {
        date: '2026-03-10',
        category: 'maintenance',
        windowId: ids.w1,
        ...body,
      });
    const entry = ok(await log({ ticketId: ids.t2, minutes: 50 }), 201);
    expect(entry.windowId).toBe(ids.w1);
    ok(await log({ ticketId: ids.choreTicket, minutes: 40 }), 201);
    ok(await log({ agreementId: A(), minutes: 15, description: 'Deploy and smoke test' }), 201);
    expect(ok(await staff().get(`${V1}/time-entries?windowId=${ids.w1}`)).items).toHaveLength(3);

    app.clock.set('2026-03-10T19:00:00Z');
    ok(
      await staff().post(`${V1}/tickets/${ids.t2}/transitions`, { status: 'resolved', comment: 'Patched.' }),
    );
    ok(await staff().post(`${V1}/tickets/${ids.choreTicket}/transitions`, { status: 'resolved' }));
    // Resolved inside a running window, they stay its items.
    expect(ok(await staff().get(`${V1}/maintenance-windows/${ids.w1}`)).itemCount).toBe(3);

    app.clock.set('2026-03-10T21:00:00Z');
    const closed = ok(await staff().post(`${V1}/maintenance-windows/${ids.w1}/close`));
    const [t2, t3, chore] = await Promise.all(
      [ids.t2, ids.t3, ids.choreTicket].map(async (id) => ok(await staff().get(`${V1}/tickets/${id}`))),
    );
    expect(closed).toMatchObject({
      status: 'closed',
      closedAt: '2026-03-10T21:00:00.000Z',
      doneCount: 2,
      rolledCount: 1,
      minutesLogged: 105,
      hasReleaseNotes: true,
      time: { totalMinutes: 105, onItemsMinutes: 90, otherMinutes: 15 },
    });
    expect(closed.items.map((i: any) => [i.ticketId, i.outcome, i.minutesLogged])).toEqual([
      [ids.t2, 'done', 50],
      [ids.choreTicket, 'done', 40],
      [ids.t3, 'rolled', 0],
    ]);
    const outcomes = await db()
      .selectFrom('window_outcomes')
      .select(['ticket_id', 'outcome', 'minutes'])
      .where('window_id', '=', ids.w1)
      .orderBy('minutes', 'desc')
      .execute();
    expect(outcomes).toEqual([
      { ticket_id: ids.t2, outcome: 'done', minutes: 50 },
      { ticket_id: ids.choreTicket, outcome: 'done', minutes: 40 },
      { ticket_id: ids.t3, outcome: 'rolled', minutes: 0 },
    ]);

    const notes: string = closed.releaseNotes;
    expect(notes).toContain('Client client-a · Tuesday 10 March 2026, 18:00–22:00 (Europe/Berlin)');
    expect(notes).toContain(`- #${t2.number} Patch the CMS (50 min)`);
    expect(notes).toContain(`- #${chore.number} Update dependencies (40 min)`);
    expect(notes).toContain('1 h 45 min logged in this window.');
    expect(notes).toContain(`- #${t3.number} Renew TLS setup → Tuesday 14 April 2026`);

    // Rolled on into W2, counted once, with its event for the SLA engine.
    expect(await planRow(ids.t3)).toMatchObject({
      window_id: ids.w2,
      roll_count: 1,
      first_window_id: ids.w1,
    });
    expect((await eventsOf(ids.t3, 'window_planned')).at(-1).data).toEqual({
      windowId: ids.w2,
      windowEndsAt: '2026-04-14T20:00:00.000Z',
      rollCount: 1,
    });
    const rolled = (await backlogOf(A())).find((i) => i.ticketId === ids.t3);
    expect(rolled).toMatchObject({ rollCount: 1, window: { id: ids.w2 } });

    // Queued with the close: mail to client A's admin, and the Slack post.
    const mail = (await jobs('email.notify')).filter((job) => job.kind === 'release_notes');
    expect(mail).toEqual([
      expect.objectContaining({
        windowId: ids.w1,
        to: 'admin@client-a.test',
        subject: 'Release notes: Monthly maintenance (Client client-a)',
        text: notes,
        url: `http://tend.test/portal/maintenance/windows/${ids.w1}`,
      }),
    ]);
    expect(await jobs('maintenance.release_notes_slack')).toEqual([{ windowId: ids.w1 }]);

    // The Slack job posts the stored notes to the client's channel.
    expect(await app.tend.services.maintenance.planning.postReleaseNotesToSlack(ids.w1)).toEqual({
      posted: ['CCLIENTA'],
    });
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]).toMatchObject({ channel: 'CCLIENTA' });
    expect(String(slack.posts[0]!.text)).toContain('*Monthly maintenance*');
    expect(String(slack.posts[0]!.text)).toContain(`#${t2.number} Patch the CMS`);

    // Closing again is refused; the notes are never rewritten.
    expectError409(await staff().post(`${V1}/maintenance-windows/${ids.w1}/close`));
    expect(ok(await staff().get(`${V1}/maintenance-windows/${ids.w1}`)).releaseNotes).toBe(notes);
  });

  it('chores create their ticket once even when plan runs race', async () => {
    // W2 (14 April) passes without being run; the quarterly chore (due 20 April) is due for W3 (12 May).
    app.clock.set('2026-04-15T06:00:00Z');
    const runs = await Promise.all([
      app.tend.services.maintenance.planning.runDaily(),
      app.tend.services.maintenance.planning.runDaily(),
      staff().post(`${V1}/agreements/${A()}/maintenance-plan`),
      staff().post(`${V1}/agreements/${A()}/maintenance-plan`),
      // Triage at the same moment: a ticket command meeting a running planner must not deadlock.
      staff().patch(`${V1}/tickets/${ids.t4}`, { estimateMinutes: 50 }),
    ]);
    expect(runs.slice(2).map((response) => (response as ApiResponse).status)).toEqual([200, 200, 200]);
    // A re-plan left to the queue (if the command found the planner busy) settles the rest.
    await app.tend.services.maintenance.planning.replan(A());
    for (const ticketId of [ids.t3, ids.t4]) {
      const windows = (await eventsOf(ticketId, 'window_planned')).map((e) => e.data.windowId);
      // Each event records a change: never the same window twice in a row.
      expect(windows.every((windowId, index) => index === 0 || windowId !== windows[index - 1])).toBe(true);
    }
    const choreTickets = await db()
      .selectFrom('tickets')
      .select(['chore_id', 'chore_due_on'])
      .where('chore_id', 'is not', null)
      .orderBy('chore_id')
      .orderBy('chore_due_on')
      .execute();
    const byChore = (choreId: string) =>
      choreTickets.filter((t) => t.chore_id === choreId).map((t) => t.chore_due_on);
    // Monthly: March's at creation, April's when W1 closed (next window W2), May's now (next window W3).
    expect(byChore(ids.chore)).toEqual(['2026-03-05', '2026-04-05', '2026-05-05']);
    expect(byChore(ids.laterChore)).toEqual(['2026-04-20']);
    const chores = ok(await staff().get(`${V1}/agreements/${A()}/maintenance-chores`)).items;
    expect(Object.fromEntries(chores.map((c: any) => [c.id, c.nextDueOn]))).toEqual({
      [ids.chore]: '2026-06-05',
      [ids.laterChore]: '2026-07-20',
    });
    // W2 was missed: its items rolled on into W3 (t3 for the second time).
    expect(await planRow(ids.t3)).toMatchObject({ window_id: ids.w3, roll_count: 2 });
    expect(await planRow(ids.t4)).toMatchObject({ window_id: ids.w3, roll_count: 1 });
  });

  it('client users read their own windows, plan and notes; another client’s are not found', async () => {
    for (const user of [world.clientA.admin, world.clientA.member]) {
      const api = app.as(user);
      const windows = ok(
        await api.get(`${V1}/maintenance-windows?from=2026-03-01T00:00:00Z&to=2026-06-01T00:00:00Z`),
      ).items;
      expect(windows.map((w: any) => w.id)).toEqual([ids.w1, ids.w2, ids.w3]);
      expect(windows.every((w: any) => w.clientId === world.clientA.id)).toBe(true);
      expect(ok(await api.get(`${V1}/maintenance-windows?clientId=${world.clientB.id}`)).items).toEqual([]);
      expect(ok(await api.get(`${V1}/maintenance-windows/${ids.w1}`)).releaseNotes).toContain('## Done');
      const backlog = ok(await api.get(`${V1}/maintenance/backlog`)).items;
      expect(backlog.length).toBeGreaterThan(0);
      expect(backlog.every((i: any) => i.clientId === world.clientA.id)).toBe(true);

      for (const url of [
        `${V1}/maintenance-windows/${ids.bWindow}`,
        `${V1}/agreements/${world.clientB.retainerId}/maintenance-schedules`,
        `${V1}/agreements/${world.clientB.retainerId}/maintenance-chores`,
      ]) {
        const response = await api.get(url);
        expect(response.status, url).toBe(404);
        expect(response.body.error.code).toBe('not_found');
      }
      for (const url of [`/start`, `/cancel`, `/close`].map(
        (a) => `${V1}/maintenance-windows/${ids.bWindow}${a}`,
      ))
        expect((await api.post(url)).status, url).toBe(404);
      // Their own records, but agency work: refused by role.
      for (const [method, url, body] of [
        ['post', `${V1}/maintenance-windows/${ids.w3}/start`, {}],
        ['post', `${V1}/agreements/${A()}/maintenance-plan`, {}],
        ['get', `${V1}/agreements/${A()}/maintenance-schedules`, undefined],
        ['patch', `${V1}/maintenance-chores/${ids.chore}`, { title: 'Mine now' }],
        ['patch', `${V1}/tickets/${ids.t3}`, { nextWindow: false }],
      ] as const) {
        const response = method === 'get' ? await api.get(url) : await api[method](url, body);
        expect(response.status, url).toBe(403);
      }
    }
    expect((await windowsOf(A())).find((w) => w.id === ids.w3)?.status).toBe('scheduled');
  });

  it('cancelling a window moves its items on; a one-off window takes them', async () => {
    const oneOff = ok(
      await staff().post(`${V1}/agreements/${A()}/maintenance-windows`, {
        title: 'Extra window before the release',
        startsAt: '2026-04-28T16:00:00Z',
        endsAt: '2026-04-28T19:00:00Z',
        capacityMinutes: 120,
      }),
      201,
    );
    expect(oneOff).toMatchObject({ scheduleId: null, status: 'scheduled', capacityMinutes: 120 });
    // The one-off comes before W3: the critical t4 (60) and t3 (120 won't fit after it) move in by priority.
    expect((await planRow(ids.t4))?.window_id).toBe(oneOff.id);
    const cancelled = ok(await staff().post(`${V1}/maintenance-windows/${oneOff.id}/cancel`));
    expect(cancelled).toMatchObject({ status: 'cancelled', itemCount: 0 });
    expect(await planRow(ids.t4)).toMatchObject({ window_id: ids.w3, roll_count: 2 });
  });

  it('an item resolved before its window leaves it; one resolved in the window’s time stays, started or not', async () => {
    const later = (await backlogOf(A())).find((item) => item.window && item.window.id !== ids.w3);
    expect(later, 'an item planned after W3').toBeDefined();
    ok(await staff().post(`${V1}/tickets/${later.ticketId}/transitions`, { status: 'resolved' }));
    expect(await planRow(later.ticketId)).toMatchObject({ window_id: null });
    expect((await eventsOf(later.ticketId, 'window_planned')).at(-1).data.windowId).toBeNull();

    // W3's time has come but nobody pressed start: t4 is done anyway and stays in W3.
    app.clock.set('2026-05-12T16:30:00Z');
    ok(await staff().post(`${V1}/tickets/${ids.t4}/transitions`, { status: 'resolved' }));
    expect((await planRow(ids.t4))?.window_id).toBe(ids.w3);
    ok(await staff().post(`${V1}/maintenance-windows/${ids.w3}/start`));
    app.clock.set('2026-05-12T20:00:00Z');
    const closed = ok(await staff().post(`${V1}/maintenance-windows/${ids.w3}/close`));
    expect(closed.items.find((item: any) => item.ticketId === ids.t4)?.outcome).toBe('done');
    expect(closed.items.find((item: any) => item.ticketId === ids.t3)?.outcome).toBe('rolled');
    expect(await planRow(ids.t3)).toMatchObject({ roll_count: 3 });
  });
});

// Two sessions at once exist only on PostgreSQL (PGlite has one connection by design).
if (ENGINES.includes('postgres')) {
  describe('maintenance planning under a held planning lock (postgres)', () => {
    let app: TestApp;
    let world: World;
    let ticketId: string;

    beforeAll(async () => {
      app = await createTestApp('postgres', { now: '2026-03-02T08:00:00Z' });
      world = await buildWorld(app);
      const staff = app.as(world.engineer);
      ok(
        await staff.post(`${V1}/agreements/${world.clientA.retainerId}/maintenance-schedules`, {
          name: 'Monthly maintenance',
          rule: SECOND_TUESDAY,
          capacityMinutes: 240,
        }),
        201,
      );
      ticketId = ok(
        await staff.post(`${V1}/tickets`, {
          clientId: world.clientA.id,
          subject: 'Upgrade the database',
          kind: 'maintenance',
          priority: 'medium',
        }),
        201,
      ).id;
    });
    afterAll(async () => app?.close());

    it('a ticket change finds the planner busy: it commits at once and leaves the re-plan to a job', async () => {
      const agreementId = world.clientA.retainerId;
      const other = new pg.Client({ connectionString: app.database.url! });
      await other.connect();
      try {
        await other.query('begin');
        await other.query('select pg_advisory_xact_lock(7007, hashtext($1::text))', [agreementId]);
        const patched = await app
          .as(world.engineer)
          .patch(`${V1}/tickets/${ticketId}`, { estimateMinutes: 300 });
        expect(patched.status, JSON.stringify(patched.body)).toBe(200);
        const queued = await sql<{
          data: { agreementId: string };
        }>`select data from pgboss.job where name = 'maintenance.plan'`.execute(app.tend.services.deps.db);
        expect(queued.rows.map((row) => row.data)).toEqual([{ agreementId }]);
        // Not re-planned yet: still in the first window, though 300 minutes fit none.
        const row = await app.tend.services.deps.db
          .selectFrom('window_plan')
          .select('window_id')
          .where('ticket_id', '=', ticketId)
          .executeTakeFirstOrThrow();
        expect(row.window_id).not.toBeNull();
      } finally {
        await other.query('rollback');
        await other.end();
      }
      await app.tend.services.maintenance.planning.replan(agreementId);
      const backlog = ok(
        await app.as(world.engineer).get(`${V1}/maintenance/backlog?agreementId=${agreementId}`),
      );
      expect(backlog.items).toEqual([
        expect.objectContaining({
          ticketId,
          window: null,
          sizeMinutes: 300,
          unplannedReason: 'larger_than_any_window',
        }),
      ]);
    });
  });
}

function expectError409(response: ApiResponse): void {
  expect(response.status, JSON.stringify(response.body)).toBe(409);
  expect(response.body.error.code).toBe('invalid_transition');
}

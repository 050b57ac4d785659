import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaTiers } from '../../src/domain/sla/sla-policy';
import { ENGINES } from '../support/databases';
import { createTestApp, createUser, type ApiResponse, type TestApp } from '../support/test-app';
import { buildWorld, type TestClient, type World } from '../support/world';

/*
 * Expected instants are worked out by hand from the Berlin office calendar of the world fixture
 * (Mon–Fri 09:00–17:00 Europe/Berlin; holidays 2026-04-03 and 2026-04-06) and the default tiers:
 *   critical  response 120 business min   resolution end of the business day
 *   high      response 480                resolution 1440
 *   medium    response 1440               resolution 2400
 *   low       response 2400               resolution 9600
 * Berlin is UTC+1 until 2026-03-29 (09:00 = 08:00Z, 17:00 = 16:00Z), UTC+2 after (09:00 = 07:00Z, 17:00 = 15:00Z).
 */

const V1 = '/api/v1';

function ok(res: ApiResponse, status = 200): any {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

/** Asserts an error response and returns the paths of its field issues. */
function failed(res: ApiResponse, status: number, code: string): string[] {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  return ((res.body.error.details?.issues ?? []) as { path: string }[]).map((issue) => issue.path);
}

const idsOf = (res: ApiResponse): string[] => ok(res).items.map((ticket: { id: string }) => ticket.id);
const sorted = (ids: readonly string[]) => [...ids].sort();

describe.each(ENGINES)('tickets API on %s', (engine) => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-03-02T08:00:00Z' }); // Monday 09:00 Berlin
    world = await buildWorld(app);
  });
  afterAll(async () => app.close());

  const staff = () => app.as(world.engineer);
  const adminApi = () => app.as(world.admin);
  const member = () => app.as(world.clientA.member);
  const db = () => app.tend.services.deps.db;

  /** A client of its own (admin, member, 10-hour retainer on the standard policy), so lists can be isolated. */
  async function addClient(slug: string): Promise<TestClient> {
    const client = ok(
      await adminApi().post(`${V1}/clients`, { name: `Client ${slug}`, slug, timeZone: 'Europe/Berlin' }),
      201,
    );
    const retainer = ok(
      await adminApi().post(`${V1}/agreements`, {
        clientId: client.id,
        kind: 'retainer',
        name: 'Retainer',
        startsOn: '2026-01-01',
        slaPolicyId: world.policyId,
        terms: { monthlyHours: 10, rolloverMonths: 1, overageRateCents: 10000 },
        coverage: { covered: ['bug'], estimateRequired: [], changeWork: ['new_feature'] },
      }),
      201,
    );
    const user = (role: 'client_admin' | 'client_member') =>
      createUser(app, world.admin, {
        organizationId: client.id,
        email: `${role}@${slug}.test`,
        role,
      });
    return {
      id: client.id,
      admin: await user('client_admin'),
      member: await user('client_member'),
      retainerId: retainer.id,
    };
  }

  async function raise(body: Record<string, unknown>, as = member()): Promise<any> {
    return ok(await as.post(`${V1}/tickets`, { subject: 'Something is wrong', ...body }), 201);
  }

  async function get(id: string, as = staff()): Promise<any> {
    return ok(await as.get(`${V1}/tickets/${id}`));
  }

  async function events(id: string, as = staff()): Promise<any[]> {
    return ok(await as.get(`${V1}/tickets/${id}/events`)).items;
  }

  async function move(id: string, body: Record<string, unknown>, as = staff()): Promise<any> {
    return ok(await as.post(`${V1}/tickets/${id}/transitions`, body));
  }

  async function countRows(table: 'tickets' | 'ticket_events' | 'ticket_comments' | 'ticket_links') {
    const row = await db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  describe('creating tickets', () => {
    it('clocks a critical ticket from creation through acknowledgement to resolution', async () => {
      app.clock.set('2026-03-02T08:00:00Z'); // Monday 09:00 Berlin
      const created = await raise({
        subject: 'Shop down',
        body: 'HTTP 503 everywhere',
        priority: 'critical',
        requestType: 'incident',
      });
      expect(created).toMatchObject({
        clientId: world.clientA.id,
        agreementId: world.clientA.retainerId,
        requesterId: world.clientA.member.actor.userId,
        channel: 'portal',
        kind: 'support',
        status: 'new',
        priority: 'critical',
        coverage: 'covered',
        createdAt: '2026-03-02T08:00:00.000Z',
      });
      expect(created.sla).toMatchObject({
        policyId: world.policyId,
        priority: 'critical',
        nextDueAt: '2026-03-02T10:00:00.000Z',
        response: {
          target: { kind: 'business_minutes', minutes: 120 },
          targetMinutes: 120,
          dueAt: '2026-03-02T10:00:00.000Z', // 09:00 + 2 h
          status: 'running',
          phase: 'running',
          elapsedMinutes: 0,
        },
        resolution: {
          target: { kind: 'end_of_business_day' },
          targetMinutes: 480,
          dueAt: '2026-03-02T16:00:00.000Z', // 17:00 Berlin the same day
          status: 'running',
        },
      });

      app.clock.advanceMinutes(45);
      const acknowledged = await move(created.id, {
        status: 'acknowledged',
        comment: 'Database out of connections; restarting.',
      });
      expect(acknowledged.status).toBe('acknowledged');
      expect(acknowledged.sla.response).toMatchObject({
        status: 'met',
        phase: 'stopped',
        stoppedAt: '2026-03-02T08:45:00.000Z',
        elapsedMinutes: 45,
        breachedAt: null,
      });
      expect(acknowledged.sla.nextDueAt).toBe('2026-03-02T16:00:00.000Z');

      app.clock.set('2026-03-02T13:00:00Z');
      const resolved = await move(created.id, { status: 'resolved', comment: 'Pool size raised.' });
      expect(resolved.status).toBe('resolved');
      expect(resolved.resolvedAt).toBe('2026-03-02T13:00:00.000Z');
      expect(resolved.sla.resolution).toMatchObject({
        status: 'met',
        stoppedAt: '2026-03-02T13:00:00.000Z',
        elapsedMinutes: 300,
      });
      expect(resolved.sla.nextDueAt).toBeNull();

      const seenByClient = await get(created.id, member());
      expect(seenByClient.comments.map((c: any) => [c.body, c.assessment, c.byAgency])).toEqual([
        ['Database out of connections; restarting.', true, true],
        ['Pool size raised.', false, true],
      ]);
      // Another client's users do not learn that the ticket exists.
      expect((await app.as(world.clientB.member).get(`${V1}/tickets/${created.id}`)).status).toBe(404);
    });

    it('client users raise for their own organisation only', async () => {
      app.clock.set('2026-03-02T08:00:00Z');
      const res = await member().post(`${V1}/tickets`, { subject: 'Elsewhere', clientId: world.clientB.id });
      failed(res, 404, 'not_found');
      const own = await raise({ subject: 'Mine', clientId: world.clientA.id });
      expect(own.clientId).toBe(world.clientA.id);
      expect(own.priority).toBe('medium'); // the default
    });

    it('leaves triage to the agency: clients set neither kind nor assignee, and raise through portal or API', async () => {
      app.clock.set('2026-03-02T08:00:00Z');
      const before = await app.tend.services.deps.db.selectFrom('tickets').select('id').execute();
      const withKind = await member().post(`${V1}/tickets`, {
        subject: 'Triage myself',
        kind: 'maintenance',
      });
      failed(withKind, 403, 'forbidden');
      const withAssignee = await member().post(`${V1}/tickets`, {
        subject: 'Pick my engineer',
        assigneeId: world.engineer.actor.userId,
      });
      failed(withAssignee, 403, 'forbidden');
      const viaEmail = await member().post(`${V1}/tickets`, { subject: 'Pretend mail', channel: 'email' });
      expect(failed(viaEmail, 400, 'invalid_input')).toEqual(['channel']);
      const after = await app.tend.services.deps.db.selectFrom('tickets').select('id').execute();
      expect(after).toHaveLength(before.length);
      const viaApi = await raise({ subject: 'From our monitoring script', channel: 'api' });
      expect(viaApi.channel).toBe('api');
    });

    it('agency staff must name the client; the agreement decides coverage and change work', async () => {
      app.clock.set('2026-03-02T08:00:00Z');
      const missing = await staff().post(`${V1}/tickets`, { subject: 'No client', requestType: 'bug' });
      expect(failed(missing, 400, 'invalid_input')).toEqual(['clientId']);

      const client = world.clientA.id;
      const estimate = await raise({ clientId: client, requestType: 'medium_enhancement' }, staff());
      expect(estimate).toMatchObject({
        coverage: 'estimate_required',
        kind: 'support',
        channel: 'api',
        requesterId: null,
        clientId: client,
      });

      const change = await raise(
        { clientId: client, requestType: 'new_feature', kind: 'maintenance', channel: 'email' },
        staff(),
      );
      expect(change).toMatchObject({ coverage: 'change_work', kind: 'change', channel: 'email' });

      const covered = await raise(
        { clientId: client, requestType: 'bug', requesterId: world.clientA.admin.actor.userId },
        staff(),
      );
      expect(covered).toMatchObject({ coverage: 'covered', requesterId: world.clientA.admin.actor.userId });

      expect((await raise({ clientId: client, requestType: 'data_migration' }, staff())).coverage).toBe(
        'not_listed',
      );
      expect((await raise({ clientId: client }, staff())).coverage).toBeNull();

      const foreignRequester = await staff().post(`${V1}/tickets`, {
        subject: 'x',
        clientId: client,
        requesterId: world.clientB.member.actor.userId,
      });
      expect(failed(foreignRequester, 400, 'invalid_input')).toEqual(['requesterId']);
    });

    it('a rejected create changes nothing: assigning a client user leaves no ticket and no event', async () => {
      app.clock.set('2026-03-02T08:00:00Z');
      const [tickets, eventRows] = [await countRows('tickets'), await countRows('ticket_events')];
      const res = await staff().post(`${V1}/tickets`, {
        clientId: world.clientA.id,
        subject: 'Assigned to the wrong person',
        assigneeId: world.clientA.admin.actor.userId,
      });
      expect(failed(res, 400, 'invalid_input')).toEqual(['assigneeId']);
      expect(await countRows('tickets')).toBe(tickets);
      expect(await countRows('ticket_events')).toBe(eventRows);
      const leftover = await db()
        .selectFrom('tickets')
        .select('id')
        .where('subject', '=', 'Assigned to the wrong person')
        .execute();
      expect(leftover).toEqual([]);
    });
  });

  describe('SLA clocks', () => {
    it('the response clock stops at the first public staff reply carrying an assessment', async () => {
      app.clock.set('2026-03-02T08:00:00Z');
      const ticket = await raise({ subject: 'Checkout slow', priority: 'high', requestType: 'bug' });
      expect(ticket.sla.response.dueAt).toBe('2026-03-02T16:00:00.000Z'); // 09:00 + 8 h
      expect(ticket.sla.resolution.dueAt).toBe('2026-03-04T16:00:00.000Z'); // three business days

      app.clock.set('2026-03-02T08:20:00Z');
      const internal = ok(
        await staff().post(`${V1}/tickets/${ticket.id}/comments`, {
          body: 'Looks like the cache.',
          visibility: 'internal',
        }),
        201,
      );
      expect(internal.sla.response.status).toBe('running');

      app.clock.set('2026-03-02T08:40:00Z');
      const plain = ok(
        await staff().post(`${V1}/tickets/${ticket.id}/comments`, { body: 'We are looking into it.' }),
        201,
      );
      expect(plain.status).toBe('new');
      expect(plain.sla.response.status).toBe('running');

      app.clock.set('2026-03-02T08:50:00Z');
      const fromClient = ok(
        await member().post(`${V1}/tickets/${ticket.id}/comments`, { body: 'Any news?' }),
        201,
      );
      expect(fromClient.status).toBe('new'); // only a waiting ticket moves when the client writes
      expect(fromClient.sla.response.status).toBe('running');

      // An assessment must be public, and only staff acknowledge.
      const hidden = await staff().post(`${V1}/tickets/${ticket.id}/comments`, {
        body: 'x',
        visibility: 'internal',
        assessment: true,
      });
      expect(failed(hidden, 400, 'invalid_input')).toEqual(['visibility']);
      failed(
        await member().post(`${V1}/tickets/${ticket.id}/comments`, { body: 'x', assessment: true }),
        403,
        'forbidden',
      );

      app.clock.set('2026-03-02T09:30:00Z');
      const assessed = ok(
        await staff().post(`${V1}/tickets/${ticket.id}/comments`, {
          body: 'The product cache is cold after the deploy; warming it now.',
          assessment: true,
        }),
        201,
      );
      expect(assessed.status).toBe('acknowledged');
      expect(assessed.sla.response).toMatchObject({
        status: 'met',
        stoppedAt: '2026-03-02T09:30:00.000Z',
        elapsedMinutes: 90,
      });
      expect(assessed.sla.resolution).toMatchObject({
        status: 'running',
        dueAt: '2026-03-04T16:00:00.000Z',
      });

      // A second assessment is a plain reply: the response clock stopped once.
      app.clock.set('2026-03-02T10:00:00Z');
      ok(
        await staff().post(`${V1}/tickets/${ticket.id}/comments`, { body: 'Update', assessment: true }),
        201,
      );
      const history = await events(ticket.id);
      expect(history.filter((e) => e.type === 'acknowledged').map((e) => e.at)).toEqual([
        '2026-03-02T09:30:00.000Z',
      ]);
      expect((await get(ticket.id)).sla.response.stoppedAt).toBe('2026-03-02T09:30:00.000Z');
      // The client does not see the internal note, nor its event.
      const clientView = await get(ticket.id, member());
      expect(clientView.comments.map((c: any) => c.body)).not.toContain('Looks like the cache.');
      expect(clientView.comments).toHaveLength(4);
      expect((await get(ticket.id)).comments).toHaveLength(5);
      const clientEvents = await events(ticket.id, member());
      expect(clientEvents.filter((e) => e.type === 'comment_added')).toHaveLength(4);
      failed(
        await member().post(`${V1}/tickets/${ticket.id}/comments`, { body: 'x', visibility: 'internal' }),
        403,
        'forbidden',
      );
    });

    it('both clocks pause while waiting on the client and resume overnight when the client replies', async () => {
      app.clock.set('2026-03-02T08:00:00Z'); // Monday 09:00
      const ticket = await raise({ subject: 'Export broken', priority: 'medium', requestType: 'bug' });
      expect(ticket.sla.response.dueAt).toBe('2026-03-04T16:00:00.000Z'); // Wed 17:00
      expect(ticket.sla.resolution.dueAt).toBe('2026-03-06T16:00:00.000Z'); // Fri 17:00

      app.clock.set('2026-03-02T10:00:00Z'); // Monday 11:00
      const waiting = await move(ticket.id, { status: 'waiting_on_client', comment: 'Which browser?' });
      expect(waiting.status).toBe('waiting_on_client');
      expect(waiting.sla.response).toMatchObject({ status: 'paused', phase: 'paused', elapsedMinutes: 120 });
      expect(waiting.sla.resolution).toMatchObject({ status: 'paused', phase: 'paused' });
      expect(waiting.sla.nextDueAt).toBeNull();

      app.clock.set('2026-03-02T12:00:00Z'); // a staff reply does not end the wait
      const nudged = ok(
        await staff().post(`${V1}/tickets/${ticket.id}/comments`, { body: 'Any screenshot helps.' }),
        201,
      );
      expect(nudged.status).toBe('waiting_on_client');
      expect(nudged.sla.response.phase).toBe('paused');

      app.clock.set('2026-03-02T14:00:00Z'); // Monday 15:00: paused 4 business hours so far
      const during = await get(ticket.id);
      expect(during.sla.response).toMatchObject({
        status: 'paused',
        pausedMinutes: 240,
        elapsedMinutes: 120,
        dueAt: '2026-03-05T12:00:00.000Z', // Wed 17:00 + 4 h = Thu 13:00, if the pause ended now
      });
      expect(during.sla.resolution.dueAt).toBe('2026-03-09T12:00:00.000Z'); // Fri 17:00 + 4 h = Mon 13:00

      app.clock.set('2026-03-03T10:00:00Z'); // Tuesday 11:00: paused Mon 11–17 + Tue 9–11 = 480 min
      const replied = ok(
        await member().post(`${V1}/tickets/${ticket.id}/comments`, { body: 'Firefox 140.' }),
        201,
      );
      expect(replied.status).toBe('in_progress');
      expect(replied.sla.response).toMatchObject({
        status: 'running',
        pausedMinutes: 480,
        elapsedMinutes: 120,
        dueAt: '2026-03-05T16:00:00.000Z', // one business day later: Thu 17:00
      });
      expect(replied.sla.resolution).toMatchObject({
        status: 'running',
        pausedMinutes: 480,
        dueAt: '2026-03-09T16:00:00.000Z', // Mon 17:00
      });
      const last = (await events(ticket.id)).at(-1);
      expect(last).toMatchObject({
        type: 'status_changed',
        at: '2026-03-03T10:00:00.000Z',
        actorId: world.clientA.member.actor.userId,
        data: { from: 'waiting_on_client', to: 'in_progress', reason: 'client replied' },
      });
    });

    it('a pause over a weekend counts only the business time of the pause', async () => {
      app.clock.set('2026-03-05T14:00:00Z'); // Thursday 15:00
      const ticket = await raise({ subject: 'Invoices missing', priority: 'high', requestType: 'bug' });
      expect(ticket.sla.response.dueAt).toBe('2026-03-06T14:00:00.000Z'); // Thu 2 h + Fri 6 h → Fri 15:00
      expect(ticket.sla.resolution.dueAt).toBe('2026-03-10T14:00:00.000Z'); // 2 + 8 + 8 + 6 h → Tue 15:00

      app.clock.set('2026-03-05T15:00:00Z');
      await move(ticket.id, { status: 'acknowledged', comment: 'Mail queue stuck, investigating.' });
      app.clock.set('2026-03-06T15:00:00Z'); // Friday 16:00
      await move(ticket.id, { status: 'waiting_on_client', comment: 'Please confirm the invoice numbers.' });

      app.clock.set('2026-03-09T09:00:00Z'); // Monday 10:00: paused Fri 16–17 + Mon 9–10 = 120 min
      const replied = ok(
        await member().post(`${V1}/tickets/${ticket.id}/comments`, { body: 'INV-1 to INV-9.' }),
        201,
      );
      expect(replied.status).toBe('in_progress');
      expect(replied.sla.response).toMatchObject({ status: 'met', stoppedAt: '2026-03-05T15:00:00.000Z' });
      expect(replied.sla.resolution).toMatchObject({
        status: 'running',
        pausedMinutes: 120,
        elapsedMinutes: 540, // Thu 15–17 + Fri 9–16
        dueAt: '2026-03-10T16:00:00.000Z', // Tue 15:00 + 2 h
      });
    });

    it('a priority change re-targets from creation and keeps the elapsed time; PATCH records events', async () => {
      app.clock.set('2026-03-02T08:00:00Z');
      const ticket = await raise({ subject: 'Search results wrong', priority: 'low', requestType: 'bug' });
      expect(ticket.sla.response.dueAt).toBe('2026-03-06T16:00:00.000Z'); // five business days
      expect(ticket.sla.resolution.dueAt).toBe('2026-03-27T16:00:00.000Z'); // twenty business days

      app.clock.set('2026-03-02T11:00:00Z'); // Monday 12:00: 180 min elapsed
      const raised = ok(
        await staff().patch(`${V1}/tickets/${ticket.id}`, {
          priority: 'high',
          reason: 'Affects every EU customer',
        }),
      );
      expect(raised.priority).toBe('high');
      expect(raised.sla.priority).toBe('high');
      expect(raised.sla.response).toMatchObject({
        target: { kind: 'business_minutes', minutes: 480 },
        dueAt: '2026-03-02T16:00:00.000Z', // from creation: Mon 17:00
        status: 'running',
        elapsedMinutes: 180,
        usedFraction: 0.375,
      });
      expect(raised.sla.resolution).toMatchObject({
        dueAt: '2026-03-04T16:00:00.000Z',
        elapsedMinutes: 180,
        usedFraction: 0.125,
      });

      app.clock.set('2026-03-02T11:10:00Z');
      const changed = ok(
        await staff().patch(`${V1}/tickets/${ticket.id}`, {
          kind: 'maintenance',
          assigneeId: world.engineer.actor.userId,
          reason: 'Index rebuild',
        }),
      );
      expect(changed).toMatchObject({ kind: 'maintenance', assigneeId: world.engineer.actor.userId });
      const history = await events(ticket.id);
      expect(history.slice(1).map((e) => [e.type, e.at, e.data])).toEqual([
        [
          'priority_changed',
          '2026-03-02T11:00:00.000Z',
          { from: 'low', to: 'high', reason: 'Affects every EU customer' },
        ],
        [
          'kind_changed',
          '2026-03-02T11:10:00.000Z',
          { from: 'support', to: 'maintenance', reason: 'Index rebuild' },
        ],
        [
          'assignee_changed',
          '2026-03-02T11:10:00.000Z',
          { from: null, to: world.engineer.actor.userId, reason: 'Index rebuild' },
        ],
      ]);

      // Unassigning works; a client user cannot be assigned, and that refusal changes nothing at all.
      const before = await countRows('ticket_events');
      const refused = await staff().patch(`${V1}/tickets/${ticket.id}`, {
        priority: 'critical',
        assigneeId: world.clientA.member.actor.userId,
      });
      expect(failed(refused, 400, 'invalid_input')).toEqual(['assigneeId']);
      expect(await countRows('ticket_events')).toBe(before);
      expect(await get(ticket.id)).toMatchObject({
        priority: 'high',
        assigneeId: world.engineer.actor.userId,
      });
      expect(
        ok(await staff().patch(`${V1}/tickets/${ticket.id}`, { assigneeId: null })).assigneeId,
      ).toBeNull();

      failed(await member().patch(`${V1}/tickets/${ticket.id}`, { priority: 'critical' }), 403, 'forbidden');
      failed(await staff().patch(`${V1}/tickets/${ticket.id}`, {}), 400, 'invalid_input');
    });

    it('raising the priority after the new due passed breaches at the change; lowering keeps the breach', async () => {
      app.clock.set('2026-03-02T08:00:00Z');
      const ticket = await raise({ subject: 'Reports time out', priority: 'low', requestType: 'bug' });

      app.clock.set('2026-03-03T09:00:00Z'); // Tuesday 10:00: 540 business min elapsed
      const raised = ok(await staff().patch(`${V1}/tickets/${ticket.id}`, { priority: 'critical' }));
      expect(raised.sla.response).toMatchObject({
        target: { kind: 'business_minutes', minutes: 120 },
        dueAt: '2026-03-02T10:00:00.000Z',
        status: 'breached',
        breachedAt: '2026-03-03T09:00:00.000Z', // the change instant, not back-dated to the due
      });
      expect(raised.sla.resolution).toMatchObject({
        target: { kind: 'end_of_business_day' },
        targetMinutes: 480,
        dueAt: '2026-03-02T16:00:00.000Z',
        status: 'breached',
        breachedAt: '2026-03-03T09:00:00.000Z',
      });

      app.clock.set('2026-03-03T10:00:00Z');
      const lowered = ok(await staff().patch(`${V1}/tickets/${ticket.id}`, { priority: 'low' }));
      expect(lowered.sla.response).toMatchObject({
        target: { kind: 'business_minutes', minutes: 2400 },
        dueAt: '2026-03-06T16:00:00.000Z',
        status: 'breached',
        phase: 'running',
        breachedAt: '2026-03-03T09:00:00.000Z',
      });
      expect(lowered.sla.resolution).toMatchObject({
        dueAt: '2026-03-27T16:00:00.000Z',
        status: 'breached',
        breachedAt: '2026-03-03T09:00:00.000Z',
      });
    });

    it('reopening resumes the resolution clock; time spent resolved is not counted', async () => {
      app.clock.set('2026-03-02T08:00:00Z');
      const ticket = await raise({ subject: 'Login loop', priority: 'high', requestType: 'bug' });
      app.clock.set('2026-03-02T08:30:00Z');
      await move(ticket.id, { status: 'acknowledged', comment: 'Session cookie domain is wrong.' });
      app.clock.set('2026-03-02T12:00:00Z'); // Monday 13:00
      const resolved = await move(ticket.id, { status: 'resolved', comment: 'Fixed the cookie domain.' });
      expect(resolved.sla.resolution).toMatchObject({
        status: 'met',
        stoppedAt: '2026-03-02T12:00:00.000Z',
        elapsedMinutes: 240,
        dueAt: '2026-03-04T16:00:00.000Z',
      });

      app.clock.set('2026-03-03T09:00:00Z'); // Tuesday 10:00: resolved for Mon 13–17 + Tue 9–10 = 300 min
      const reopened = await move(
        ticket.id,
        { status: 'in_progress', comment: 'Still looping on Safari.' },
        member(),
      );
      expect(reopened.status).toBe('in_progress');
      expect(reopened.resolvedAt).toBeNull();
      expect(reopened.sla.resolution).toMatchObject({
        status: 'running',
        phase: 'running',
        stoppedAt: null,
        pausedMinutes: 300,
        elapsedMinutes: 240,
        dueAt: '2026-03-05T13:00:00.000Z', // Wed 17:00 + 5 h = Thu 14:00 Berlin
      });
      expect(reopened.sla.response).toMatchObject({ status: 'met', stoppedAt: '2026-03-02T08:30:00.000Z' });
      expect((await events(ticket.id)).at(-1)).toMatchObject({
        type: 'status_changed',
        data: { from: 'resolved', to: 'in_progress', reopened: true },
      });
    });

    it('a ticket raised on Saturday starts counting on Monday 09:00', async () => {
      app.clock.set('2026-03-07T11:00:00Z'); // Saturday 12:00 Berlin
      const high = await raise({ subject: 'Weekend bug', priority: 'high', requestType: 'bug' });
      expect(high.sla.response.dueAt).toBe('2026-03-09T16:00:00.000Z'); // Mon 09:00 + 8 h
      expect(high.sla.resolution.dueAt).toBe('2026-03-11T16:00:00.000Z'); // Wed 17:00
      const critical = await raise({
        subject: 'Weekend outage',
        priority: 'critical',
        requestType: 'incident',
      });
      expect(critical.sla.response.dueAt).toBe('2026-03-09T10:00:00.000Z'); // Mon 11:00
      // End of business day: the close of the next business day, a full 8 h.
      expect(critical.sla.resolution).toMatchObject({
        dueAt: '2026-03-09T16:00:00.000Z',
        targetMinutes: 480,
      });

      app.clock.set('2026-03-08T20:00:00Z'); // Sunday evening: nothing counted yet
      const sunday = await get(critical.id);
      expect(sunday.sla.response).toMatchObject({ status: 'running', elapsedMinutes: 0 });
      app.clock.set('2026-03-09T09:00:00Z'); // Monday 10:00
      expect((await get(critical.id)).sla.response.elapsedMinutes).toBe(60);
    });

    it('critical resolution is due at the end of the business day the ticket was raised', async () => {
      app.clock.set('2026-03-02T13:00:00Z'); // Monday 14:00
      const afternoon = await raise({
        subject: 'Payments failing',
        priority: 'critical',
        requestType: 'incident',
      });
      expect(afternoon.sla.response.dueAt).toBe('2026-03-02T15:00:00.000Z'); // 16:00 Berlin
      expect(afternoon.sla.resolution).toMatchObject({
        target: { kind: 'end_of_business_day' },
        targetMinutes: 180,
        dueAt: '2026-03-02T16:00:00.000Z',
      });

      app.clock.set('2026-03-02T15:00:00Z'); // Monday 16:00: one business hour left today
      const late = await raise({
        subject: 'Payments failing again',
        priority: 'critical',
        requestType: 'incident',
      });
      expect(late.sla.resolution).toMatchObject({ targetMinutes: 60, dueAt: '2026-03-02T16:00:00.000Z' });
      expect(late.sla.response.dueAt).toBe('2026-03-03T09:00:00.000Z'); // 1 h today + 1 h Tuesday
    });

    it('holidays of the calendar do not count (Easter 2026, summer time)', async () => {
      app.clock.set('2026-04-02T14:00:00Z'); // Thursday 16:00 CEST, before Good Friday
      const ticket = await raise({ subject: 'Easter bug', priority: 'high', requestType: 'bug' });
      // 1 h on Thursday, Good Friday, weekend and Easter Monday closed, 7 h on Tuesday.
      expect(ticket.sla.response.dueAt).toBe('2026-04-07T14:00:00.000Z');
      // 1 h Thu + 8 h Tue + 8 h Wed + 7 h Thu 9 April.
      expect(ticket.sla.resolution.dueAt).toBe('2026-04-09T14:00:00.000Z');
    });
  });

  describe('transitions, comments and links', () => {
    it('impossible transitions are refused with 409 and append nothing', async () => {
      app.clock.set('2026-03-10T08:00:00Z');
      const ticket = await raise({ subject: 'Typo on the home page', priority: 'low' });
      const eventCount = async () => (await events(ticket.id)).length;
      const initial = await eventCount();

      const same = await staff().post(`${V1}/tickets/${ticket.id}/transitions`, { status: 'new' });
      failed(same, 409, 'invalid_transition');
      expect(same.body.error.details).toEqual({ from: 'new', to: 'new' });

      const bare = await staff().post(`${V1}/tickets/${ticket.id}/transitions`, { status: 'acknowledged' });
      expect(failed(bare, 400, 'invalid_input')).toEqual(['comment']);
      failed(
        await member().post(`${V1}/tickets/${ticket.id}/transitions`, {
          status: 'acknowledged',
          comment: 'ok',
        }),
        403,
        'forbidden',
      );
      // Clients cannot resolve their own ticket.
      failed(
        await member().post(`${V1}/tickets/${ticket.id}/transitions`, { status: 'resolved' }),
        409,
        'invalid_transition',
      );
      expect(await eventCount()).toBe(initial);
      expect((await get(ticket.id)).comments).toEqual([]);

      app.clock.set('2026-03-10T08:30:00Z');
      const closed = await move(ticket.id, { status: 'closed', reason: 'duplicate' });
      expect(closed.status).toBe('closed');
      const afterClose = await eventCount();
      const backwards = await staff().post(`${V1}/tickets/${ticket.id}/transitions`, {
        status: 'resolved',
        comment: 'should not be stored',
      });
      failed(backwards, 409, 'invalid_transition');
      expect(backwards.body.error.details).toEqual({ from: 'closed', to: 'resolved' });
      failed(
        await member().post(`${V1}/tickets/${ticket.id}/transitions`, { status: 'in_progress' }),
        409,
        'invalid_transition',
      );
      expect(await eventCount()).toBe(afterClose);
      expect((await get(ticket.id)).comments).toEqual([]);
      expect((await get(ticket.id)).status).toBe('closed');

      // Staff may reopen a closed ticket.
      app.clock.set('2026-03-10T09:00:00Z');
      expect((await move(ticket.id, { status: 'in_progress' })).status).toBe('in_progress');
    });

    it('a follow-up is linked to its incident and shows on both tickets', async () => {
      app.clock.set('2026-03-10T09:00:00Z');
      const incident = await raise({ subject: 'Outage', priority: 'critical', requestType: 'incident' });
      const followUp = await raise(
        { clientId: world.clientA.id, subject: 'Root cause: connection pool', priority: 'low' },
        staff(),
      );
      const link = ok(
        await staff().post(`${V1}/tickets/${incident.id}/links`, {
          ticketId: followUp.id,
          kind: 'follow_up',
        }),
        201,
      );
      expect(link).toMatchObject({ fromTicketId: incident.id, toTicketId: followUp.id, kind: 'follow_up' });

      expect((await get(incident.id, member())).links).toEqual([
        {
          direction: 'outgoing',
          kind: 'follow_up',
          ticket: { id: followUp.id, number: followUp.number, subject: followUp.subject, status: 'new' },
          createdAt: '2026-03-10T09:00:00.000Z',
        },
      ]);
      expect((await get(followUp.id)).links).toEqual([
        {
          direction: 'incoming',
          kind: 'follow_up',
          ticket: { id: incident.id, number: incident.number, subject: 'Outage', status: 'new' },
          createdAt: '2026-03-10T09:00:00.000Z',
        },
      ]);
      expect((await events(incident.id)).at(-1)).toMatchObject({
        type: 'linked',
        data: { ticketId: followUp.id, kind: 'follow_up' },
      });
      expect((await events(followUp.id)).at(-1)).toMatchObject({
        type: 'linked_from',
        data: { ticketId: incident.id, kind: 'follow_up' },
      });

      const otherClient = await raise({ subject: 'Elsewhere' }, app.as(world.clientB.member));
      const links = await countRows('ticket_links');
      const eventRows = await countRows('ticket_events');
      const self = await staff().post(`${V1}/tickets/${incident.id}/links`, { ticketId: incident.id });
      expect(failed(self, 400, 'invalid_input')).toEqual(['ticketId']);
      const again = await staff().post(`${V1}/tickets/${incident.id}/links`, {
        ticketId: followUp.id,
        kind: 'follow_up',
      });
      failed(again, 409, 'conflict');
      const reverse = await staff().post(`${V1}/tickets/${followUp.id}/links`, {
        ticketId: incident.id,
        kind: 'related',
      });
      failed(reverse, 409, 'conflict');
      const crossing = await staff().post(`${V1}/tickets/${incident.id}/links`, { ticketId: otherClient.id });
      expect(failed(crossing, 400, 'invalid_input')).toEqual(['ticketId']);
      failed(
        await member().post(`${V1}/tickets/${incident.id}/links`, { ticketId: followUp.id }),
        403,
        'forbidden',
      );
      expect(await countRows('ticket_links')).toBe(links);
      expect(await countRows('ticket_events')).toBe(eventRows);
    });
  });

  describe('listing', () => {
    it('filters by status, priority, kind, assignee, mine, open and client', async () => {
      const client = await addClient('filters');
      app.clock.set('2026-03-10T08:00:00Z');
      const asMember = app.as(client.member);
      const t1 = await raise(
        { subject: 'L1', priority: 'high', assigneeId: world.engineer.actor.userId, clientId: client.id },
        staff(),
      );
      const t2 = await raise(
        {
          subject: 'L2',
          priority: 'low',
          kind: 'maintenance',
          clientId: client.id,
          requesterId: client.member.actor.userId,
        },
        staff(),
      );
      const t3 = await raise(
        {
          subject: 'L3',
          priority: 'medium',
          requestType: 'new_feature',
          assigneeId: world.admin.actor.userId,
          clientId: client.id,
        },
        staff(),
      );
      const t4 = await raise(
        { subject: 'L4', priority: 'critical', assigneeId: world.engineer.actor.userId, clientId: client.id },
        staff(),
      );
      app.clock.set('2026-03-10T08:10:00Z');
      await move(t2.id, { status: 'acknowledged', comment: 'Scheduled for Friday.' });
      await move(t3.id, { status: 'resolved' });
      await move(t4.id, { status: 'waiting_on_client', comment: 'Can you reproduce?' });

      const list = (query: string, as = staff()) => as.get(`${V1}/tickets?clientId=${client.id}&${query}`);
      expect(sorted(idsOf(await list('')))).toEqual(sorted([t1.id, t2.id, t3.id, t4.id]));
      expect(idsOf(await list('status=resolved'))).toEqual([t3.id]);
      expect(sorted(idsOf(await list('status=new,waiting_on_client')))).toEqual(sorted([t1.id, t4.id]));
      expect(sorted(idsOf(await list('status=new&status=acknowledged')))).toEqual(sorted([t1.id, t2.id]));
      expect(sorted(idsOf(await list('priority=critical,low')))).toEqual(sorted([t2.id, t4.id]));
      expect(idsOf(await list('kind=change'))).toEqual([t3.id]);
      expect(idsOf(await list('kind=maintenance'))).toEqual([t2.id]);
      expect(sorted(idsOf(await list('kind=support')))).toEqual(sorted([t1.id, t4.id]));
      expect(sorted(idsOf(await list(`assigneeId=${world.engineer.actor.userId}`)))).toEqual(
        sorted([t1.id, t4.id]),
      );
      expect(sorted(idsOf(await list('mine=true')))).toEqual(sorted([t1.id, t4.id]));
      expect(idsOf(await list('mine=true', adminApi()))).toEqual([t3.id]);
      expect(sorted(idsOf(await list('open=true')))).toEqual(sorted([t1.id, t2.id, t4.id]));
      expect(idsOf(await list('open=true&priority=high&mine=true'))).toEqual([t1.id]);
      // Client users see their organisation only, whatever they ask for.
      expect(sorted(idsOf(await asMember.get(`${V1}/tickets`)))).toEqual(
        sorted([t1.id, t2.id, t3.id, t4.id]),
      );
      expect(idsOf(await member().get(`${V1}/tickets?clientId=${client.id}`))).toEqual([]);
      // Newest first.
      expect(idsOf(await list('sort=newest&priority=high,critical'))).toEqual(
        // Same creation instant: id descending breaks the tie.
        [t1.id, t4.id].sort().reverse(),
      );
      failed(await list('status=pending'), 400, 'invalid_input');
      failed(await list('limit=0'), 400, 'invalid_input');
    });

    it('keyset paging hands out every ticket exactly once; a bad cursor is a 400', async () => {
      const client = await addClient('paging');
      const raiseFor = (body: Record<string, unknown>) => raise({ clientId: client.id, ...body }, staff());
      app.clock.set('2026-03-10T08:00:00Z');
      const all: string[] = [];
      for (const priority of ['high', 'high', 'low', 'medium', 'critical', 'critical', 'low', 'high']) {
        all.push((await raiseFor({ subject: `P ${priority}`, priority })).id);
      }
      app.clock.set('2026-03-10T08:05:00Z');
      for (const priority of ['medium', 'high', 'low'])
        all.push((await raiseFor({ subject: 'later', priority })).id);
      app.clock.set('2026-03-10T08:10:00Z');
      await move(all[4]!, { status: 'waiting_on_client', comment: 'Need logs.' }); // paused: sorts last
      await move(all[6]!, { status: 'resolved' }); // no clock runs
      await move(all[9]!, { status: 'closed' });

      const walk = async (query: string, limit: number) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
          const page = ok(
            await staff().get(`${V1}/tickets?clientId=${client.id}&limit=${limit}&${query}${suffix}`),
          );
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map((t: { id: string }) => t.id));
          cursor = page.nextCursor;
          pages += 1;
          expect(pages).toBeLessThan(20);
        } while (cursor);
        return seen;
      };
      for (const query of ['sort=queue', 'sort=newest', 'open=true', 'open=true&sort=newest']) {
        const whole = idsOf(await staff().get(`${V1}/tickets?clientId=${client.id}&limit=200&${query}`));
        for (const limit of [1, 2, 3]) {
          const paged = await walk(query, limit);
          expect(new Set(paged).size, `${query} limit ${limit}`).toBe(paged.length);
          expect(paged, `${query} limit ${limit}`).toEqual(whole);
        }
        const expected = query.includes('open') ? all.filter((_, i) => i !== 6 && i !== 9) : all;
        expect(sorted(whole)).toEqual(sorted(expected));
      }
      // The last page says there is no more.
      expect(ok(await staff().get(`${V1}/tickets?clientId=${client.id}&limit=11`)).nextCursor).toBeNull();

      const newestCursor = ok(
        await staff().get(`${V1}/tickets?clientId=${client.id}&limit=1&sort=newest`),
      ).nextCursor;
      const queueCursor = ok(await staff().get(`${V1}/tickets?clientId=${client.id}&limit=1`)).nextCursor;
      const wrongShape = Buffer.from(JSON.stringify(['x', 1])).toString('base64url');
      for (const [cursor, sort] of [
        ['not-a-cursor', 'queue'],
        ['not-a-cursor', 'newest'],
        [wrongShape, 'queue'],
        [newestCursor, 'queue'],
        [queueCursor, 'newest'],
      ]) {
        const res = await staff().get(`${V1}/tickets?sort=${sort}&cursor=${encodeURIComponent(cursor)}`);
        expect(failed(res, 400, 'invalid_input')).toEqual(['cursor']);
      }
    });

    it('the open queue orders by the earliest upcoming SLA deadline, critical first on ties', async () => {
      const client = await addClient('queue');
      const raiseFor = (body: Record<string, unknown>) => raise({ clientId: client.id, ...body }, staff());
      app.clock.set('2026-03-09T08:00:00Z'); // Monday 09:00
      const high = await raiseFor({ subject: 'high', priority: 'high' }); // response due 16:00Z
      const medium = await raiseFor({ subject: 'medium', priority: 'medium' }); // response due Wed 16:00Z
      const low = await raiseFor({ subject: 'low', priority: 'low' }); // response due Fri 16:00Z
      const paused = await raiseFor({ subject: 'paused', priority: 'critical' }); // response due 10:00Z
      const done = await raiseFor({ subject: 'done', priority: 'high' });
      app.clock.set('2026-03-09T08:30:00Z');
      await move(paused.id, { status: 'waiting_on_client', comment: 'Need VPN access.' });
      await move(done.id, { status: 'resolved', comment: 'Config fixed.' });
      app.clock.set('2026-03-09T09:00:00Z'); // Monday 10:00
      const critical = await raiseFor({ subject: 'critical', priority: 'critical' });
      app.clock.set('2026-03-09T09:15:00Z');
      await move(critical.id, { status: 'acknowledged', comment: 'On it.' }); // only resolution runs: 16:00Z
      app.clock.set('2026-03-09T09:30:00Z');
      const urgent = await raiseFor({ subject: 'urgent', priority: 'critical' }); // response due 11:30Z

      const queue = async () => {
        const body = ok(await staff().get(`${V1}/tickets?clientId=${client.id}&open=true`));
        return body.items.map((t: any) => [t.subject, t.sla.nextDueAt]);
      };
      expect(await queue()).toEqual([
        ['urgent', '2026-03-09T11:30:00.000Z'],
        ['critical', '2026-03-09T16:00:00.000Z'], // ties with "high": critical first
        ['high', '2026-03-09T16:00:00.000Z'],
        ['medium', '2026-03-11T16:00:00.000Z'],
        ['low', '2026-03-13T16:00:00.000Z'],
        ['paused', null],
      ]);

      app.clock.set('2026-03-09T10:00:00Z'); // Monday 11:00
      await move(high.id, { status: 'resolved', comment: 'Done.' });
      // The client answers: paused 08:30–10:00Z, so its response is due 10:00Z + 90 min = 11:30Z, tying with
      // "urgent" (same tier); the older ticket goes first.
      ok(
        await app.as(client.member).post(`${V1}/tickets/${paused.id}/comments`, { body: 'Access granted.' }),
        201,
      );
      expect(await queue()).toEqual([
        ['paused', '2026-03-09T11:30:00.000Z'],
        ['urgent', '2026-03-09T11:30:00.000Z'],
        ['critical', '2026-03-09T16:00:00.000Z'],
        ['medium', '2026-03-11T16:00:00.000Z'],
        ['low', '2026-03-13T16:00:00.000Z'],
      ]);
      expect(sorted(idsOf(await staff().get(`${V1}/tickets?clientId=${client.id}&status=resolved`)))).toEqual(
        sorted([high.id, done.id]),
      );
      // Explicit sort=queue is the default.
      expect(idsOf(await staff().get(`${V1}/tickets?clientId=${client.id}&open=true&sort=queue`))).toEqual([
        paused.id,
        urgent.id,
        critical.id,
        medium.id,
        low.id,
      ]);
    });
  });

  describe('history import with an explicit at', () => {
    it('an agency admin replays a ticket history; the SLA is derived from the given instants', async () => {
      app.clock.set('2026-03-11T11:00:00Z'); // Wednesday 12:00 Berlin
      const created = ok(
        await adminApi().post(`${V1}/tickets`, {
          clientId: world.clientA.id,
          subject: 'Imported: newsletter bounces',
          priority: 'medium',
          requestType: 'bug',
          channel: 'email',
          at: '2026-03-09T08:00:00Z', // Monday 09:00
        }),
        201,
      );
      expect(created.createdAt).toBe('2026-03-09T08:00:00.000Z');
      expect(created.sla.response.dueAt).toBe('2026-03-11T16:00:00.000Z');
      const id = created.id;

      const comment = ok(
        await adminApi().post(`${V1}/tickets/${id}/comments`, {
          body: 'Looking.',
          at: '2026-03-09T10:00:00Z',
        }),
        201,
      );
      expect(comment.comments.at(-1).createdAt).toBe('2026-03-09T10:00:00.000Z');
      const acknowledged = ok(
        await adminApi().post(`${V1}/tickets/${id}/transitions`, {
          status: 'acknowledged',
          comment: 'SPF record missing.',
          at: '2026-03-09T12:00:00+01:00', // an offset other than Z: Monday 12:00 Berlin
        }),
      );
      expect(acknowledged.sla.response).toMatchObject({
        status: 'met',
        stoppedAt: '2026-03-09T11:00:00.000Z',
        elapsedMinutes: 180,
      });
      const patched = ok(
        await adminApi().patch(`${V1}/tickets/${id}`, { priority: 'high', at: '2026-03-09T13:00:00Z' }),
      );
      // The high resolution target (1440) counts from creation: Wed 17:00.
      expect(patched.sla.resolution).toMatchObject({ dueAt: '2026-03-11T16:00:00.000Z', status: 'running' });
      const resolved = ok(
        await adminApi().post(`${V1}/tickets/${id}/transitions`, {
          status: 'resolved',
          at: '2026-03-10T10:00:00Z', // Tuesday 11:00
        }),
      );
      expect(resolved.resolvedAt).toBe('2026-03-10T10:00:00.000Z');
      expect(resolved.sla.resolution).toMatchObject({
        status: 'met',
        stoppedAt: '2026-03-10T10:00:00.000Z',
        elapsedMinutes: 600, // Mon 8 h + Tue 2 h
      });
      expect((await events(id)).map((e) => [e.type, e.at])).toEqual([
        ['created', '2026-03-09T08:00:00.000Z'],
        ['comment_added', '2026-03-09T10:00:00.000Z'],
        ['comment_added', '2026-03-09T11:00:00.000Z'],
        ['acknowledged', '2026-03-09T11:00:00.000Z'],
        ['status_changed', '2026-03-09T11:00:00.000Z'],
        ['priority_changed', '2026-03-09T13:00:00.000Z'],
        ['status_changed', '2026-03-10T10:00:00.000Z'],
      ]);

      const entry = ok(
        await adminApi().post(`${V1}/time-entries`, {
          ticketId: id,
          date: '2026-03-10',
          minutes: 45,
          category: 'bugfix',
          at: '2026-03-10T10:30:00Z',
        }),
        201,
      );
      expect(entry).toMatchObject({
        agreementId: world.clientA.retainerId,
        createdAt: '2026-03-10T10:30:00.000Z',
      });

      // Before the ticket's last event: refused, nothing appended.
      const eventRows = await countRows('ticket_events');
      const early = await adminApi().post(`${V1}/tickets/${id}/transitions`, {
        status: 'closed',
        at: '2026-03-10T09:59:00Z',
      });
      expect(failed(early, 400, 'invalid_input')).toEqual(['at']);
      const earlyComment = await adminApi().post(`${V1}/tickets/${id}/comments`, {
        body: 'late note',
        at: '2026-03-09T09:00:00Z',
      });
      expect(failed(earlyComment, 400, 'invalid_input')).toEqual(['at']);
      const earlyPatch = await adminApi().patch(`${V1}/tickets/${id}`, {
        priority: 'low',
        at: '2026-03-09T09:00:00Z',
      });
      expect(failed(earlyPatch, 400, 'invalid_input')).toEqual(['at']);
      expect(await countRows('ticket_events')).toBe(eventRows);
      expect((await get(id)).comments.map((c: any) => c.body)).not.toContain('late note');
      // At the instant of the last event is fine.
      expect(
        ok(
          await adminApi().post(`${V1}/tickets/${id}/transitions`, {
            status: 'closed',
            at: '2026-03-10T10:00:00Z',
          }),
        ).status,
      ).toBe('closed');
    });

    it('only agency admins give an explicit time, and never one in the future', async () => {
      app.clock.set('2026-03-11T11:00:00Z');
      const ticket = await raise({ subject: 'Plain ticket', priority: 'low' });
      const at = '2026-03-11T10:00:00Z';
      const tickets = await countRows('tickets');
      const eventRows = await countRows('ticket_events');
      failed(
        await staff().post(`${V1}/tickets`, { clientId: world.clientA.id, subject: 'x', at }),
        403,
        'forbidden',
      );
      failed(
        await staff().post(`${V1}/tickets/${ticket.id}/transitions`, { status: 'in_progress', at }),
        403,
        'forbidden',
      );
      failed(await staff().post(`${V1}/tickets/${ticket.id}/comments`, { body: 'x', at }), 403, 'forbidden');
      failed(await staff().patch(`${V1}/tickets/${ticket.id}`, { priority: 'high', at }), 403, 'forbidden');
      failed(
        await member().post(`${V1}/tickets/${ticket.id}/comments`, { body: 'x', at: '2026-03-11T11:00:00Z' }),
        403,
        'forbidden',
      );
      failed(
        await staff().post(`${V1}/time-entries`, {
          ticketId: ticket.id,
          date: '2026-03-11',
          minutes: 30,
          category: 'bugfix',
          at,
        }),
        403,
        'forbidden',
      );

      const future = '2026-03-11T11:00:01Z';
      const create = await adminApi().post(`${V1}/tickets`, {
        clientId: world.clientA.id,
        subject: 'x',
        at: future,
      });
      expect(failed(create, 400, 'invalid_input')).toEqual(['at']);
      const transition = await adminApi().post(`${V1}/tickets/${ticket.id}/transitions`, {
        status: 'in_progress',
        at: future,
      });
      expect(failed(transition, 400, 'invalid_input')).toEqual(['at']);
      const entry = await adminApi().post(`${V1}/time-entries`, {
        ticketId: ticket.id,
        date: '2026-03-11',
        minutes: 30,
        category: 'bugfix',
        at: future,
      });
      expect(failed(entry, 400, 'invalid_input')).toEqual(['at']);
      expect(await countRows('tickets')).toBe(tickets);
      expect(await countRows('ticket_events')).toBe(eventRows);
      expect((await get(ticket.id)).status).toBe('new');
    });
  });

  describe('estimates on a pay-as-you-go agreement', () => {
    it('staff estimate, the client admin approves once, the ticket waits on the client meanwhile', async () => {
      app.clock.set('2026-03-12T09:00:00Z');
      const clientRes = ok(
        await adminApi().post(`${V1}/clients`, {
          name: 'Payg Co',
          slug: 'payg-co',
          timeZone: 'Europe/Berlin',
        }),
        201,
      );
      const agreement = ok(
        await adminApi().post(`${V1}/agreements`, {
          clientId: clientRes.id,
          kind: 'payg',
          name: 'Pay as you go',
          startsOn: '2026-03-01',
          terms: { hourlyRateCents: 9500 },
          coverage: {
            covered: ['bug'],
            estimateRequired: ['medium_enhancement'],
            changeWork: ['new_feature'],
          },
        }),
        201,
      );
      const clientAdmin = await createUser(app, world.admin, {
        organizationId: clientRes.id,
        email: 'admin@payg-co.test',
        role: 'client_admin',
      });
      const clientMember = await createUser(app, world.admin, {
        organizationId: clientRes.id,
        email: 'member@payg-co.test',
        role: 'client_member',
      });

      const ticket = await raise(
        { subject: 'Add a CSV export', requestType: 'medium_enhancement' },
        app.as(clientMember),
      );
      expect(ticket).toMatchObject({ agreementId: agreement.id, coverage: 'estimate_required', sla: null });
      // Pay-as-you-go work always needs an estimate, even for a type on the covered list.
      expect((await raise({ subject: 'A bug', requestType: 'bug' }, app.as(clientMember))).coverage).toBe(
        'estimate_required',
      );

      failed(
        await app.as(clientMember).post(`${V1}/tickets/${ticket.id}/estimates`, { minutes: 100 }),
        403,
        'forbidden',
      );
      app.clock.set('2026-03-12T10:00:00Z');
      const estimate = ok(
        await staff().post(`${V1}/tickets/${ticket.id}/estimates`, {
          minutes: 100,
          note: 'Export and tests',
        }),
        201,
      );
      // 100 min / 60 × 95.00 = 158.333… → 158.33
      expect(estimate).toMatchObject({
        ticketId: ticket.id,
        agreementId: agreement.id,
        minutes: 100,
        amountCents: 15833,
        status: 'pending',
        requestedBy: world.engineer.actor.userId,
      });
      expect((await get(ticket.id)).status).toBe('waiting_on_client');

      failed(await app.as(clientMember).post(`${V1}/estimates/${estimate.id}/approve`), 403, 'forbidden');
      failed(await staff().post(`${V1}/estimates/${estimate.id}/approve`), 403, 'forbidden');
      failed(
        await app.as(world.clientA.admin).post(`${V1}/estimates/${estimate.id}/approve`),
        404,
        'not_found',
      );
      expect((await get(ticket.id)).status).toBe('waiting_on_client');

      app.clock.set('2026-03-12T11:00:00Z');
      const approved = ok(
        await app.as(clientAdmin).post(`${V1}/estimates/${estimate.id}/approve`, { note: 'Go ahead' }),
      );
      expect(approved).toMatchObject({
        status: 'approved',
        decidedBy: clientAdmin.actor.userId,
        decidedAt: '2026-03-12T11:00:00.000Z',
        decisionNote: 'Go ahead',
      });
      expect((await get(ticket.id)).status).toBe('in_progress');
      const eventRows = await countRows('ticket_events');
      failed(
        await app.as(clientAdmin).post(`${V1}/estimates/${estimate.id}/approve`),
        409,
        'invalid_transition',
      );
      failed(
        await app.as(clientAdmin).post(`${V1}/estimates/${estimate.id}/decline`),
        409,
        'invalid_transition',
      );
      expect(await countRows('ticket_events')).toBe(eventRows);
      expect(
        ok(await app.as(clientMember).get(`${V1}/estimates?ticketId=${ticket.id}`)).items.map(
          (e: any) => e.status,
        ),
      ).toEqual(['approved']);
      expect((await events(ticket.id)).map((e) => [e.type, e.data.to ?? e.data.decision ?? null])).toEqual([
        ['created', null],
        ['estimate_requested', null],
        ['status_changed', 'waiting_on_client'],
        ['estimate_decided', 'approved'],
        ['status_changed', 'in_progress'],
      ]);
    });
  });
});

// Keep the default tiers this file reasons from in view: a change there must fail loudly here.
it('reasons from the default SLA tiers', () => {
  const tiers = defaultSlaTiers();
  expect([tiers.critical.response, tiers.high.response, tiers.medium.response, tiers.low.response]).toEqual([
    { kind: 'business_minutes', minutes: 120 },
    { kind: 'business_minutes', minutes: 480 },
    { kind: 'business_minutes', minutes: 1440 },
    { kind: 'business_minutes', minutes: 2400 },
  ]);
  expect([
    tiers.critical.resolution,
    tiers.high.resolution,
    tiers.medium.resolution,
    tiers.low.resolution,
  ]).toEqual([
    { kind: 'end_of_business_day' },
    { kind: 'business_minutes', minutes: 1440 },
    { kind: 'business_minutes', minutes: 2400 },
    { kind: 'business_minutes', minutes: 9600 },
  ]);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/databases';
import { createTestApp, type ApiResponse, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/*
 * Client A (Europe/Berlin, standard policy on the Berlin office calendar). Worked out by hand:
 *
 *   T1 critical  created Mon 03-02 09:00 CET. Response due 10:00 (08:00Z), acknowledged 08:30Z: met.
 *                Resolution due 17:00 (16:00Z), resolved 14:00Z: met.
 *   T2 high      created 03-02 08:00Z. Response due 16:00Z, acknowledged Tue 09:00Z: breached at 16:00Z.
 *                Resolution due Wed 03-04 16:00Z, resolved 03-04 11:00Z: met.
 *   T3 medium    created 03-02 08:00Z. Response due Wed 03-04 16:00Z, acknowledged 09:00Z: met.
 *                Resolution due Fri 03-06 16:00Z, resolved Mon 03-09 08:00Z: breached at 03-06 16:00Z.
 *   T6 low→high  created 03-02 08:00Z, raised to high Tue 03-03 09:00Z (540 business min in): response due
 *                03-02 16:00Z, breached at the change (03-03 09:00Z). Resolution due 03-04 16:00Z, resolved
 *                03-03 10:00Z: met. Reported under its current tier, high.
 *   T4 medium    created Tue 03-31 09:00 CEST (07:00Z). Response due Thu 04-02 15:00Z, acknowledged
 *                04-01 07:30Z: met. Resolution: 3 days to Thu 04-02, Good Friday and Easter Monday closed,
 *                due Wed 04-08 15:00Z, never resolved: breached then.
 *   T5 high      created 03-31 07:00Z. Response due 03-31 15:00Z, acknowledged 13:00Z: met.
 *                Resolution due Thu 04-02 15:00Z, resolved 04-02 08:00Z: met.
 *   T7 low       created Thu 04-09 07:00Z. Response due Wed 04-15 15:00Z: open on 04-09.
 *                Resolution due in May.
 *
 * Client Tokyo (Asia/Tokyo) on the same Berlin calendar:
 *   K critical   created Tue 03-31 14:00 CEST (12:00Z). Response due 16:00 CEST = 14:00Z = 23:00 JST (March),
 *                acknowledged 12:30Z: met. Resolution due 17:00 CEST = 15:00Z = 00:00 JST on April 1 (April),
 *                resolved 13:30Z: met.
 */

const V1 = '/api/v1';

function ok(res: ApiResponse, status = 200): any {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

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
const none = clock(0, 0, 0, 0, null);

describe.each(ENGINES)('SLA report on %s', (engine) => {
  let app: TestApp;
  let world: World;
  const t: Record<string, { id: string; number: number }> = {};
  let tokyo: { id: string };

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-03-02T08:00:00Z' }); // Monday 09:00 Berlin
    world = await buildWorld(app);
  });
  afterAll(async () => app.close());

  const staff = () => app.as(world.engineer);
  const at = (instant: string) => app.clock.set(instant);
  const raise = async (name: string, body: Record<string, unknown>, as = app.as(world.clientA.member)) => {
    const created = ok(await as.post(`${V1}/tickets`, { subject: name, requestType: 'bug', ...body }), 201);
    t[name] = { id: created.id, number: created.number };
  };
  const move = async (name: string, status: string, comment?: string) =>
    ok(await staff().post(`${V1}/tickets/${t[name]!.id}/transitions`, { status, comment }));
  const report = async (clientId: string, month: string, as = staff()) =>
    ok(await as.get(`${V1}/reports/sla?clientId=${clientId}&month=${month}`));
  const tiersOf = (body: any) =>
    Object.fromEntries(body.tiers.map((tier: any) => [tier.priority, [tier.response, tier.resolution]]));
  const breachesOf = (body: any) =>
    body.breaches
      .map((b: any) => ({ ticketId: b.ticketId, clock: b.clock, dueAt: b.dueAt, breachedAt: b.breachedAt }))
      .sort((a: any, b: any) => a.breachedAt.localeCompare(b.breachedAt) || a.clock.localeCompare(b.clock));

  it('builds the March history', async () => {
    at('2026-03-02T08:00:00Z');
    await raise('T1', { priority: 'critical', requestType: 'incident' });
    await raise('T2', { priority: 'high' });
    await raise('T3', { priority: 'medium' });
    await raise('T6', { priority: 'low' });
    at('2026-03-02T08:30:00Z');
    await move('T1', 'acknowledged', 'Restarting the workers.');
    at('2026-03-02T09:00:00Z');
    await move('T3', 'acknowledged', 'Reproduced.');
    at('2026-03-02T14:00:00Z');
    await move('T1', 'resolved');
    at('2026-03-03T09:00:00Z');
    const late = await move('T2', 'acknowledged', 'Sorry for the wait.');
    expect(late.sla.response).toMatchObject({ status: 'breached', breachedAt: '2026-03-02T16:00:00.000Z' });
    const raised = ok(
      await staff().patch(`${V1}/tickets/${t.T6!.id}`, { priority: 'high', reason: 'More users affected' }),
    );
    expect(raised.sla.response).toMatchObject({ status: 'breached', breachedAt: '2026-03-03T09:00:00.000Z' });
    at('2026-03-03T10:00:00Z');
    await move('T6', 'resolved');
    at('2026-03-04T11:00:00Z');
    await move('T2', 'resolved');
    at('2026-03-09T08:00:00Z');
    const overdue = await move('T3', 'resolved');
    expect(overdue.sla.resolution).toMatchObject({
      status: 'breached',
      breachedAt: '2026-03-06T16:00:00.000Z',
    });
    at('2026-03-31T07:00:00Z'); // Tuesday 09:00 CEST
    await raise('T4', { priority: 'medium' });
    await raise('T5', { priority: 'high' });
  });

  it('reports March per tier and in total, with every breach', async () => {
    at('2026-03-31T12:00:00Z');
    const march = await report(world.clientA.id, '2026-03');
    expect(march).toMatchObject({
      clientId: world.clientA.id,
      month: '2026-03',
      timeZone: 'Europe/Berlin',
      from: '2026-02-28T23:00:00.000Z', // 1 March 00:00 CET
      to: '2026-03-31T22:00:00.000Z', // 1 April 00:00 CEST
      generatedAt: '2026-03-31T12:00:00.000Z',
    });
    expect(march.tiers.map((tier: any) => tier.priority)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(tiersOf(march)).toEqual({
      critical: [clock(1, 1, 0, 0, 100), clock(1, 1, 0, 0, 100)],
      // T5's response is due at 15:00Z today and still running: open, left out of the percentage.
      high: [clock(3, 0, 2, 1, 0), clock(2, 2, 0, 0, 100)],
      medium: [clock(1, 1, 0, 0, 100), clock(1, 0, 1, 0, 0)],
      low: [none, none],
    });
    expect(march.total).toEqual({ response: clock(5, 2, 2, 1, 50), resolution: clock(4, 3, 1, 0, 75) });
    expect(breachesOf(march)).toEqual([
      {
        ticketId: t.T2!.id,
        clock: 'response',
        dueAt: '2026-03-02T16:00:00.000Z',
        breachedAt: '2026-03-02T16:00:00.000Z',
      },
      {
        ticketId: t.T6!.id,
        clock: 'response',
        dueAt: '2026-03-02T16:00:00.000Z',
        breachedAt: '2026-03-03T09:00:00.000Z', // the priority change, not back-dated
      },
      {
        ticketId: t.T3!.id,
        clock: 'resolution',
        dueAt: '2026-03-06T16:00:00.000Z',
        breachedAt: '2026-03-06T16:00:00.000Z',
      },
    ]);
    expect(march.breaches.find((b: any) => b.ticketId === t.T6!.id)).toMatchObject({
      number: t.T6!.number,
      priority: 'high',
    });

    // Clients read their own report; another client's is not found.
    expect((await report(world.clientA.id, '2026-03', app.as(world.clientA.member))).total).toEqual(
      march.total,
    );
    const foreign = await app
      .as(world.clientB.member)
      .get(`${V1}/reports/sla?clientId=${world.clientA.id}&month=2026-03`);
    expect(foreign.status).toBe(404);
    expect((await staff().get(`${V1}/reports/sla?clientId=${world.clientA.id}&month=2026-3`)).status).toBe(
      400,
    );
  });

  it('re-derives the report from history: an open clock met later counts as met', async () => {
    at('2026-03-31T13:00:00Z');
    await move('T5', 'acknowledged', 'Looking into it.');
    const march = await report(world.clientA.id, '2026-03');
    expect(tiersOf(march).high).toEqual([clock(3, 1, 2, 0, 33.3), clock(2, 2, 0, 0, 100)]);
    expect(march.total.response).toEqual(clock(5, 3, 2, 0, 60));
  });

  it('month boundaries are the client’s local midnight', async () => {
    const api = app.as(world.admin);
    tokyo = ok(
      await api.post(`${V1}/clients`, { name: 'Tokyo KK', slug: 'tokyo', timeZone: 'Asia/Tokyo' }),
      201,
    );
    ok(
      await api.post(`${V1}/agreements`, {
        clientId: tokyo.id,
        kind: 'retainer',
        name: 'Retainer',
        startsOn: '2026-01-01',
        slaPolicyId: world.policyId,
        terms: { monthlyHours: 5, overageRateCents: 10000 },
        coverage: { covered: ['incident'] },
      }),
      201,
    );
    at('2026-03-31T12:00:00Z');
    await raise('K', { clientId: tokyo.id, priority: 'critical', requestType: 'incident' }, staff());
    at('2026-03-31T12:30:00Z');
    const acknowledged = await move('K', 'acknowledged', 'On it.');
    expect(acknowledged.sla.response.dueAt).toBe('2026-03-31T14:00:00.000Z');
    expect(acknowledged.sla.resolution.dueAt).toBe('2026-03-31T15:00:00.000Z');
    at('2026-03-31T13:30:00Z');
    await move('K', 'resolved');

    const march = await report(tokyo.id, '2026-03');
    expect(march).toMatchObject({
      timeZone: 'Asia/Tokyo',
      from: '2026-02-28T15:00:00.000Z',
      to: '2026-03-31T15:00:00.000Z',
    });
    // The response fell due at 23:00 on 31 March in Tokyo; the resolution at 00:00 on 1 April.
    expect(march.total).toEqual({ response: clock(1, 1, 0, 0, 100), resolution: none });
    const april = await report(tokyo.id, '2026-04');
    expect(april).toMatchObject({ from: '2026-03-31T15:00:00.000Z', to: '2026-04-30T15:00:00.000Z' });
    expect(april.total).toEqual({ response: none, resolution: clock(1, 1, 0, 0, 100) });
    expect(tiersOf(april).critical).toEqual([none, clock(1, 1, 0, 0, 100)]);
  });

  it('a ticket created in March and due in April counts in April', async () => {
    at('2026-04-01T07:30:00Z');
    await move('T4', 'acknowledged', 'Planned for tomorrow.');
    at('2026-04-02T08:00:00Z');
    await move('T5', 'resolved');
    at('2026-04-09T07:00:00Z'); // Thursday 09:00 CEST
    await raise('T7', { priority: 'low' });
    at('2026-04-09T10:00:00Z');

    const april = await report(world.clientA.id, '2026-04');
    expect(april).toMatchObject({ from: '2026-03-31T22:00:00.000Z', to: '2026-04-30T22:00:00.000Z' });
    expect(tiersOf(april)).toEqual({
      critical: [none, none],
      high: [none, clock(1, 1, 0, 0, 100)], // T5's resolution
      medium: [clock(1, 1, 0, 0, 100), clock(1, 0, 1, 0, 0)], // T4
      low: [clock(1, 0, 0, 1, null), none], // T7's response, due next week
    });
    expect(april.total).toEqual({ response: clock(2, 1, 0, 1, 100), resolution: clock(2, 1, 1, 0, 50) });
    expect(breachesOf(april)).toEqual([
      {
        ticketId: t.T4!.id,
        clock: 'resolution',
        dueAt: '2026-04-08T15:00:00.000Z',
        breachedAt: '2026-04-08T15:00:00.000Z',
      },
    ]);

    // March is unchanged by April's events: T4 and T5's resolutions never counted there.
    const march = await report(world.clientA.id, '2026-03');
    expect(march.total).toEqual({ response: clock(5, 3, 2, 0, 60), resolution: clock(4, 3, 1, 0, 75) });
  });
});

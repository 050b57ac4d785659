import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/databases';
import { createTestApp, type ApiResponse, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/*
 * GET /clients/health, every figure worked out by hand. Clients A and B (world fixture): Europe/Berlin,
 * 10-hour retainers (600 min) from January 2026 with one month of rollover, the standard policy on the
 * Berlin office calendar (09:00–17:00 Mon–Fri).
 *
 * Client A tickets (raised by its member, requestType bug, under the retainer):
 *   T1 critical  Mon 03-02 08:00Z. Response due 10:00Z, acknowledged 08:30Z: met. Resolution end of business
 *                day 16:00Z, resolved 14:00Z: met.
 *   T2 high      03-02 08:00Z, never touched. Response due 03-02 16:00Z, resolution due Wed 03-04 16:00Z:
 *                both breached by now. Open.
 *   T4 medium    03-02 08:00Z. Response due 03-04 16:00Z, acknowledged 03-02 09:00Z: met. Resolution due
 *                Fri 03-06 16:00Z, resolved Mon 03-09 08:00Z: breached.
 *   T3 low       Tue 03-17 08:00Z. Response due Mon 03-23 16:00Z: open. Resolution due in April. Open.
 *   March: response met 2 (T1, T4), breached 1 (T2), open 1 (T3) → 66.7 %;
 *          resolution met 1 (T1), breached 2 (T2, T4) → 33.3 %. Open tickets 2, breached 1 (T2).
 *
 * Client A time: 02-10 300 billable; 03-05 240 billable; 03-06 60 non-billable.
 *   February: January's 600 roll in; the 300 draw from January's bucket (oldest first) → available 1200,
 *   used 300, remaining 900 (January's 300 expiring, February's 600).
 *   March: January's bucket expired, February's 600 roll in → available 1200; 240 drawn → remaining 960;
 *   billable 240 (the non-billable hour draws nothing).
 * Client B time: 03-10 1300 billable → available 1200 (600 rolled in from February), 1200 drawn plus 100
 *   overage → used 1300, remaining 0, overage 100.
 * Pay-as-you-go Co (Berlin): payg agreement; 03-11 90 billable, 03-12 30 non-billable → used 120, billable 90.
 * Tokyo KK (Asia/Tokyo): no agreement at all.
 *
 * The clock stands at Wed 2026-03-18 10:00Z.
 */

const V1 = '/api/v1';

function ok(res: ApiResponse, status = 200): any {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

describe.each(ENGINES)('client health on %s', (engine) => {
  let app: TestApp;
  let world: World;
  let payg: { id: string };
  let tokyo: { id: string };
  const t: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-02-10T10:00:00Z' });
    world = await buildWorld(app);
  });
  afterAll(async () => app.close());

  const staff = () => app.as(world.engineer);
  const at = (instant: string) => app.clock.set(instant);
  const raise = async (name: string, priority: string) => {
    const created = ok(
      await app
        .as(world.clientA.member)
        .post(`${V1}/tickets`, { subject: name, requestType: 'bug', priority }),
      201,
    );
    t[name] = created.id;
  };
  const move = async (name: string, status: string, comment?: string) =>
    ok(await staff().post(`${V1}/tickets/${t[name]}/transitions`, { status, comment }));
  const log = async (agreementId: string, date: string, minutes: number, billable = true) =>
    ok(
      await staff().post(`${V1}/time-entries`, { agreementId, date, minutes, category: 'bugfix', billable }),
      201,
    );
  const health = async (as = staff(), month?: string) =>
    ok(await as.get(`${V1}/clients/health${month ? `?month=${month}` : ''}`)).items;

  const rowA = {
    slug: 'client-a',
    name: 'Client client-a',
    timeZone: 'Europe/Berlin',
    month: '2026-03',
    openTickets: 2,
    breachedOpenTickets: 1,
    compliance: { response: 66.7, resolution: 33.3 },
    hours: {
      kind: 'retainer',
      usedMinutes: 240,
      availableMinutes: 1200,
      remainingMinutes: 960,
      overageMinutes: 0,
      billableMinutes: 240,
    },
  };
  const rowB = {
    slug: 'client-b',
    name: 'Client client-b',
    timeZone: 'Europe/Berlin',
    month: '2026-03',
    openTickets: 0,
    breachedOpenTickets: 0,
    compliance: { response: null, resolution: null },
    hours: {
      kind: 'retainer',
      usedMinutes: 1300,
      availableMinutes: 1200,
      remainingMinutes: 0,
      overageMinutes: 100,
      billableMinutes: 1300,
    },
  };

  it('builds the history', async () => {
    const admin = app.as(world.admin);
    payg = ok(
      await admin.post(`${V1}/clients`, {
        name: 'Pay-as-you-go Co',
        slug: 'payg-co',
        timeZone: 'Europe/Berlin',
      }),
      201,
    );
    const paygAgreement = ok(
      await admin.post(`${V1}/agreements`, {
        clientId: payg.id,
        kind: 'payg',
        name: 'Pay as you go',
        startsOn: '2026-01-01',
        terms: { hourlyRateCents: 12000 },
      }),
      201,
    );
    tokyo = ok(
      await admin.post(`${V1}/clients`, { name: 'Tokyo KK', slug: 'tokyo', timeZone: 'Asia/Tokyo' }),
      201,
    );

    await log(world.clientA.retainerId, '2026-02-10', 300);
    at('2026-03-02T08:00:00Z');
    await raise('T1', 'critical');
    await raise('T2', 'high');
    await raise('T4', 'medium');
    at('2026-03-02T08:30:00Z');
    await move('T1', 'acknowledged', 'On it.');
    at('2026-03-02T09:00:00Z');
    await move('T4', 'acknowledged', 'Reproduced.');
    at('2026-03-02T14:00:00Z');
    await move('T1', 'resolved');
    at('2026-03-06T17:00:00Z');
    await log(world.clientA.retainerId, '2026-03-05', 240);
    await log(world.clientA.retainerId, '2026-03-06', 60, false);
    at('2026-03-09T08:00:00Z');
    await move('T4', 'resolved');
    at('2026-03-12T17:00:00Z');
    await log(world.clientB.retainerId, '2026-03-10', 1300);
    await log(paygAgreement.id, '2026-03-11', 90);
    await log(paygAgreement.id, '2026-03-12', 30, false);
    at('2026-03-17T08:00:00Z');
    await raise('T3', 'low');
    at('2026-03-18T10:00:00Z');
  });

  it('gives agency staff every client, this month by default', async () => {
    expect(await health()).toEqual([
      { clientId: world.clientA.id, ...rowA },
      { clientId: world.clientB.id, ...rowB },
      {
        clientId: payg.id,
        name: 'Pay-as-you-go Co',
        slug: 'payg-co',
        timeZone: 'Europe/Berlin',
        month: '2026-03',
        openTickets: 0,
        breachedOpenTickets: 0,
        compliance: { response: null, resolution: null },
        hours: {
          kind: 'payg',
          usedMinutes: 120,
          availableMinutes: null,
          remainingMinutes: null,
          overageMinutes: 0,
          billableMinutes: 90,
        },
      },
      {
        clientId: tokyo.id,
        name: 'Tokyo KK',
        slug: 'tokyo',
        timeZone: 'Asia/Tokyo',
        month: '2026-03',
        openTickets: 0,
        breachedOpenTickets: 0,
        compliance: { response: null, resolution: null },
        hours: {
          kind: 'none',
          usedMinutes: 0,
          availableMinutes: null,
          remainingMinutes: null,
          overageMinutes: 0,
          billableMinutes: 0,
        },
      },
    ]);
  });

  it('reports an asked month; open tickets stay as of now', async () => {
    const [a] = await health(staff(), '2026-02');
    expect(a).toEqual({
      ...rowA,
      clientId: world.clientA.id,
      month: '2026-02',
      compliance: { response: null, resolution: null },
      hours: {
        kind: 'retainer',
        usedMinutes: 300,
        availableMinutes: 1200,
        remainingMinutes: 900,
        overageMinutes: 0,
        billableMinutes: 300,
      },
    });
  });

  it('defaults to the current month in each client’s own zone', async () => {
    at('2026-03-31T16:00:00Z'); // 18:00 in Berlin, already 1 April 01:00 in Tokyo
    const months = Object.fromEntries((await health()).map((row: any) => [row.slug, row.month]));
    expect(months).toEqual({
      'client-a': '2026-03',
      'client-b': '2026-03',
      'payg-co': '2026-03',
      tokyo: '2026-04',
    });
    at('2026-03-18T10:00:00Z');
  });

  it('shows a client user their own row only', async () => {
    expect(await health(app.as(world.clientA.member))).toEqual([{ clientId: world.clientA.id, ...rowA }]);
    expect(await health(app.as(world.clientB.admin))).toEqual([{ clientId: world.clientB.id, ...rowB }]);
  });

  it('refuses strangers and bad months', async () => {
    expect((await app.as(null).get(`${V1}/clients/health`)).status).toBe(401);
    const bad = await staff().get(`${V1}/clients/health?month=2026-3`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toEqual([expect.objectContaining({ path: 'month' })]);
  });
});

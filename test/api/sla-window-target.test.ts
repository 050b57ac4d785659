import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaTiers } from '../../src/domain/sla/sla-policy';
import { ENGINES } from '../support/databases';
import { createTestApp, type ApiResponse, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/*
 * The low tier's resolution target is "by the end of the next maintenance window". Client A's retainer
 * (Europe/Berlin) has a monthly window on the second Tuesday 18:00–22:00 local: 10 March 2026 17:00–21:00Z
 * (CET) and 14 April 2026 16:00–20:00Z (CEST). The clock starts on Monday 2 March 2026; the tests build on
 * each other, in order.
 */
const V1 = '/api/v1';
const MARCH_END = '2026-03-10T21:00:00.000Z';
const APRIL_END = '2026-04-14T20:00:00.000Z';

function ok(response: ApiResponse, status = 200): any {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body;
}

describe.each(ENGINES)('SLA target "end of the next maintenance window" (%s)', (engine) => {
  let app: TestApp;
  let world: World;
  let calendarId: string;
  const staff = () => app.as(world.engineer);
  const admin = () => app.as(world.admin);
  const ids: Record<string, string> = {};
  const resolutionOf = async (ticketId: string) => {
    const ticket = ok(await staff().get(`${V1}/tickets/${ticketId}`));
    return { clock: ticket.sla.resolution, explanation: ticket.sla.explanation as string[] };
  };
  const putPolicy = async (movesWhenRolled: boolean) => {
    const tiers = defaultSlaTiers();
    tiers.low.resolution = { kind: 'next_maintenance_window', movesWhenRolled };
    ok(await admin().put(`${V1}/sla-policies/${world.policyId}`, { name: 'Standard', calendarId, tiers }));
  };

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-03-02T08:00:00Z' });
    world = await buildWorld(app);
    const policy = ok(await admin().get(`${V1}/sla-policies/${world.policyId}`));
    calendarId = policy.calendarId;
    expect(policy.calendarId).toBeTruthy();
    await putPolicy(false);
    ok(
      await staff().post(`${V1}/agreements/${world.clientA.retainerId}/maintenance-schedules`, {
        name: 'Monthly maintenance',
        rule: {
          frequency: 'monthly',
          on: { kind: 'nth_weekday', nth: 2, weekday: 'TU' },
          startTime: '18:00',
          durationMinutes: 240,
          firstMonth: '2026-03',
        },
        capacityMinutes: 240,
      }),
      201,
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a low support ticket outside the backlog has a resolution with no due yet', async () => {
    const ticket = ok(
      await staff().post(`${V1}/tickets`, {
        clientId: world.clientA.id,
        subject: 'Footer logo slightly blurry',
        body: 'Cosmetic.',
        priority: 'low',
        kind: 'support',
        channel: 'phone',
      }),
      201,
    );
    ids.cosmetic = ticket.id;
    const { clock, explanation } = await resolutionOf(ticket.id);
    expect(clock).toMatchObject({ status: 'running', dueAt: null, targetMinutes: null });
    expect(explanation[0]).toContain('not planned into a window yet');
  });

  it('triage sends it to the next window: due at that window’s end', async () => {
    ok(await staff().patch(`${V1}/tickets/${ids.cosmetic}`, { nextWindow: true, estimateMinutes: 30 }));
    const { clock, explanation } = await resolutionOf(ids.cosmetic!);
    expect(clock.dueAt).toBe(MARCH_END);
    expect(explanation.join('\n')).toContain(
      'resolution planned into the window ending 2026-03-10T21:00:00Z',
    );
    const queue = ok(await staff().get(`${V1}/tickets?status=new`));
    const row = (queue.items as any[]).find((item) => item.id === ids.cosmetic);
    expect(row.sla.resolution.dueAt).toBe(MARCH_END);
  });

  it('rolled when its window closes undone: the due stays and the item breaches honestly', async () => {
    const windows = ok(await staff().get(`${V1}/maintenance-windows?agreementId=${world.clientA.retainerId}`))
      .items as any[];
    const march = windows.find((w) => w.endsAt === MARCH_END);
    expect(march).toBeDefined();
    app.clock.set('2026-03-10T17:00:00Z');
    ok(await staff().post(`${V1}/maintenance-windows/${march.id}/start`));
    app.clock.set('2026-03-10T20:30:00Z');
    const closed = ok(await staff().post(`${V1}/maintenance-windows/${march.id}/close`));
    expect(closed.items.find((item: any) => item.ticketId === ids.cosmetic).outcome).toBe('rolled');

    const before = await resolutionOf(ids.cosmetic!);
    expect(before.clock).toMatchObject({ status: 'running', dueAt: MARCH_END, breachedAt: null });
    expect(before.explanation.join('\n')).toContain(
      'rolled to the window ending 2026-04-14T20:00:00Z (rolled once); resolution stays due',
    );
    app.clock.set('2026-03-11T08:00:00Z');
    const after = await resolutionOf(ids.cosmetic!);
    expect(after.clock).toMatchObject({ status: 'breached', dueAt: MARCH_END, breachedAt: MARCH_END });
  });

  it('a policy that lets rolled items move re-derives the due to the new window', async () => {
    await putPolicy(true);
    const { clock } = await resolutionOf(ids.cosmetic!);
    expect(clock).toMatchObject({ status: 'running', dueAt: APRIL_END, breachedAt: null });
    await putPolicy(false);
    expect((await resolutionOf(ids.cosmetic!)).clock.status).toBe('breached');
  });

  it('resolving the item inside its next window meets a moving target', async () => {
    await putPolicy(true);
    app.clock.set('2026-04-14T17:00:00Z');
    ok(
      await staff().post(`${V1}/tickets/${ids.cosmetic}/transitions`, {
        status: 'resolved',
        reason: 'Fixed in the April window',
      }),
    );
    const { clock } = await resolutionOf(ids.cosmetic!);
    expect(clock).toMatchObject({ status: 'met', dueAt: APRIL_END });
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/databases';
import { createTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

async function queuedJobs(app: TestApp, name: string): Promise<number> {
  const result = await sql<{
    n: number;
  }>`select count(*)::int as n from pgboss.job where name = ${name}`.execute(app.tend.services.deps.db);
  return Number(result.rows[0]?.n ?? 0);
}

describe.each(ENGINES)('inbound items and the dead-letter list on %s', (engine) => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-03-02T08:00:00Z' });
    world = await buildWorld(app);
  });
  afterAll(async () => app.close());

  it('stores an item raw once and enqueues its processing once, however often it is delivered', async () => {
    const before = await queuedJobs(app, 'inbound.process');
    const first = await app.tend.services.inbound.accept({
      source: 'webhook',
      key: 'evt-1',
      payload: { hello: 'world' },
      raw: '{"hello":"world"}',
    });
    const again = await app.tend.services.inbound.accept({
      source: 'webhook',
      key: 'evt-1',
      payload: { hello: 'changed' },
    });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ id: first.id, duplicate: true });
    expect(await queuedJobs(app, 'inbound.process')).toBe(before + 1);
    const stored = await app.as(world.admin).get(`/api/v1/inbound/${first.id}`);
    expect(stored.body).toMatchObject({
      source: 'webhook',
      status: 'pending',
      payload: { hello: 'world' },
      raw: '{"hello":"world"}',
    });
  });

  it('enqueues nothing when the change that caused the job rolls back', async () => {
    const before = await queuedJobs(app, 'inbound.process');
    await expect(
      app.tend.services.deps.db.transaction().execute(async (trx) => {
        await app.tend.services.deps.jobs.send(trx, 'inbound.process', { inboundId: 'none' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await queuedJobs(app, 'inbound.process')).toBe(before);
  });

  it('retries a failing item, lands it in the dead-letter list on the last attempt, and lets an admin replay it', async () => {
    // No processor handles webhooks yet: every attempt fails, which is what a poisoned item looks like.
    const { id } = await app.tend.services.inbound.accept({
      source: 'webhook',
      key: 'evt-poison',
      payload: {},
    });
    await expect(app.tend.services.inbound.process(id, { retryCount: 0, retryLimit: 2 })).rejects.toThrow(
      'No processor for webhook items',
    );
    await expect(app.tend.services.inbound.process(id, { retryCount: 1, retryLimit: 2 })).rejects.toThrow();
    await app.tend.services.inbound.process(id, { retryCount: 2, retryLimit: 2 });

    const dead = await app.as(world.admin).get('/api/v1/inbound?status=dead');
    expect(dead.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    expect(dead.body.items[0]).toMatchObject({ attempts: 3, lastError: 'No processor for webhook items' });

    expect((await app.as(world.engineer).post(`/api/v1/inbound/${id}/replay`)).status).toBe(403);
    expect((await app.as(world.clientA.admin).get('/api/v1/inbound')).status).toBe(403);
    const before = await queuedJobs(app, 'inbound.process');
    const replayed = await app.as(world.admin).post(`/api/v1/inbound/${id}/replay`);
    expect(replayed.status).toBe(200);
    expect(replayed.body.status).toBe('pending');
    expect(await queuedJobs(app, 'inbound.process')).toBe(before + 1);
    const twice = await app.as(world.admin).post(`/api/v1/inbound/${id}/replay`);
    expect(twice.status).toBe(409);
  });
});

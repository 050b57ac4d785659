import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/databases';
import { createTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

describe.each(ENGINES)('ticket life on %s', (engine) => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-03-02T08:00:00Z' }); // Monday 09:00 Berlin
    world = await buildWorld(app);
  });
  afterAll(async () => app.close());

  it('clocks a critical ticket from creation through acknowledgement to resolution', async () => {
    const client = app.as(world.clientA.member);
    const created = await client.post('/api/v1/tickets', {
      subject: 'Shop down',
      body: 'HTTP 503 everywhere',
      priority: 'critical',
      requestType: 'incident',
    });
    expect(created.status).toBe(201);
    expect(created.body.coverage).toBe('covered');
    expect(created.body.sla.response.dueAt).toBe('2026-03-02T10:00:00.000Z');
    expect(created.body.sla.resolution.dueAt).toBe('2026-03-02T16:00:00.000Z');

    app.clock.advanceMinutes(45);
    const staff = app.as(world.engineer);
    const ack = await staff.post(`/api/v1/tickets/${created.body.id}/transitions`, {
      status: 'acknowledged',
      comment: 'Database out of connections; restarting.',
    });
    expect(ack.status).toBe(200);
    expect(ack.body.sla.response.status).toBe('met');
    expect(ack.body.sla.response.stoppedAt).toBe('2026-03-02T08:45:00.000Z');
  });
});

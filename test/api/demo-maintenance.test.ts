import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_CLIENT_ADMIN, seedDemoIfEmpty } from '../../src/services/seed/demo-seed';
import { ENGINES } from '../support/databases';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * The demo's maintenance on Hallam's retainer, seeded as of Sunday 22 November 2026: the last window before
 * then was Tuesday 10 November, 18:00–22:00 in London (GMT), the next is Tuesday 8 December.
 */
describe.each(ENGINES)('demo maintenance on %s', (engine) => {
  let app: TestApp;
  let token: string;
  let clientToken: string;

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-11-22T18:00:00Z' });
    expect(await seedDemoIfEmpty(app.database.handle, app.tend.services)).toEqual(DEMO_ADMIN);
    const login = async (credentials: { email: string; password: string }) =>
      (
        await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: credentials })
      ).cookies.find((cookie) => cookie.name === 'tend_session')!.value;
    token = await login(DEMO_ADMIN);
    clientToken = await login(DEMO_CLIENT_ADMIN);
  });
  afterAll(async () => app.close());

  const get = async (url: string, session = token) => {
    const response = await app.http.inject({ method: 'GET', url, cookies: { tend_session: session } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('Hallam has a monthly window on the second Tuesday, the last one closed with outcomes and notes', async () => {
    const windows = (
      await get('/api/v1/maintenance-windows?from=2026-11-01T00:00:00Z&to=2027-01-01T00:00:00Z', clientToken)
    ).items;
    expect(windows.map((w: any) => [w.title, w.startsAt, w.endsAt, w.status, w.capacityMinutes])).toEqual([
      ['Monthly maintenance', '2026-11-10T18:00:00.000Z', '2026-11-10T22:00:00.000Z', 'closed', 240],
      ['Monthly maintenance', '2026-12-08T18:00:00.000Z', '2026-12-08T22:00:00.000Z', 'scheduled', 240],
    ]);
    const closed = await get(`/api/v1/maintenance-windows/${windows[0].id}`, clientToken);
    expect(closed.items.map((i: any) => [i.subject, i.outcome])).toEqual([
      ['Update dependencies', 'done'],
      ['Run the security scan', 'done'],
      ['Root cause: contract test for the newsletter provider API', 'rolled'],
    ]);
    expect(closed.releaseNotes).toContain(
      'Hallam Outdoor · Tuesday 10 November 2026, 18:00–22:00 (Europe/London)',
    );
    expect(closed.releaseNotes).toContain('Update dependencies');
    expect(closed.releaseNotes).toContain('→ Tuesday 8 December 2026');
    // The month's maintenance time sits in the window; the ledger's figures are the demo's own (demo-seed test).
    expect(closed.minutesLogged).toBeGreaterThan(0);
  });

  it('the backlog is planned as of now: the rolled item counts its roll, the chores have their tickets', async () => {
    const backlog = (await get('/api/v1/maintenance/backlog')).items;
    const bySubject = new Map(backlog.map((item: any) => [item.subject, item]));
    expect(bySubject.get('Root cause: contract test for the newsletter provider API')).toMatchObject({
      rollCount: 1,
      window: { startsAt: '2026-12-08T18:00:00.000Z' },
    });
    for (const subject of ['Update dependencies', 'Run the security scan', 'Rotate secrets'])
      expect(bySubject.get(subject), subject).toMatchObject({
        choreId: expect.any(String),
        window: expect.anything(),
      });
    expect(backlog.every((item: any) => item.window !== null || item.unplannedReason !== null)).toBe(true);
  });
});

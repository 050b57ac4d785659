import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_CLIENT_ADMIN, seedDemoIfEmpty } from '../../src/services/seed/demo-seed';
import { ENGINES } from '../support/databases';
import { createTestApp, type TestApp } from '../support/test-app';

describe.each(ENGINES)('demo data on %s', (engine) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-11-22T18:00:00Z' });
    expect(await seedDemoIfEmpty(app.database.handle, app.tend.services)).toEqual(DEMO_ADMIN);
  });
  afterAll(async () => app.close());

  it('loads once: a second start finds data and loads nothing', async () => {
    expect(await seedDemoIfEmpty(app.database.handle, app.tend.services)).toBeNull();
    const agencies = await app.tend.services.deps.db
      .selectFrom('organizations')
      .select('id')
      .where('kind', '=', 'agency')
      .execute();
    expect(agencies).toHaveLength(1);
  });

  it('has three clients with the agreements the product describes, and tickets in every state', async () => {
    const db = app.tend.services.deps.db;
    const agreements = await db
      .selectFrom('agreements')
      .innerJoin('organizations', 'organizations.id', 'agreements.client_id')
      .select(['organizations.slug', 'agreements.kind'])
      .orderBy('organizations.slug')
      .orderBy('agreements.kind')
      .execute();
    expect(agreements.map((row) => `${row.slug}:${row.kind}`)).toEqual([
      'brightside:payg',
      'hallam:retainer',
      'kestrel:onboarding',
      'kestrel:standby',
    ]);
    const statuses = await db.selectFrom('tickets').select('status').distinct().execute();
    expect(statuses.map((row) => row.status).sort()).toEqual([
      'acknowledged',
      'closed',
      'in_progress',
      'new',
      'resolved',
      'waiting_on_client',
    ]);
    const months = await db.selectFrom('time_entries').select('work_date').execute();
    expect(new Set(months.map((row) => row.work_date.slice(0, 7)))).toEqual(
      new Set(['2026-08', '2026-09', '2026-10', '2026-11']),
    );
  });

  it('logs in with the printed credentials, agency and client alike', async () => {
    for (const credentials of [DEMO_ADMIN, DEMO_CLIENT_ADMIN]) {
      const response = await app.http.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: credentials,
      });
      expect(response.statusCode).toBe(200);
    }
  });

  it('shows the retainer month with rollover, use and expiry as the ledger derives it', async () => {
    const admin = await app.tend.services.auth.login(DEMO_ADMIN.email, DEMO_ADMIN.password);
    const hallam = (await app.tend.services.agreements.list(admin.actor)).find(
      (agreement) => agreement.kind === 'retainer',
    );
    expect(hallam).toBeDefined();
    const november = await app.tend.services.ledger.monthLedger(admin.actor, hallam!.id, '2026-11');
    // October left 360 of its 720 minutes; November used 150 of the rolled-in first (180 more is change work).
    expect(november).toMatchObject({
      kind: 'retainer',
      ledger: {
        allocationMinutes: 720,
        rolledInMinutes: 360,
        usedMinutes: 150,
        changeWorkMinutes: 180,
        remainingMinutes: 930,
        expiringMinutes: 210,
      },
    });
  });
});

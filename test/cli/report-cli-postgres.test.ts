import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';
import { runCli } from './run-cli';

// PostgreSQL only (vitest.config.ts leaves this file out when TEST_DATABASE_URL is not set): the CLI process
// and the test share one database server, as several Tend processes do in production.
describe('tend report on PostgreSQL', () => {
  let app: TestApp;
  let world: World;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tend-report-cli-pg-'));
    app = await createTestApp('postgres', { now: '2026-03-02T08:00:00Z' });
    world = await buildWorld(app);
  });
  afterAll(async () => {
    await app?.tend.services.reportPdf.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the archived PDF byte for byte when the month is archived', async () => {
    const { report } = await app.tend.services.monthlyReports.generate(
      world.clientA.id,
      '2026-02',
      world.admin.actor,
    );
    const out = join(dir, 'archived.pdf');
    const result = await runCli(['report', '--client', 'client-a', '--month', '2026-02', '--out', out], {
      env: { DATABASE_URL: app.database.url!, SEED_DEMO: 'false' },
    });
    expect(result.stderr).toContain('Wrote the archived report of Client client-a for 2026-02');
    expect(result.code).toBe(0);
    const archived = await app.tend.services.monthlyReports.pdf(world.admin.actor, report.id);
    expect(readFileSync(out).equals(archived.bytes)).toBe(true);
  }, 120_000);
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTend } from '../../src/app';
import { loadConfig } from '../../src/config';
import { addMonths } from '../../src/domain/ledger/months';
import { localMonthOf } from '../../src/domain/time/local-date';
import { runCli } from './run-cli';

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-']).toString();

describe('tend report on the demo data', () => {
  let dir: string;
  const env = () => ({ DATA_DIR: join(dir, 'data'), SEED_DEMO: 'false' });
  // The demo is seeded around today; last month in Berlin is a month it has history for.
  const lastMonth = addMonths(localMonthOf(new Date(), 'Europe/Berlin'), -1);

  beforeAll(async () => {
    execFileSync('bash', ['scripts/ensure-chromium.sh'], { stdio: 'inherit' });
    execFileSync('bash', ['scripts/ensure-poppler.sh'], { stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'tend-report-cli-'));
    const seeded = await runCli(['seed', '--demo'], { env: env() });
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a live PDF for a month that is not archived, and says so', async () => {
    const out = join(dir, 'hallam.pdf');
    const result = await runCli(['report', '--client', 'hallam', '--month', lastMonth, '--out', out], {
      env: env(),
    });
    expect(result.stderr).toContain(`${lastMonth} of Hallam Outdoor is not archived: wrote a live preview`);
    expect(result.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(out);
    expect(text).toContain('Hallam Outdoor');
    expect(text).toContain('SLA compliance');
    expect(text).toContain('Tidewater Digital');
  }, 120_000);

  it('writes the archived PDF byte for byte once the month is archived (embedded database)', async () => {
    // Archive in-process on the same data directory, then close it: one process per data directory.
    const tend = await createTend(loadConfig({ ...env(), LOG_LEVEL: 'silent' }), {
      log: pino({ level: 'silent' }),
    });
    let archived: Buffer;
    try {
      const hallam = await tend.services.clients.findBySlug('hallam');
      const { report } = await tend.services.monthlyReports.generate(hallam.id, lastMonth, null);
      const row = await tend.services.deps.db
        .selectFrom('monthly_reports')
        .select('pdf')
        .where('id', '=', report.id)
        .executeTakeFirstOrThrow();
      archived = Buffer.from(row.pdf);
    } finally {
      await tend.services.reportPdf.close();
      await tend.close();
    }
    const out = join(dir, 'archived.pdf');
    const result = await runCli(['report', '--client', 'hallam', '--month', lastMonth, '--out', out], {
      env: env(),
    });
    expect(result.stderr).toContain(`Wrote the archived report of Hallam Outdoor for ${lastMonth}`);
    expect(result.code).toBe(0);
    expect(archived.length).toBeGreaterThan(1000);
    expect(readFileSync(out).equals(archived)).toBe(true);
  }, 180_000);

  it('names an unknown client or a bad month, with exit code 2 and no file', async () => {
    const out = join(dir, 'nothing.pdf');
    const unknown = await runCli(['report', '--client', 'nobody', '--month', lastMonth, '--out', out], {
      env: env(),
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No client with the slug "nobody"');
    const agency = await runCli(['report', '--client', 'tidewater', '--month', lastMonth, '--out', out], {
      env: env(),
    });
    expect(agency.code).toBe(2);
    const bad = await runCli(['report', '--client', 'hallam', '--month', '2026-13', '--out', out], {
      env: env(),
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--month must be a month written YYYY-MM, got "2026-13"');
    expect(() => readFileSync(out)).toThrow();
  }, 120_000);
});

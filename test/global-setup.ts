import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { openPGlite, openPostgres, type DatabaseHandle } from '../src/db/database';
import { PgBossJobQueue } from '../src/jobs/pg-boss-queue';
import { migrateDatabase } from '../src/db/migrate';
import { postgresAdminUrl, postgresUrlFor } from './support/postgres-urls';

/**
 * Prepares migrated templates once per run: a PGlite data-directory tarball (creating a PGlite database
 * takes seconds, loading a dump a fraction of that) and, when TEST_DATABASE_URL is set, a PostgreSQL
 * template database that each test file clones with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'tend-test-'));
  const pglite = await openPGlite({});
  await prepareTemplate(pglite);
  const dump = await pglite.dumpDataDir!();
  await pglite.close();
  const templatePath = join(dir, 'pglite-template.tar');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  process.env.TEND_TEST_PGLITE_TEMPLATE = templatePath;

  if (process.env.TEST_DATABASE_URL) {
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    const templateName = `tend_tpl_${process.pid}_${Date.now().toString(36)}`;
    process.env.TEND_TEST_PG_TEMPLATE = templateName;
    await admin.query(`create database ${templateName}`);
    const template = await openPostgres(postgresUrlFor(templateName), 1);
    await prepareTemplate(template);
    await template.close();
    // Nobody may connect to the template: CREATE DATABASE … TEMPLATE waits (5 s) and refuses while anyone
    // is, and a closed pool's backends take a moment to exit.
    await admin.query(`alter database ${templateName} with allow_connections false is_template true`);
    for (let wait = 0; wait < 100; wait++) {
      const busy = await admin.query('select 1 from pg_stat_activity where datname = $1', [templateName]);
      if (!busy.rowCount) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.end();
  }
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    const template = process.env.TEND_TEST_PG_TEMPLATE;
    if (!template) return;
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    await admin.query(`alter database ${template} is_template false`);
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}

/** Migrations and pg-boss's own schema, so that each test database starts ready. */
async function prepareTemplate(handle: DatabaseHandle): Promise<void> {
  await migrateDatabase(handle);
  const jobs = await PgBossJobQueue.start(handle, { log: pino({ level: 'silent' }), worker: false });
  await jobs.stop();
}

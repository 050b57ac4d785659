import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPGlite, openPostgres, type DatabaseHandle } from '../../src/db/database';
import { postgresAdminUrl, postgresTemplateName, postgresUrlFor } from './postgres-urls';

export type Engine = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server (CI sets it). */
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  handle: DatabaseHandle;
  /** For PostgreSQL: the URL of this test's own database (to start more processes against it). */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file (or one test). */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const path = process.env.TEND_TEST_PGLITE_TEMPLATE;
    if (!path) throw new Error('the global setup did not prepare a PGlite template');
    const handle = await openPGlite({ loadDataDir: new Blob([readFileSync(path)]) });
    return { handle, url: null, drop: () => handle.close() };
  }
  const name = `tend_t_${randomBytes(6).toString('hex')}`;
  await createFromTemplate(name);
  const url = postgresUrlFor(name);
  const handle = await openPostgres(url, 5);
  return {
    handle,
    url,
    async drop() {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/** An empty PostgreSQL database (migration tests). */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tend_e_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  return {
    url: postgresUrlFor(name),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

/** Concurrent clones of one template can collide ("being accessed by other users"): retry briefly. */
async function createFromTemplate(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(`create database ${name} template ${postgresTemplateName()}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

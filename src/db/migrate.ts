import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors';
import type { DatabaseHandle, SqlRunner } from './database';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((name) => {
      const sql = readFileSync(`${dir}/${name}`, 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the numbered SQL files not yet applied, each in its own transaction, under an exclusive lock so
 * that several instances starting at once migrate exactly once. Applied files are frozen: a changed
 * checksum stops the start rather than leaving two databases that claim the same version.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<string[]> {
  return handle.withExclusiveSession(async (run) => {
    await run(`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    const applied = new Map(
      (await run('select name, checksum from schema_migrations')).map((row) => [
        String(row.name),
        String(row.checksum),
      ]),
    );
    const newlyApplied: string[] = [];
    for (const file of readMigrationFiles()) {
      const checksum = applied.get(file.name);
      if (checksum !== undefined) {
        assertUnchanged(file, checksum);
        continue;
      }
      await applyMigration(run, file);
      newlyApplied.push(file.name);
    }
    return newlyApplied;
  });
}

function assertUnchanged(file: MigrationFile, checksum: string): void {
  if (checksum !== file.checksum) {
    throw new AppError(
      'misconfigured',
      `Migration ${file.name} was changed after it was applied. Migrations are frozen: restore the file ` +
        'and add a new numbered migration instead.',
    );
  }
}

async function applyMigration(run: SqlRunner, file: MigrationFile): Promise<void> {
  await run('begin');
  try {
    await run(file.sql);
    await run('insert into schema_migrations (name, checksum) values ($1, $2)', [file.name, file.checksum]);
    await run('commit');
  } catch (error) {
    await run('rollback');
    throw new AppError('misconfigured', `Migration ${file.name} failed: ${(error as Error).message}`);
  }
}

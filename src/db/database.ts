import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDirectory } from './data-dir-lock';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';

/** Runs plain SQL, possibly several statements when there are no parameters. */
export type SqlRunner = (sqlText: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly engine: 'pglite' | 'postgres';
  /** Runs `work` alone: under a PostgreSQL advisory lock across processes, or on PGlite's one connection. */
  withExclusiveSession<T>(work: (run: SqlRunner) => Promise<T>): Promise<T>;
  /** PGlite only: a tarball of the data directory, to clone a prepared database (tests). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

const INT8_OID = 20;
const DATE_OID = 1082;
const NUMERIC_OID = 1700;
const MIGRATION_LOCK_KEY = 7_420_311;

/** Both drivers return int8 as a number and `date` as a 'YYYY-MM-DD' string. */
const parseInt8 = (value: string) => Number(value);
const keepDateText = (value: string) => value;

export async function openPostgres(databaseUrl: string, poolSize = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8_OID || oid === NUMERIC_OID) return parseInt8;
        if (oid === DATE_OID) return keepDateText;
        return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection can be cut by the server (restart, failover, admin): pg then emits 'error' on the
  // pool, which would crash the process if nobody listened. The pool replaces the connection by itself.
  pool.on('error', () => {});
  // Fail fast with the server's own message when the URL is wrong.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    async withExclusiveSession(work) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          return await work(
            async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows,
          );
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
      // Kysely ends the pool only if it ran a query itself; a handle used just for migrations must too.
      if (!pool.ended) await pool.end();
    },
  };
}

export interface PGliteOptions {
  /** A directory for a persistent database, or undefined for an in-memory one. */
  dataDir?: string;
  /** A tarball from `dumpDataDir`, to start from a prepared database (tests). */
  loadDataDir?: Blob;
}

export async function openPGlite(options: PGliteOptions): Promise<DatabaseHandle> {
  const unlock = options.dataDir ? lockDataDirectory(options.dataDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(options.dataDir ? `${options.dataDir}/pgdata` : undefined, {
      parsers: { [INT8_OID]: parseInt8, [NUMERIC_OID]: parseInt8, [DATE_OID]: keepDateText },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    async withExclusiveSession(work) {
      return work(async (text, params) => {
        if (!params || params.length === 0) {
          const results = await pglite.exec(text);
          return results.at(-1)?.rows ?? [];
        }
        return (await pglite.query<Record<string, unknown>>(text, params)).rows;
      });
    },
    async dumpDataDir() {
      return pglite.dumpDataDir('none');
    },
    async close() {
      await db.destroy();
      await pglite.close();
      unlock();
    },
  };
}

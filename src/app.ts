import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config';
import { openPGlite, openPostgres, type DatabaseHandle } from './db/database';
import { migrateDatabase } from './db/migrate';
import { buildHttpServer } from './http/server';
import { createLogger } from './logger';
import { systemClock, type Clock } from './services/context';
import { PgBossJobQueue } from './jobs/pg-boss-queue';
import { registerWorkers } from './jobs/workers';
import { createServices, type Services } from './services';
import { seedDemoIfEmpty } from './services/seed/demo-seed';

export interface Tend {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly services: Services;
  readonly log: Logger;
  close(): Promise<void>;
}

export interface TendOptions {
  clock?: Clock;
  log?: Logger;
  /** An already open database (tests); otherwise opened from the config. */
  database?: DatabaseHandle;
  /** Skip migrations (tests that start from a migrated template). */
  skipMigrations?: boolean;
  /** Run background jobs in this process (`tend serve --roles worker`); tests call services directly. */
  worker?: boolean;
}

export type Role = 'web' | 'worker';

/** The composition root: opens the database, migrates it, and wires every service. */
export async function openDatabase(config: Config): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config.databasePoolSize)
    : openPGlite({ dataDir: resolve(config.dataDir) });
}

export async function createTend(config: Config, options: TendOptions = {}): Promise<Tend> {
  const log = options.log ?? createLogger(config);
  const database = options.database ?? (await openDatabase(config));
  try {
    if (!options.skipMigrations) {
      const applied = await migrateDatabase(database);
      if (applied.length) log.info({ applied }, 'database migrated');
    }
    const jobs = await PgBossJobQueue.start(database, {
      databaseUrl: config.databaseUrl,
      log,
      worker: options.worker ?? false,
    });
    const services = createServices({
      db: database.db,
      clock: options.clock ?? systemClock,
      config,
      log,
      jobs,
    });
    if (options.worker) await registerWorkers(services, jobs);
    return {
      config,
      database,
      services,
      log,
      async close() {
        await jobs.stop();
        await services.reportPdf.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export interface RunningServer {
  readonly tend: Tend;
  readonly http: FastifyInstance;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `tend serve`: migrate, seed demo data on a first start when configured, then serve HTTP (role web) and/or
 * run background jobs (role worker). Web and worker processes scale apart on one PostgreSQL.
 */
export async function startServer(
  config: Config,
  options: TendOptions & { roles?: readonly Role[] } = {},
): Promise<RunningServer & { demo: { email: string; password: string } | null }> {
  const roles = options.roles ?? ['web', 'worker'];
  const tend = await createTend(config, { ...options, worker: roles.includes('worker') });
  try {
    const demo = config.seedDemo ? await seedDemoIfEmpty(tend.database, tend.services) : null;
    const http = await buildHttpServer(tend.services, config, tend.log);
    if (!roles.includes('web')) {
      // A worker serves no HTTP: it only runs jobs until it is stopped.
      return { tend, http, url: '', demo, close: () => tend.close() };
    }
    await http.listen({ port: config.port, host: config.host });
    const address = http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    return {
      tend,
      http,
      url,
      demo,
      async close() {
        await http.close();
        await tend.close();
      },
    };
  } catch (error) {
    await tend.close();
    throw error;
  }
}

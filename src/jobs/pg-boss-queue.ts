import { fromKysely, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/database';
import type { Executor } from '../services/context';
import { JOB_NAMES } from './job-names';
import type { JobHandler, JobQueue, SendOptions } from './job-queue';

/**
 * pg-boss on Tend's own database handle. On PostgreSQL pg-boss keeps a small pool of its own; on PGlite it goes
 * through the Kysely handle, whose driver serialises PGlite's one connection, so a job query never slips into
 * another caller's transaction.
 */
export class PgBossJobQueue implements JobQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly log: Logger,
  ) {}

  static async start(
    handle: DatabaseHandle,
    options: { databaseUrl?: string | undefined; log: Logger; worker: boolean },
  ) {
    const boss =
      handle.engine === 'postgres' && options.databaseUrl
        ? new PgBoss({
            connectionString: options.databaseUrl,
            max: 4,
            schedule: options.worker,
            supervise: options.worker,
          })
        : new PgBoss({ db: fromKysely(handle.db), schedule: options.worker, supervise: options.worker });
    boss.on('error', (error) => options.log.error({ err: error }, 'job queue error'));
    await boss.start();
    for (const name of JOB_NAMES)
      await boss.createQueue(name, { retryLimit: 5, retryBackoff: true, retryDelay: 2 });
    return new PgBossJobQueue(boss, options.log);
  }

  async send(db: Executor, name: string, data: object, options: SendOptions = {}): Promise<void> {
    if (!(JOB_NAMES as readonly string[]).includes(name))
      throw new Error(`Unknown job queue "${name}": add it to JOB_NAMES`);
    await this.boss.send(name, data, {
      db: fromKysely(db),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
    });
  }

  async work<T extends object>(name: string, handler: JobHandler<T>): Promise<void> {
    await this.boss.work(
      name,
      { pollingIntervalSeconds: 1, batchSize: 1, includeMetadata: true },
      async (jobs) => {
        for (const job of jobs) {
          await handler(job.data as T, {
            id: job.id,
            retryCount: job.retryCount,
            retryLimit: job.retryLimit,
          });
        }
      },
    );
  }

  async schedule(name: string, cron: string, data: object, timeZone: string): Promise<void> {
    await this.boss.schedule(name, cron, data, { tz: timeZone });
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 10_000 });
    this.log.debug('job queue stopped');
  }
}

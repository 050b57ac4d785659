import type { Executor } from '../services/context';

/** Options a caller may give a job. */
export interface SendOptions {
  /** At most one queued job with this key (e.g. one warning per clock and threshold). */
  singletonKey?: string;
  startAfter?: Date;
  retryLimit?: number;
}

export type JobHandler<T> = (
  data: T,
  job: { id: string; retryCount: number; retryLimit: number },
) => Promise<void>;

/**
 * Durable background work (pg-boss underneath). `send` takes the caller's transaction: the job exists if and
 * only if the change that caused it was committed.
 */
export interface JobQueue {
  send(db: Executor, name: string, data: object, options?: SendOptions): Promise<void>;
  /** Runs `handler` for jobs of `name` (worker role only); a thrown error is retried with back-off. */
  work<T extends object>(name: string, handler: JobHandler<T>): Promise<void>;
  /** A cron schedule (5 fields) in a time zone; several processes scheduling the same name are one schedule. */
  schedule(name: string, cron: string, data: object, timeZone: string): Promise<void>;
}

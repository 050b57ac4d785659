import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database, Role } from '../db/schema';
import type { JobQueue } from '../jobs/job-queue';

/** The clock is a dependency like any other: tests pass a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface ServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly config: Config;
  readonly log: Logger;
  /** Background work, enqueued in the caller's transaction. */
  readonly jobs: JobQueue;
}

/** Who is asking. Every service call that reads or writes tenant data takes one. */
export interface Actor {
  readonly userId: string;
  readonly organizationId: string;
  readonly role: Role;
  readonly email: string;
  readonly name: string;
}

export type Executor = Kysely<Database>;

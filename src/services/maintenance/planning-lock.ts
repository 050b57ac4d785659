import { sql } from 'kysely';
import type { Executor } from '../context';

/**
 * One planner at a time per agreement, across every process on one PostgreSQL: a transaction-scoped advisory
 * lock (released at commit or rollback). An advisory lock rather than a row lock on the agreement, because
 * every ticket insert takes a key-share lock on its agreement row and would queue behind the planner.
 * (On PGlite there is one connection: transactions are serialised anyway.)
 */
const LOCK_NAMESPACE = sql.raw('7007');

/** Waits for the agreement's planning lock. Take it before any ticket row lock (see tryLockPlanning). */
export async function lockPlanning(db: Executor, agreementId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${agreementId}::text))`.execute(db);
}

/**
 * Takes the lock only if it is free (or already ours). Ticket commands hold their ticket's row lock when they
 * ask, and a running planner may be waiting for that very row: waiting here could deadlock, so a command that
 * finds the lock taken leaves the re-plan to a job instead.
 */
export async function tryLockPlanning(db: Executor, agreementId: string): Promise<boolean> {
  const result = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${agreementId}::text)) as locked`.execute(
    db,
  );
  return result.rows[0]?.locked === true;
}

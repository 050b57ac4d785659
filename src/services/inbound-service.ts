import { AppError, notFound } from '../errors';
import type { InboundItemRow, InboundSource } from '../db/schema';
import type { JobQueue } from '../jobs/job-queue';
import { requireAgency, requireAgencyAdmin } from './access';
import { recordAudit } from './audit';
import type { Actor, Executor, ServiceDeps } from './context';

export const INBOUND_JOB = 'inbound.process';
export const INBOUND_RETRY_LIMIT = 5;

/**
 * Turns one stored inbound item into its effect (a ticket, a comment…), inside the transaction that marks
 * the item processed: the effect happens once, or the item stays pending for the retry.
 */
export type InboundProcessor = (
  item: InboundItemRow,
  trx: Executor,
) => Promise<Record<string, unknown> | void>;

export interface InboundInput {
  source: InboundSource;
  /** The sender's own id for the item (Slack event_id, email Message-ID…): redelivery is recognised by it. */
  key: string;
  payload: unknown;
  raw?: string | null;
}

export function toInboundDto(row: InboundItemRow) {
  return {
    id: row.id,
    source: row.source,
    idempotencyKey: row.idempotency_key,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    result: row.result,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
  };
}

export class InboundService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly jobs: JobQueue,
    private readonly processors: Partial<Record<InboundSource, InboundProcessor>>,
  ) {}

  /** Stores the item raw and enqueues its processing in one transaction; a redelivered item changes nothing. */
  async accept(input: InboundInput): Promise<{ id: string; duplicate: boolean }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('inbound_items')
        .values({
          source: input.source,
          idempotency_key: input.key,
          payload: JSON.stringify(input.payload ?? null),
          raw: input.raw ?? null,
          received_at: this.deps.clock.now(),
        })
        .onConflict((oc) => oc.columns(['source', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) {
        const existing = await trx
          .selectFrom('inbound_items')
          .select('id')
          .where('source', '=', input.source)
          .where('idempotency_key', '=', input.key)
          .executeTakeFirstOrThrow();
        return { id: existing.id, duplicate: true };
      }
      await this.jobs.send(
        trx,
        INBOUND_JOB,
        { inboundId: inserted.id },
        { singletonKey: inserted.id, retryLimit: INBOUND_RETRY_LIMIT },
      );
      return { id: inserted.id, duplicate: false };
    });
  }

  /**
   * The job: processes a pending item at least once; an item already processed is skipped, so a job that
   * runs twice (a worker died after committing) duplicates nothing. The last failed attempt marks it dead.
   */
  async process(inboundId: string, attempt: { retryCount: number; retryLimit: number }): Promise<void> {
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        const item = await trx
          .selectFrom('inbound_items')
          .selectAll()
          .where('id', '=', inboundId)
          .forUpdate()
          .executeTakeFirst();
        if (!item || item.status !== 'pending') return;
        const processor = this.processors[item.source];
        if (!processor) throw new Error(`No processor for ${item.source} items`);
        const result = await processor(item, trx);
        await trx
          .updateTable('inbound_items')
          .set({
            status: 'processed',
            processed_at: this.deps.clock.now(),
            attempts: item.attempts + 1,
            result: JSON.stringify(result ?? {}),
            last_error: null,
          })
          .where('id', '=', item.id)
          .execute();
      });
    } catch (error) {
      const dead = attempt.retryCount >= attempt.retryLimit;
      await this.deps.db
        .updateTable('inbound_items')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: (error as Error).message.slice(0, 2000),
          ...(dead ? { status: 'dead' as const } : {}),
        }))
        .where('id', '=', inboundId)
        .where('status', '=', 'pending')
        .execute();
      this.deps.log.warn({ inboundId, err: error, dead }, 'inbound item failed');
      if (!dead) throw error;
    }
  }

  async list(
    actor: Actor,
    filter: { status?: InboundItemRow['status'] | undefined; source?: InboundSource | undefined },
  ) {
    requireAgency(actor);
    let query = this.deps.db.selectFrom('inbound_items').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.source) query = query.where('source', '=', filter.source);
    return (await query.orderBy('received_at', 'desc').limit(200).execute()).map(toInboundDto);
  }

  async get(actor: Actor, id: string) {
    requireAgency(actor);
    const row = await this.deps.db
      .selectFrom('inbound_items')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('Inbound item');
    return { ...toInboundDto(row), payload: row.payload, raw: row.raw };
  }

  /** Staff give a dead item another go, after fixing what made it fail. */
  async replay(actor: Actor, id: string) {
    requireAgencyAdmin(actor);
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('inbound_items')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw notFound('Inbound item');
      if (row.status !== 'dead')
        throw new AppError('invalid_transition', `Only dead items are replayed; this one is ${row.status}.`);
      const updated = await trx
        .updateTable('inbound_items')
        .set({ status: 'pending', last_error: null })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.jobs.send(trx, INBOUND_JOB, { inboundId: id }, { retryLimit: INBOUND_RETRY_LIMIT });
      await recordAudit(trx, actor, {
        action: 'inbound.replayed',
        entity: 'inbound_item',
        entityId: id,
        at: this.deps.clock.now(),
      });
      return toInboundDto(updated);
    });
  }
}

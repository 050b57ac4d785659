import { sql } from 'kysely';
import { AppError, invalidInput, notFound } from '../errors';
import type { TimeEntryRow } from '../db/schema';
import { addMonths } from '../domain/ledger/months';
import type { TimeEntryCreateInput, TimeEntryListInput, TimeEntryUpdateInput } from '../schemas/time';
import { clientScope, isAgency, requireAgency } from './access';
import { recordAudit } from './audit';
import type { Actor, Executor, ServiceDeps } from './context';
import { findVisibleTicket } from './tickets/ticket-access';
import { assertProjectForTime } from './proposals/projects-service';
import { assertWindowForTime } from './maintenance/window-time';

export function toTimeEntryDto(row: TimeEntryRow) {
  return {
    id: row.id,
    agreementId: row.agreement_id,
    ticketId: row.ticket_id,
    userId: row.user_id,
    date: row.work_date,
    minutes: row.minutes,
    category: row.category,
    billable: row.billable,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    /** Time on an approved change project: never drawn from a retainer. */
    projectId: row.project_id,
    /** Time spent in a maintenance window. */
    windowId: row.window_id,
  };
}

export class TimeEntriesService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(actor: Actor, input: TimeEntryCreateInput) {
    requireAgency(actor);
    const now = this.deps.clock.now();
    if (input.at && actor.role !== 'agency_admin')
      throw new AppError('forbidden', 'Only agency admins may give an explicit time (at).');
    if (input.userId && input.userId !== actor.userId && actor.role !== 'agency_admin') {
      throw new AppError('forbidden', 'Only agency admins log time for someone else.');
    }
    const recordedAt = input.at ? new Date(input.at) : now;
    if (recordedAt > now)
      throw invalidInput('The time lies in the future.', [
        { path: 'at', message: 'must not be in the future' },
      ]);
    return this.deps.db.transaction().execute(async (trx) => {
      const agreementId = await this.resolveAgreement(trx, actor, input);
      await this.assertAgencyUser(trx, input.userId);
      if (input.windowId) await assertWindowForTime(trx, input.windowId, agreementId);
      const row = await trx
        .insertInto('time_entries')
        .values({
          agreement_id: agreementId,
          ticket_id: input.ticketId ?? null,
          user_id: input.userId ?? actor.userId,
          work_date: input.date,
          minutes: input.minutes,
          category: input.category,
          billable: input.billable,
          description: input.description,
          project_id: input.projectId ?? null,
          window_id: input.windowId ?? null,
          created_at: recordedAt,
          updated_at: recordedAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'time_entry.created',
        entity: 'time_entry',
        entityId: row.id,
        at: now,
        data: toTimeEntryDto(row),
      });
      return toTimeEntryDto(row);
    });
  }

  /** Editing a past entry is allowed: the ledger is re-derived from the entries, never patched. */
  async update(actor: Actor, id: string, input: TimeEntryUpdateInput) {
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const existing = await this.findEditable(trx, actor, id);
      if (input.projectId) await this.assertProjectOfAgreement(trx, input.projectId, existing.agreement_id);
      if (input.windowId) await assertWindowForTime(trx, input.windowId, existing.agreement_id);
      const row = await trx
        .updateTable('time_entries')
        .set({
          ...(input.date !== undefined ? { work_date: input.date } : {}),
          ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
          ...(input.category !== undefined ? { category: input.category } : {}),
          ...(input.billable !== undefined ? { billable: input.billable } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.projectId !== undefined ? { project_id: input.projectId } : {}),
          ...(input.windowId !== undefined ? { window_id: input.windowId } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'time_entry.updated',
        entity: 'time_entry',
        entityId: id,
        at: now,
        data: { before: toTimeEntryDto(existing), after: toTimeEntryDto(row) },
      });
      return toTimeEntryDto(row);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (trx) => {
      const existing = await this.findEditable(trx, actor, id);
      await trx.deleteFrom('time_entries').where('id', '=', id).execute();
      // The audit row keeps the deleted entry whole: nothing accepted is lost without a trace.
      await recordAudit(trx, actor, {
        action: 'time_entry.deleted',
        entity: 'time_entry',
        entityId: id,
        at: now,
        data: toTimeEntryDto(existing),
      });
    });
  }

  async list(actor: Actor, input: TimeEntryListInput) {
    const scope = clientScope(actor);
    let query = this.deps.db
      .selectFrom('time_entries')
      .innerJoin('agreements', 'agreements.id', 'time_entries.agreement_id')
      .selectAll('time_entries');
    if (scope) query = query.where('agreements.client_id', '=', scope);
    if (input.agreementId) query = query.where('time_entries.agreement_id', '=', input.agreementId);
    if (input.ticketId) query = query.where('time_entries.ticket_id', '=', input.ticketId);
    if (input.userId) query = query.where('time_entries.user_id', '=', input.userId);
    if (input.projectId) query = query.where('time_entries.project_id', '=', input.projectId);
    if (input.windowId) query = query.where('time_entries.window_id', '=', input.windowId);
    if (input.from) query = query.where('time_entries.work_date', '>=', input.from);
    if (input.to) query = query.where('time_entries.work_date', '<=', input.to);
    if (input.month) {
      query = query
        .where('time_entries.work_date', '>=', `${input.month}-01`)
        .where('time_entries.work_date', '<', `${addMonths(input.month, 1)}-01`);
    }
    if (input.cursor) {
      const [date, id] = decodeCursor(input.cursor);
      query = query.where(
        sql<boolean>`(time_entries.work_date, time_entries.id) < (${date}::date, ${id}::uuid)`,
      );
    }
    const rows = await query
      .orderBy('time_entries.work_date', 'desc')
      .orderBy('time_entries.id', 'desc')
      .limit(input.limit + 1)
      .execute();
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map(toTimeEntryDto),
      nextCursor:
        rows.length > input.limit && last
          ? Buffer.from(JSON.stringify([last.work_date, last.id])).toString('base64url')
          : null,
    };
  }

  /** Another client's entry is not found; only then does the role decide (clients never edit time). */
  private async findEditable(trx: Executor, actor: Actor, id: string): Promise<TimeEntryRow> {
    const scope = clientScope(actor);
    let query = trx.selectFrom('time_entries').selectAll().where('id', '=', id);
    if (scope)
      query = query.where(
        'agreement_id',
        'in',
        trx.selectFrom('agreements').select('id').where('client_id', '=', scope),
      );
    const row = await query.forUpdate().executeTakeFirst();
    if (!row) throw notFound('Time entry');
    requireAgency(actor);
    if (row.user_id !== actor.userId && actor.role !== 'agency_admin')
      throw new AppError('forbidden', 'Only agency admins change someone else’s time.');
    return row;
  }

  private async resolveAgreement(trx: Executor, actor: Actor, input: TimeEntryCreateInput): Promise<string> {
    const ticket = input.ticketId
      ? await findVisibleTicket(trx, actor, input.ticketId).catch(() => null)
      : null;
    if (input.ticketId && !ticket)
      throw invalidInput('The ticket does not exist.', [{ path: 'ticketId', message: 'no such ticket' }]);
    // Project time defaults to the agreement its proposal was priced under.
    const project = input.projectId ? await assertProjectForTime(trx, input.projectId, null) : null;
    const agreementId = input.agreementId ?? ticket?.agreement_id ?? project?.agreementId;
    if (!agreementId)
      throw invalidInput('The ticket has no agreement; name one.', [
        { path: 'agreementId', message: 'is required for this ticket' },
      ]);
    const agreement = await trx
      .selectFrom('agreements')
      .select(['id', 'client_id'])
      .where('id', '=', agreementId)
      .executeTakeFirst();
    if (!agreement)
      throw invalidInput('The agreement does not exist.', [
        { path: 'agreementId', message: 'no such agreement' },
      ]);
    if (ticket && ticket.client_id !== agreement.client_id) {
      throw invalidInput('The ticket and the agreement belong to different clients.', [
        { path: 'agreementId', message: 'is not an agreement of the ticket’s client' },
      ]);
    }
    if (input.projectId) await assertProjectForTime(trx, input.projectId, agreement.client_id);
    return agreement.id;
  }

  private async assertProjectOfAgreement(trx: Executor, projectId: string, agreementId: string) {
    const agreement = await trx
      .selectFrom('agreements')
      .select('client_id')
      .where('id', '=', agreementId)
      .executeTakeFirstOrThrow();
    await assertProjectForTime(trx, projectId, agreement.client_id);
  }

  private async assertAgencyUser(trx: Executor, userId: string | undefined): Promise<void> {
    if (!userId) return;
    const user = await trx.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
    if (!user || !isAgency({ role: user.role } as Actor))
      throw invalidInput('Time is logged by agency staff.', [
        { path: 'userId', message: 'no such agency user' },
      ]);
  }
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === 2 &&
      /^\d{4}-\d{2}-\d{2}$/.test(String(values[0])) &&
      /^[0-9a-f-]{36}$/.test(String(values[1]))
    ) {
      return [String(values[0]), String(values[1])];
    }
  } catch {
    // fall through
  }
  throw invalidInput('The cursor is not one this API handed out.', [
    { path: 'cursor', message: 'is invalid' },
  ]);
}

import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../errors';
import type { TicketEventRow, TicketRow } from '../../db/schema';
import type { TicketListInput } from '../../schemas/tickets';
import { clientScope, isAgency } from '../access';
import type { CalendarCache } from '../calendars-service';
import type { Actor, ServiceDeps } from '../context';
import { listTicketAttachments } from '../attachments-service';
import { findVisibleTicket } from './ticket-access';
import { toTicketDto } from './ticket-dto';
import { computeSla, loadEventsByTicket, loadSlaContexts, toSlaDto } from './ticket-sla';

type QueueCursor = [due: string, rank: number, createdAt: string, id: string];
type NewestCursor = [createdAt: string, id: string];

export class TicketQueries {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  async get(actor: Actor, id: string) {
    const ticket = await findVisibleTicket(this.deps.db, actor, id);
    const [withSla] = await this.attachSla([ticket]);
    if (!withSla) throw new Error('attachSla returned no row for one ticket');
    let comments = this.deps.db
      .selectFrom('ticket_comments')
      .leftJoin('users', 'users.id', 'ticket_comments.author_id')
      .selectAll('ticket_comments')
      .select(['users.name as author_name', 'users.role as author_role'])
      .where('ticket_id', '=', ticket.id);
    if (!isAgency(actor)) comments = comments.where('visibility', '=', 'public');
    const links = await this.deps.db
      .selectFrom('ticket_links')
      .innerJoin('tickets as other', (join) =>
        join
          .on((eb) =>
            eb.or([
              eb('other.id', '=', eb.ref('ticket_links.to_ticket_id')),
              eb('other.id', '=', eb.ref('ticket_links.from_ticket_id')),
            ]),
          )
          .on('other.id', '!=', ticket.id),
      )
      .select([
        'ticket_links.from_ticket_id',
        'ticket_links.to_ticket_id',
        'ticket_links.kind',
        'ticket_links.created_at',
        'other.id as other_id',
        'other.number as other_number',
        'other.subject as other_subject',
        'other.status as other_status',
      ])
      .where((eb) =>
        eb.or([
          eb('ticket_links.from_ticket_id', '=', ticket.id),
          eb('ticket_links.to_ticket_id', '=', ticket.id),
        ]),
      )
      .execute();
    const attachments = await listTicketAttachments(this.deps.db, actor, ticket.id);
    return {
      ...withSla,
      attachments,
      comments: (
        await comments.orderBy('ticket_comments.created_at').orderBy('ticket_comments.seq').execute()
      ).map((c) => ({
        id: c.id,
        authorId: c.author_id,
        authorName: c.author_name,
        byAgency: c.author_role === 'agency_admin' || c.author_role === 'agency_engineer',
        body: c.body,
        visibility: c.visibility,
        assessment: c.is_assessment,
        createdAt: c.created_at,
      })),
      links: links.map((link) => ({
        direction: link.from_ticket_id === ticket.id ? ('outgoing' as const) : ('incoming' as const),
        kind: link.kind,
        ticket: {
          id: link.other_id,
          number: link.other_number,
          subject: link.other_subject,
          status: link.other_status,
        },
        createdAt: link.created_at,
      })),
    };
  }

  async events(actor: Actor, id: string) {
    const ticket = await findVisibleTicket(this.deps.db, actor, id);
    const rows = await this.deps.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows
      .filter((row) => isAgency(actor) || !isInternalEvent(row))
      .map((row) => ({ id: row.id, type: row.type, at: row.at, actorId: row.actor_id, data: row.data }));
  }

  async list(actor: Actor, input: TicketListInput) {
    const scope = clientScope(actor);
    let query = this.deps.db.selectFrom('tickets').selectAll();
    if (scope) query = query.where('client_id', '=', scope);
    if (input.clientId) query = query.where('client_id', '=', input.clientId);
    if (input.status?.length) query = query.where('status', 'in', input.status);
    if (input.priority?.length) query = query.where('priority', 'in', input.priority);
    if (input.kind?.length) query = query.where('kind', 'in', input.kind);
    if (input.assigneeId) query = query.where('assignee_id', '=', input.assigneeId);
    if (input.mine) query = query.where('assignee_id', '=', actor.userId);
    if (input.open) query = query.where('status', 'not in', ['resolved', 'closed']);
    if (input.sort === 'queue') {
      if (input.cursor) {
        const [due, rank, createdAt, id] = decodeCursor<QueueCursor>(input.cursor, 4);
        query = query.where(
          sql<boolean>`(queue_due_at, priority_rank, created_at, id) > (${due}::timestamptz, ${rank}, ${createdAt}::timestamptz, ${id}::uuid)`,
        );
      }
      query = query.orderBy('queue_due_at').orderBy('priority_rank').orderBy('created_at').orderBy('id');
    } else {
      if (input.cursor) {
        const [createdAt, id] = decodeCursor<NewestCursor>(input.cursor, 2);
        query = query.where(sql<boolean>`(created_at, id) < (${createdAt}::timestamptz, ${id}::uuid)`);
      }
      query = query.orderBy('created_at', 'desc').orderBy('id', 'desc');
    }
    const rows = await query.limit(input.limit + 1).execute();
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > input.limit && last
        ? encodeCursor(
            input.sort === 'queue' ? queueCursorOf(last) : [last.created_at.toISOString(), last.id],
          )
        : null;
    return { items: await this.attachSla(page), nextCursor };
  }

  /** Derives every ticket's SLA block from its history, in two queries for the whole page. */
  async attachSla(tickets: readonly TicketRow[]) {
    const now = this.deps.clock.now();
    const contexts = await loadSlaContexts(
      this.deps.db,
      tickets.flatMap((t) => (t.agreement_id ? [t.agreement_id] : [])),
    );
    const events = await loadEventsByTicket(
      this.deps.db,
      tickets.map((t) => t.id),
    );
    return tickets.map((ticket) => {
      const context = ticket.agreement_id ? contexts.get(ticket.agreement_id) : undefined;
      const sla = computeSla(context, events.get(ticket.id) ?? [], this.calendars, now);
      return { ...toTicketDto(ticket), sla: toSlaDto(sla, context?.policyId ?? null) };
    });
  }
}

/** Internal notes, and anything attached to them, are agency-only in the history too. */
function isInternalEvent(row: TicketEventRow): boolean {
  return (row.data as { visibility?: string }).visibility === 'internal';
}

function queueCursorOf(row: TicketRow): QueueCursor {
  // 'infinity' comes back as Infinity from pg and as an invalid Date from PGlite.
  const raw = row.queue_due_at as Date | number;
  const due = raw instanceof Date && Number.isFinite(raw.getTime()) ? raw.toISOString() : 'infinity';
  return [due, row.priority_rank, row.created_at.toISOString(), row.id];
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const CursorInstant = z.union([z.literal('infinity'), z.iso.datetime({ offset: true })]);
const CURSOR_SHAPES = {
  4: z.tuple([CursorInstant, z.number().int(), z.iso.datetime({ offset: true }), z.uuid()]),
  2: z.tuple([z.iso.datetime({ offset: true }), z.uuid()]),
} as const;

function decodeCursor<T extends unknown[]>(cursor: string, length: 2 | 4): T {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const parsed = CURSOR_SHAPES[length].safeParse(values);
    if (parsed.success) return parsed.data as unknown as T;
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid_input', 'The cursor is not one this API handed out.', {
    issues: [{ path: 'cursor', message: 'is invalid' }],
  });
}

import type { Readable } from 'node:stream';
import { AppError, invalidInput, notFound } from '../errors';
import type { AttachmentRow } from '../db/schema';
import type { FileAttachmentStore, StoredFile } from '../storage/attachment-store';
import { isAgency } from './access';
import type { Actor, Executor, ServiceDeps } from './context';
import { findVisibleTicket } from './tickets/ticket-access';
import { appendEvents } from './tickets/ticket-history';

export interface ReceivedFile extends StoredFile {
  filename: string;
  contentType: string;
}

export function toAttachmentDto(row: AttachmentRow) {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    commentId: row.comment_id,
    filename: row.filename,
    contentType: row.content_type,
    size: row.size_bytes,
    createdAt: row.created_at,
    url: `/api/v1/attachments/${row.id}`,
  };
}

/** A ticket's attachments as the actor may see them: clients never see what hangs on an internal note. */
export async function listTicketAttachments(db: Executor, actor: Actor, ticketId: string) {
  let query = db
    .selectFrom('attachments')
    .leftJoin('ticket_comments', 'ticket_comments.id', 'attachments.comment_id')
    .selectAll('attachments')
    .where('attachments.ticket_id', '=', ticketId);
  if (!isAgency(actor)) {
    query = query.where((eb) =>
      eb.or([eb('attachments.comment_id', 'is', null), eb('ticket_comments.visibility', '=', 'public')]),
    );
  }
  return (await query.orderBy('attachments.created_at').orderBy('attachments.filename').execute()).map(
    toAttachmentDto,
  );
}

/** Content types a browser may show inline; everything else downloads, so an uploaded page never runs. */
const INLINE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
]);

export class AttachmentsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly store: FileAttachmentStore,
  ) {}

  /** Checked before any byte is accepted: only those who may see the ticket may attach to it. */
  async assertMayAttach(actor: Actor, ticketId: string): Promise<void> {
    await findVisibleTicket(this.deps.db, actor, ticketId);
  }

  receive(source: Readable): Promise<StoredFile> {
    return this.store.receive(source, this.deps.config.attachmentMaxBytes);
  }

  /** Records received files on the ticket in one transaction; if that fails, their bytes are removed. */
  async record(actor: Actor, ticketId: string, commentId: string | null, files: readonly ReceivedFile[]) {
    try {
      if (files.length === 0)
        throw invalidInput('Attach at least one file.', [{ path: 'file', message: 'is required' }]);
      return await this.deps.db.transaction().execute(async (trx) => {
        const ticket = await findVisibleTicket(trx, actor, ticketId, { forUpdate: true });
        if (commentId) await this.assertCommentOf(trx, actor, ticket.id, commentId);
        const now = this.deps.clock.now();
        const rows = await trx
          .insertInto('attachments')
          .values(
            files.map((file) => ({
              ticket_id: ticket.id,
              comment_id: commentId,
              filename: cleanFilename(file.filename),
              content_type: file.contentType || 'application/octet-stream',
              size_bytes: file.size,
              sha256: file.sha256,
              storage_key: file.key,
              uploaded_by: actor.userId,
              created_at: now,
            })),
          )
          .returningAll()
          .execute();
        const internal = commentId ? await this.isInternalComment(trx, commentId) : false;
        await appendEvents(trx, ticket.id, actor, now, [
          {
            type: 'attachments_added',
            data: {
              attachmentIds: rows.map((row) => row.id),
              commentId,
              visibility: internal ? 'internal' : 'public',
            },
          },
        ]);
        return rows.map(toAttachmentDto);
      });
    } catch (error) {
      await Promise.all(files.map((file) => this.store.discard(file.key)));
      throw error;
    }
  }

  async discard(files: readonly StoredFile[]): Promise<void> {
    await Promise.all(files.map((file) => this.store.discard(file.key)));
  }

  /** The file for a download, if the actor may see its ticket (and its comment, when internal). */
  async open(actor: Actor, attachmentId: string) {
    const row = await this.deps.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    if (!row) throw notFound('Attachment');
    await findVisibleTicket(this.deps.db, actor, row.ticket_id).catch(() => {
      throw notFound('Attachment');
    });
    if (row.comment_id && !isAgency(actor) && (await this.isInternalComment(this.deps.db, row.comment_id)))
      throw notFound('Attachment');
    const file = await this.store.open(row.storage_key);
    return {
      ...file,
      filename: row.filename,
      contentType: row.content_type,
      inline: INLINE_TYPES.has(row.content_type),
    };
  }

  private async assertCommentOf(
    trx: Executor,
    actor: Actor,
    ticketId: string,
    commentId: string,
  ): Promise<void> {
    const comment = await trx
      .selectFrom('ticket_comments')
      .select(['ticket_id', 'visibility', 'author_id'])
      .where('id', '=', commentId)
      .executeTakeFirst();
    const hidden = comment?.visibility === 'internal' && !isAgency(actor);
    if (!comment || comment.ticket_id !== ticketId || hidden) {
      throw invalidInput('The comment is not one of this ticket’s.', [
        { path: 'commentId', message: 'no such comment on this ticket' },
      ]);
    }
    if (comment.author_id !== actor.userId && !isAgency(actor))
      throw new AppError('forbidden', 'Attach files to your own replies only.');
  }

  private async isInternalComment(db: Executor, commentId: string): Promise<boolean> {
    const comment = await db
      .selectFrom('ticket_comments')
      .select('visibility')
      .where('id', '=', commentId)
      .executeTakeFirst();
    return comment?.visibility === 'internal';
  }
}

/** Keeps the name a person gave the file, minus paths and control characters. */
function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((char) => char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 255);
  return cleaned || 'attachment';
}

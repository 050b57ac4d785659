import { Readable } from 'node:stream';
import { AppError } from '../../errors';
import type { EmailTriageRow, InboundItemRow, MailboxRow, TicketRow } from '../../db/schema';
import { AttachmentsService, type ReceivedFile } from '../../services/attachments-service';
import { isAgency } from '../../services/access';
import { recordAudit } from '../../services/audit';
import type { Actor, Executor } from '../../services/context';
import { TicketCommands } from '../../services/tickets/ticket-commands';
import {
  actorOfUser,
  addressOf,
  integrationActor,
  joinTransaction,
  type EmailContext,
} from './email-context';
import { parseEmail, type ParsedEmail } from './parse';
import { cleanSubject, findThreadReference, ourMessageIdsIn, ticketIdOfMessageId } from './threading';

/** What the poller stores in `inbound_items.payload` for a message. */
export interface EmailInboundPayload {
  mailboxId: string;
  uid: number;
  /** How `raw` holds the message's bytes (see rawText in imap-poll.ts); utf8 when absent. */
  rawEncoding?: 'latin1';
}

function rawBytes(item: InboundItemRow): Buffer {
  const payload = item.payload as Partial<EmailInboundPayload> | null;
  return Buffer.from(item.raw ?? '', payload?.rawEncoding === 'latin1' ? 'latin1' : 'utf8');
}

/** Public mail providers: a sender's domain there says nothing about which client they work for. */
const PUBLIC_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  't-online.de',
  'proton.me',
  'protonmail.com',
]);

const MAX_BODY = 100_000;

type Sender =
  | { kind: 'client_user'; actor: Actor }
  | { kind: 'client'; clientId: string; how: 'domain' | 'mailbox' }
  | { kind: 'staff'; actor: Actor }
  | { kind: 'unknown' };

export type EmailResult =
  | { outcome: 'ticket_created'; ticketId: string; attachments: number; skippedAttachments: string[] }
  | {
      outcome: 'comment_added';
      ticketId: string;
      commentId: string;
      attachments: number;
      skippedAttachments: string[];
    }
  | { outcome: 'held_for_triage'; triageId: string; reason: EmailTriageRow['reason'] }
  | { outcome: 'recorded'; kind: 'auto_reply' | 'bounce'; ticketId: string | null }
  | { outcome: 'ignored'; reason: 'own_address' | 'already_received' };

/**
 * The inbound processor for `source: 'email'` items: parses the raw message, recognises automatic mail, maps
 * the sender to a client, and threads it onto its ticket or raises a new one, all inside `trx`.
 *
 * - Auto-replies and bounces are recorded (a bounce also as an internal note on the ticket it returns) and
 *   never answered; they change no status and resume no clock.
 * - Mailing-list mail and mail from senders Tend cannot place are held in `email_triage`, never dropped.
 * - A client user's reply (our Message-ID in In-Reply-To/References, a Message-ID already on a ticket, or
 *   `[#123]` in the subject) becomes their public comment; anything else from a client is a new ticket
 *   (channel `email`), raised on behalf of the mailbox's admin with the sender as requester. A sender unknown
 *   by address but whose domain is one client's (or who wrote to a per-client mailbox) becomes a client user
 *   without a password (they can be invited later).
 * - Attachments are stored through the attachment store with the size limit; a file over it is skipped and
 *   named in the result and in the text.
 */
export async function processEmailItem(
  ctx: EmailContext,
  item: InboundItemRow,
  trx: Executor,
): Promise<EmailResult> {
  if (!item.raw) throw new Error('An email item without its raw message cannot be processed.');
  const payload = item.payload as EmailInboundPayload;
  const mailbox = payload.mailboxId
    ? ((await trx
        .selectFrom('mailboxes')
        .selectAll()
        .where('id', '=', payload.mailboxId)
        .executeTakeFirst()) ?? null)
    : null;
  const mail = await parseEmail(rawBytes(item));
  const ownAddresses = await ownAddressesOf(ctx, trx);
  if (ownAddresses.has(mail.from.address)) return { outcome: 'ignored', reason: 'own_address' };
  const seen = await trx
    .selectFrom('email_messages')
    .select('id')
    .where('direction', '=', 'in')
    .where('message_id', '=', mail.messageId)
    .executeTakeFirst();
  if (seen) return { outcome: 'ignored', reason: 'already_received' };

  if (mail.kind === 'auto_reply' || mail.kind === 'bounce')
    return recordAutomatic(ctx, trx, item, mailbox, mail);
  if (mail.kind === 'list') return holdForTriage(trx, item, mailbox, mail, 'list');

  const sender = await identifySender(trx, mail.from.address, mailbox);
  const ticket = await findThreadTicket(trx, mail);
  if (sender.kind === 'staff') {
    if (!ticket) return holdForTriage(trx, item, mailbox, mail, 'staff_sender');
    return addComment(ctx, trx, item, mailbox, mail, ticket, sender.actor);
  }
  if (sender.kind === 'unknown') return holdForTriage(trx, item, mailbox, mail, 'unknown_sender');
  const clientId = sender.kind === 'client_user' ? sender.actor.organizationId : sender.clientId;
  if (ticket && ticket.client_id !== clientId) return holdForTriage(trx, item, mailbox, mail, 'other_client');
  const requester =
    sender.kind === 'client_user' ? sender.actor : await ensureClientUser(ctx, trx, clientId, mail, mailbox);
  return deliverToClient(ctx, trx, item, mailbox, mail, requester, ticket);
}

/** A held message assigned by staff to a client: its sender joins the client, and it is delivered as theirs. */
export async function deliverHeldEmail(
  ctx: EmailContext,
  trx: Executor,
  triage: EmailTriageRow,
  clientId: string,
) {
  const item = await trx
    .selectFrom('inbound_items')
    .selectAll()
    .where('id', '=', triage.inbound_item_id)
    .executeTakeFirstOrThrow();
  const mailbox = triage.mailbox_id
    ? ((await trx
        .selectFrom('mailboxes')
        .selectAll()
        .where('id', '=', triage.mailbox_id)
        .executeTakeFirst()) ?? null)
    : null;
  const mail = await parseEmail(rawBytes(item));
  const existing = await trx
    .selectFrom('users')
    .select(['id', 'organization_id'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', mail.from.address))
    .executeTakeFirst();
  if (existing && existing.organization_id !== clientId)
    throw new AppError('conflict', `${mail.from.address} is a user of another organisation.`);
  const requester = existing
    ? await actorOfUser(trx, existing.id)
    : await ensureClientUser(ctx, trx, clientId, mail, mailbox);
  if (!requester) throw new AppError('conflict', `${mail.from.address} is a disabled user.`);
  const ticket = await findThreadTicket(trx, mail);
  return deliverToClient(
    ctx,
    trx,
    item,
    mailbox,
    mail,
    requester,
    ticket && ticket.client_id === clientId ? ticket : null,
  );
}

async function deliverToClient(
  ctx: EmailContext,
  trx: Executor,
  item: InboundItemRow,
  mailbox: MailboxRow | null,
  mail: ParsedEmail,
  requester: Actor,
  ticket: TicketRow | null,
): Promise<EmailResult> {
  if (ticket) return addComment(ctx, trx, item, mailbox, mail, ticket, requester);
  const joined = { ...ctx.deps, db: joinTransaction(trx) };
  const integration = await integrationActor(trx, mailbox?.created_by ?? null);
  const files = await receiveAttachments(ctx, mail);
  const { ticket: created } = await new TicketCommands(joined, ctx.calendars).create(integration, {
    clientId: requester.organizationId,
    subject: cleanSubject(mail.subject).slice(0, 300),
    body: withSkippedNote(mail.fullText || mail.text, files.skipped),
    channel: 'email',
    priority: 'medium',
    requesterId: requester.userId,
  });
  if (files.received.length > 0)
    await new AttachmentsService(joined, ctx.store).record(integration, created.id, null, files.received);
  await recordMessage(trx, item, mailbox, mail, { ticketId: created.id, commentId: null });
  return {
    outcome: 'ticket_created',
    ticketId: created.id,
    attachments: files.received.length,
    skippedAttachments: files.skipped,
  };
}

async function addComment(
  ctx: EmailContext,
  trx: Executor,
  item: InboundItemRow,
  mailbox: MailboxRow | null,
  mail: ParsedEmail,
  ticket: TicketRow,
  author: Actor,
): Promise<EmailResult> {
  const joined = { ...ctx.deps, db: joinTransaction(trx) };
  const files = await receiveAttachments(ctx, mail);
  const body = withSkippedNote(mail.text, files.skipped) || '(empty message)';
  const { comment } = await new TicketCommands(joined, ctx.calendars).comment(author, ticket.id, {
    body,
    visibility: 'public',
    assessment: false,
  });
  if (files.received.length > 0)
    await new AttachmentsService(joined, ctx.store).record(author, ticket.id, comment.id, files.received);
  await recordMessage(trx, item, mailbox, mail, { ticketId: ticket.id, commentId: comment.id });
  return {
    outcome: 'comment_added',
    ticketId: ticket.id,
    commentId: comment.id,
    attachments: files.received.length,
    skippedAttachments: files.skipped,
  };
}

/** Auto-replies and bounces: recorded against their ticket, never answered, no status or clock changes. */
async function recordAutomatic(
  ctx: EmailContext,
  trx: Executor,
  item: InboundItemRow,
  mailbox: MailboxRow | null,
  mail: ParsedEmail,
): Promise<EmailResult> {
  const kind = mail.kind as 'auto_reply' | 'bounce';
  // A bounce rarely threads: the message it returns (quoted in the report) carries our Message-ID.
  const candidates = kind === 'bounce' ? ourMessageIdsIn(item.raw ?? '') : [];
  let ticket = await findThreadTicket(trx, mail);
  for (const id of candidates) {
    if (ticket) break;
    const ticketId = ticketIdOfMessageId(id);
    ticket = ticketId ? await ticketById(trx, ticketId) : null;
  }
  if (ticket && kind === 'bounce') {
    const integration = await integrationActor(trx, mailbox?.created_by ?? null);
    const joined = { ...ctx.deps, db: joinTransaction(trx) };
    await new TicketCommands(joined, ctx.calendars).comment(integration, ticket.id, {
      body: bounceNote(item.raw ?? ''),
      visibility: 'internal',
      assessment: false,
    });
  }
  await recordMessage(trx, item, mailbox, mail, { ticketId: ticket?.id ?? null, commentId: null });
  return { outcome: 'recorded', kind, ticketId: ticket?.id ?? null };
}

function bounceNote(raw: string): string {
  const recipient = /^Final-Recipient:\s*(?:rfc822;)?\s*(.+)$/im.exec(raw)?.[1]?.trim();
  const diagnostic = /^Diagnostic-Code:\s*(?:smtp;)?\s*(.+)$/im.exec(raw)?.[1]?.trim();
  const status = /^Status:\s*(\S+)/im.exec(raw)?.[1];
  return [
    `Email to ${recipient ?? 'the requester'} could not be delivered (bounce${status ? `, status ${status}` : ''}).`,
    ...(diagnostic ? [`The receiving server said: ${diagnostic}`] : []),
  ].join('\n');
}

async function holdForTriage(
  trx: Executor,
  item: InboundItemRow,
  mailbox: MailboxRow | null,
  mail: ParsedEmail,
  reason: EmailTriageRow['reason'],
): Promise<EmailResult> {
  const row = await trx
    .insertInto('email_triage')
    .values({
      inbound_item_id: item.id,
      mailbox_id: mailbox?.id ?? null,
      reason,
      from_address: mail.from.address || '(no sender)',
      from_name: mail.from.name,
      subject: mail.subject || '(no subject)',
      preview: (mail.text || mail.fullText).slice(0, 2000),
      received_at: item.received_at,
    })
    .onConflict((oc) => oc.column('inbound_item_id').doUpdateSet({ status: 'held' }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return { outcome: 'held_for_triage', triageId: row.id, reason };
}

async function identifySender(trx: Executor, address: string, mailbox: MailboxRow | null): Promise<Sender> {
  if (!address) return { kind: 'unknown' };
  const user = await trx
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', address))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const actor = user ? await actorOfUser(trx, user.id) : null;
  if (actor) return isAgency(actor) ? { kind: 'staff', actor } : { kind: 'client_user', actor };
  const domain = address.split('@')[1] ?? '';
  if (domain && !PUBLIC_DOMAINS.has(domain)) {
    const clients = await trx
      .selectFrom('users')
      .innerJoin('organizations', 'organizations.id', 'users.organization_id')
      .select('organizations.id')
      .distinct()
      .where('organizations.kind', '=', 'client')
      .where((eb) => eb(eb.fn('lower', ['users.email']), 'like', `%@${domain.replace(/[%_\\]/g, '\\$&')}`))
      .execute();
    // Only a domain that belongs to exactly one client says who the sender works for.
    if (clients.length === 1) return { kind: 'client', clientId: clients[0]!.id, how: 'domain' };
  }
  if (mailbox?.client_id) return { kind: 'client', clientId: mailbox.client_id, how: 'mailbox' };
  return { kind: 'unknown' };
}

async function ensureClientUser(
  ctx: EmailContext,
  trx: Executor,
  clientId: string,
  mail: ParsedEmail,
  mailbox: MailboxRow | null,
): Promise<Actor> {
  const now = ctx.deps.clock.now();
  const row = await trx
    .insertInto('users')
    .values({
      organization_id: clientId,
      email: mail.from.address,
      name: (mail.from.name ?? mail.from.address.split('@')[0] ?? mail.from.address).slice(0, 200),
      role: 'client_member',
      password_hash: null,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'organization_id', 'role', 'email', 'name'])
    .executeTakeFirstOrThrow();
  const integration = await integrationActor(trx, mailbox?.created_by ?? null);
  await recordAudit(trx, integration, {
    action: 'user.created_from_email',
    entity: 'user',
    entityId: row.id,
    organizationId: clientId,
    at: now,
    data: { email: row.email, role: row.role },
  });
  return {
    userId: row.id,
    organizationId: row.organization_id,
    role: row.role,
    email: row.email,
    name: row.name,
  };
}

async function ticketById(trx: Executor, id: string): Promise<TicketRow | null> {
  return (await trx.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** The ticket a message answers: our Message-IDs, then Message-IDs already on a ticket, then `[#123]`. */
export async function findThreadTicket(trx: Executor, mail: ParsedEmail): Promise<TicketRow | null> {
  const reference = findThreadReference(mail);
  for (const id of reference.ticketIds) {
    const ticket = await ticketById(trx, id);
    if (ticket) return ticket;
  }
  if (reference.messageIds.length > 0) {
    const known = await trx
      .selectFrom('email_messages')
      .select('ticket_id')
      .where('message_id', 'in', reference.messageIds)
      .where('ticket_id', 'is not', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (known?.ticket_id) return ticketById(trx, known.ticket_id);
  }
  if (reference.ticketNumber !== null) {
    return (
      (await trx
        .selectFrom('tickets')
        .selectAll()
        .where('number', '=', reference.ticketNumber)
        .executeTakeFirst()) ?? null
    );
  }
  return null;
}

async function receiveAttachments(ctx: EmailContext, mail: ParsedEmail) {
  const received: ReceivedFile[] = [];
  const skipped: string[] = [];
  try {
    for (const attachment of mail.attachments) {
      try {
        const stored = await ctx.store.receive(
          Readable.from(attachment.content),
          ctx.deps.config.attachmentMaxBytes,
        );
        received.push({ ...stored, filename: attachment.filename, contentType: attachment.contentType });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'payload_too_large') throw error;
        skipped.push(attachment.filename);
      }
    }
  } catch (error) {
    await Promise.all(received.map((file) => ctx.store.discard(file.key)));
    throw error;
  }
  return { received, skipped };
}

function withSkippedNote(text: string, skipped: readonly string[]): string {
  const note = skipped.length
    ? `\n\n(Not stored, larger than the attachment limit: ${skipped.join(', ')})`
    : '';
  return (text.slice(0, MAX_BODY - note.length) + note).trim();
}

async function recordMessage(
  trx: Executor,
  item: InboundItemRow,
  mailbox: MailboxRow | null,
  mail: ParsedEmail,
  links: { ticketId: string | null; commentId: string | null },
): Promise<void> {
  await trx
    .insertInto('email_messages')
    .values({
      direction: 'in',
      message_id: mail.messageId,
      ticket_id: links.ticketId,
      comment_id: links.commentId,
      mailbox_id: mailbox?.id ?? null,
      inbound_item_id: item.id,
      kind: mail.kind,
      from_address: mail.from.address || '(no sender)',
      to_address: mail.to.join(', ') || mailbox?.address || '',
      subject: mail.subject,
      in_reply_to: mail.inReplyTo,
      references_ids: mail.references,
      status: 'recorded',
      created_at: item.received_at,
    })
    .execute();
}

async function ownAddressesOf(ctx: EmailContext, trx: Executor): Promise<Set<string>> {
  const mailboxes = await trx.selectFrom('mailboxes').select('address').execute();
  return new Set([addressOf(ctx.deps.config.mailFrom), ...mailboxes.map((row) => row.address.toLowerCase())]);
}

/** The processor to register for `source: 'email'` in the inbound processors. */
export function createEmailProcessor(ctx: EmailContext) {
  return (item: InboundItemRow, trx: Executor) => processEmailItem(ctx, item, trx);
}

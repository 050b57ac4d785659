import { AppError, invalidInput, notFound } from '../../errors';
import type { EmailMessageRow, EmailTriageRow, MailboxRow } from '../../db/schema';
import type { MailboxCreateInput, MailboxUpdateInput } from '../../schemas/mailboxes';
import { isAgency, requireAgency, requireAgencyAdmin } from '../../services/access';
import { recordAudit } from '../../services/audit';
import type { Actor, Executor } from '../../services/context';
import { findVisibleTicket } from '../../services/tickets/ticket-access';
import type { EmailContext } from './email-context';
import { deliverHeldEmail } from './inbound-email';

/** A mailbox as the API shows it: the password is never returned, only whether one is set. */
export function toMailboxDto(row: MailboxRow) {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    host: row.host,
    port: row.port,
    tls: row.tls,
    username: row.username,
    passwordSet: row.password.length > 0,
    folder: row.folder,
    clientId: row.client_id,
    enabled: row.enabled,
    lastPolledAt: row.last_polled_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toTriageDto(row: EmailTriageRow) {
  return {
    id: row.id,
    inboundItemId: row.inbound_item_id,
    mailboxId: row.mailbox_id,
    reason: row.reason,
    fromAddress: row.from_address,
    fromName: row.from_name,
    subject: row.subject,
    preview: row.preview,
    status: row.status,
    ticketId: row.ticket_id,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    receivedAt: row.received_at,
  };
}

export function toEmailMessageDto(row: EmailMessageRow) {
  return {
    id: row.id,
    direction: row.direction,
    messageId: row.message_id,
    kind: row.kind,
    purpose: row.purpose,
    from: row.from_address,
    to: row.to_address,
    subject: row.subject,
    status: row.status,
    commentId: row.comment_id,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

/** Mailboxes (admins), the triage of held mail (staff), and a ticket's mail (staff). */
export class MailboxesService {
  constructor(private readonly ctx: EmailContext) {}

  private get db() {
    return this.ctx.deps.db;
  }

  async list(actor: Actor) {
    requireAgencyAdmin(actor);
    return (await this.db.selectFrom('mailboxes').selectAll().orderBy('name').execute()).map(toMailboxDto);
  }

  async create(actor: Actor, input: MailboxCreateInput) {
    requireAgencyAdmin(actor);
    const now = this.ctx.deps.clock.now();
    return this.db.transaction().execute(async (trx) => {
      await this.assertClient(trx, input.clientId);
      const row = await trx
        .insertInto('mailboxes')
        .values({
          name: input.name,
          address: input.address.toLowerCase(),
          host: input.host,
          port: input.port,
          tls: input.tls,
          username: input.username,
          password: input.password,
          folder: input.folder,
          client_id: input.clientId,
          enabled: input.enabled,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'mailbox.created',
        entity: 'mailbox',
        entityId: row.id,
        at: now,
        data: { name: row.name, host: row.host },
      });
      return toMailboxDto(row);
    });
  }

  async update(actor: Actor, id: string, input: MailboxUpdateInput) {
    requireAgencyAdmin(actor);
    const now = this.ctx.deps.clock.now();
    return this.db.transaction().execute(async (trx) => {
      if (input.clientId !== undefined) await this.assertClient(trx, input.clientId);
      const row = await trx
        .updateTable('mailboxes')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.address !== undefined ? { address: input.address.toLowerCase() } : {}),
          ...(input.host !== undefined ? { host: input.host } : {}),
          ...(input.port !== undefined ? { port: input.port } : {}),
          ...(input.tls !== undefined ? { tls: input.tls } : {}),
          ...(input.username !== undefined ? { username: input.username } : {}),
          ...(input.password !== undefined ? { password: input.password } : {}),
          ...(input.folder !== undefined ? { folder: input.folder } : {}),
          ...(input.clientId !== undefined ? { client_id: input.clientId } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound('Mailbox');
      await recordAudit(trx, actor, {
        action: 'mailbox.updated',
        entity: 'mailbox',
        entityId: row.id,
        at: now,
        data: {
          fields: Object.keys(input).filter((key) => key !== 'password'),
          passwordChanged: input.password !== undefined,
        },
      });
      return toMailboxDto(row);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    requireAgencyAdmin(actor);
    const now = this.ctx.deps.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.deleteFrom('mailboxes').where('id', '=', id).returning('name').executeTakeFirst();
      if (!row) throw notFound('Mailbox');
      await recordAudit(trx, actor, {
        action: 'mailbox.deleted',
        entity: 'mailbox',
        entityId: id,
        at: now,
        data: { name: row.name },
      });
    });
  }

  async listTriage(actor: Actor, status: EmailTriageRow['status']) {
    requireAgency(actor);
    return (
      await this.db
        .selectFrom('email_triage')
        .selectAll()
        .where('status', '=', status)
        .orderBy('received_at', 'desc')
        .limit(500)
        .execute()
    ).map(toTriageDto);
  }

  /** Staff place held mail with a client: the sender joins it (no password) and the mail becomes theirs. */
  async assignTriage(actor: Actor, id: string, clientId: string) {
    requireAgency(actor);
    return this.db.transaction().execute(async (trx) => {
      const triage = await this.heldTriage(trx, id);
      await this.assertClient(trx, clientId);
      const result = await deliverHeldEmail(this.ctx, trx, triage, clientId);
      const ticketId = 'ticketId' in result ? result.ticketId : null;
      const now = this.ctx.deps.clock.now();
      const row = await trx
        .updateTable('email_triage')
        .set({ status: 'assigned', ticket_id: ticketId, decided_by: actor.userId, decided_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'email_triage.assigned',
        entity: 'email_triage',
        entityId: id,
        organizationId: clientId,
        at: now,
        data: { ticketId },
      });
      return toTriageDto(row);
    });
  }

  /** Staff decide held mail needs no ticket; it stays listed under "dismissed" with its raw message. */
  async dismissTriage(actor: Actor, id: string) {
    requireAgency(actor);
    return this.db.transaction().execute(async (trx) => {
      await this.heldTriage(trx, id);
      const now = this.ctx.deps.clock.now();
      const row = await trx
        .updateTable('email_triage')
        .set({ status: 'dismissed', decided_by: actor.userId, decided_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'email_triage.dismissed',
        entity: 'email_triage',
        entityId: id,
        at: now,
      });
      return toTriageDto(row);
    });
  }

  /** A ticket's mail in and out (staff only: addresses and delivery states are the agency's business). */
  async ticketEmails(actor: Actor, ticketId: string) {
    const ticket = await findVisibleTicket(this.db, actor, ticketId);
    if (!isAgency(actor)) throw new AppError('forbidden', 'A ticket’s mail log is for agency staff.');
    return (
      await this.db
        .selectFrom('email_messages')
        .selectAll()
        .where('ticket_id', '=', ticket.id)
        .orderBy('created_at')
        .execute()
    ).map(toEmailMessageDto);
  }

  private async heldTriage(trx: Executor, id: string) {
    const triage = await trx
      .selectFrom('email_triage')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!triage) throw notFound('Held email');
    if (triage.status !== 'held')
      throw new AppError('invalid_transition', `This email was ${triage.status} already.`);
    return triage;
  }

  private async assertClient(trx: Executor, clientId: string | null) {
    if (!clientId) return;
    const client = await trx
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', clientId)
      .where('kind', '=', 'client')
      .executeTakeFirst();
    if (!client)
      throw invalidInput('The client does not exist.', [{ path: 'clientId', message: 'no such client' }]);
  }
}

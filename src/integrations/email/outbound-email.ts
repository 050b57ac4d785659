import { createTransport } from 'nodemailer';
import type { Executor, ServiceDeps } from '../../services/context';
import { isUnanswerableAddress } from './classify';
import { addressOf } from './email-context';
import { REPLY_MARKER } from './parse';
import { newMessageId, ticketSubject } from './threading';

export const EMAIL_SEND_JOB = 'email.send';

export type OutboundPurpose =
  'acknowledgement' | 'reply' | 'status' | 'estimate' | 'notify' | 'proposal' | 'report';

const STATUS_WORDS: Record<string, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  waiting_on_client: 'Waiting for your answer',
  resolved: 'Resolved',
  closed: 'Closed',
};

export interface TicketEmailInput {
  ticketId: string;
  purpose: OutboundPurpose;
  /** What the mail says, e.g. the public reply; the status line and the portal link are added. */
  text: string;
  status?: string | undefined;
  /** Another recipient than the requester, e.g. a client admin who decides on a proposal. */
  to?: string | undefined;
}

/**
 * Queues mail to a ticket's requester in the caller's transaction (the mail exists if and only if the change
 * does): an `email_messages` row (pending) and an `email.send` job. Threaded onto the ticket's earlier mail
 * (In-Reply-To the latest message, References the thread). Nothing is queued without SMTP_URL, without a
 * requester, or to an address Tend never writes to (mail daemons, no-reply senders).
 */
export async function queueTicketEmail(
  trx: Executor,
  deps: ServiceDeps,
  input: TicketEmailInput,
): Promise<string | null> {
  if (!deps.config.smtpUrl) return null;
  const ticket = await trx
    .selectFrom('tickets')
    .leftJoin('users', 'users.id', 'tickets.requester_id')
    .select(['tickets.id', 'tickets.number', 'tickets.subject', 'users.email', 'users.disabled_at'])
    .where('tickets.id', '=', input.ticketId)
    .executeTakeFirst();
  if (!ticket) return null;
  const to = input.to ?? (ticket.disabled_at ? null : ticket.email);
  if (!to || isUnanswerableAddress(to)) return null;
  const thread = await trx
    .selectFrom('email_messages')
    .select(['message_id', 'mailbox_id'])
    .where('ticket_id', '=', ticket.id)
    .where('kind', '=', 'normal')
    .orderBy('created_at')
    .execute();
  const references = [...new Set(thread.map((row) => row.message_id))];
  const trimmed = references.length > 10 ? [references[0]!, ...references.slice(-9)] : references;
  const domain = addressOf(deps.config.mailFrom).split('@')[1] ?? 'tend.invalid';
  const portal = `${deps.config.publicUrl.replace(/\/$/, '')}/portal/requests/${ticket.id}`;
  const body = [
    REPLY_MARKER,
    '',
    input.text.trim(),
    '',
    ...(input.status ? [`Status: ${STATUS_WORDS[input.status] ?? input.status}`] : []),
    `Request #${ticket.number}: ${portal}`,
  ].join('\n');
  const row = await trx
    .insertInto('email_messages')
    .values({
      direction: 'out',
      message_id: newMessageId(ticket.id, domain),
      ticket_id: ticket.id,
      mailbox_id: thread.findLast((message) => message.mailbox_id)?.mailbox_id ?? null,
      kind: 'normal',
      purpose: input.purpose,
      from_address: deps.config.mailFrom,
      to_address: to,
      subject: ticketSubject(Number(ticket.number), ticket.subject),
      body_text: body,
      in_reply_to: references.at(-1) ?? null,
      references_ids: trimmed,
      status: 'pending',
      created_at: deps.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await deps.jobs.send(trx, EMAIL_SEND_JOB, { emailId: row.id }, { singletonKey: row.id });
  return row.id;
}

/** The archived report's PDF as a mail attachment (none when the message names no report). */
export async function reportAttachments(deps: ServiceDeps, reportId: string | null) {
  if (!reportId) return [];
  const report = await deps.db
    .selectFrom('monthly_reports')
    .innerJoin('organizations', 'organizations.id', 'monthly_reports.client_id')
    .select(['monthly_reports.pdf', 'monthly_reports.month', 'organizations.slug'])
    .where('monthly_reports.id', '=', reportId)
    .executeTakeFirst();
  if (!report) return [];
  return [
    {
      filename: `${report.slug}-report-${report.month}.pdf`,
      content: Buffer.from(report.pdf),
      contentType: 'application/pdf',
    },
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The `email.send` job: sends one queued message over SMTP (nodemailer) with our Message-ID, In-Reply-To and
 * References, a plain-text part (and the same text as escaped HTML), Reply-To the mailbox the ticket came in
 * through. Automatic notices say so (Auto-Submitted: auto-generated) and every message asks responders not to
 * auto-reply (X-Auto-Response-Suppress). A message already sent is not sent again.
 */
export async function sendQueuedEmail(
  deps: ServiceDeps,
  emailId: string,
): Promise<'sent' | 'suppressed' | 'skipped'> {
  const row = await deps.db
    .selectFrom('email_messages')
    .selectAll()
    .where('id', '=', emailId)
    .executeTakeFirst();
  if (!row || row.direction !== 'out' || row.status !== 'pending') return 'skipped';
  if (!deps.config.smtpUrl || isUnanswerableAddress(row.to_address)) {
    await deps.db
      .updateTable('email_messages')
      .set({ status: 'suppressed' })
      .where('id', '=', row.id)
      .execute();
    return 'suppressed';
  }
  const mailbox = row.mailbox_id
    ? await deps.db
        .selectFrom('mailboxes')
        .select('address')
        .where('id', '=', row.mailbox_id)
        .executeTakeFirst()
    : undefined;
  const automatic = row.purpose === 'status' || row.purpose === 'notify' || row.purpose === 'report';
  const attachments = await reportAttachments(deps, row.monthly_report_id);
  const transport = createTransport(deps.config.smtpUrl);
  try {
    await transport.sendMail({
      from: row.from_address,
      to: row.to_address,
      ...(mailbox ? { replyTo: mailbox.address } : {}),
      subject: row.subject,
      messageId: row.message_id,
      ...(row.in_reply_to ? { inReplyTo: row.in_reply_to } : {}),
      ...(row.references_ids.length ? { references: row.references_ids } : {}),
      text: row.body_text ?? '',
      html: `<div style="white-space: pre-wrap">${escapeHtml(row.body_text ?? '')}</div>`,
      ...(attachments.length ? { attachments } : {}),
      headers: {
        'X-Auto-Response-Suppress': 'All',
        ...(automatic ? { 'Auto-Submitted': 'auto-generated' } : {}),
      },
    });
  } finally {
    transport.close();
  }
  await deps.db
    .updateTable('email_messages')
    .set({ status: 'sent', sent_at: deps.clock.now() })
    .where('id', '=', row.id)
    .execute();
  return 'sent';
}

/** An `email.notify` job (SLA warnings to staff): a plain notice, marked automatic. */
export async function sendNotifyEmail(
  deps: ServiceDeps,
  job: { to: string; name: string; subject: string; text: string; url: string },
): Promise<'sent' | 'suppressed'> {
  if (!deps.config.smtpUrl || isUnanswerableAddress(job.to)) return 'suppressed';
  const transport = createTransport(deps.config.smtpUrl);
  try {
    await transport.sendMail({
      from: deps.config.mailFrom,
      to: { name: job.name, address: job.to },
      subject: job.subject,
      text: `${job.text.trim()}\n\n${job.url}\n`,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
  } finally {
    transport.close();
  }
  return 'sent';
}

import { randomBytes } from 'node:crypto';
import type { Executor, ServiceDeps } from '../../services/context';
import { isUnanswerableAddress } from './classify';
import { addressOf } from './email-context';
import { EMAIL_SEND_JOB } from './outbound-email';

export interface ReportEmailInput {
  reportId: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Queues the mail that sends an archived monthly report, in the caller's transaction: an `email_messages`
 * row naming the report (the `email.send` job attaches its PDF) and the job. Nothing is queued without
 * SMTP_URL or to an address Tend never writes to.
 */
export async function queueReportEmail(
  trx: Executor,
  deps: ServiceDeps,
  input: ReportEmailInput,
): Promise<string | null> {
  if (!deps.config.smtpUrl || isUnanswerableAddress(input.to)) return null;
  const domain = addressOf(deps.config.mailFrom).split('@')[1] ?? 'tend.invalid';
  const row = await trx
    .insertInto('email_messages')
    .values({
      direction: 'out',
      message_id: `<report-${input.reportId}.${randomBytes(6).toString('hex')}@${domain}>`,
      ticket_id: null,
      mailbox_id: null,
      kind: 'normal',
      purpose: 'report',
      from_address: deps.config.mailFrom,
      to_address: input.to,
      subject: input.subject,
      body_text: input.text,
      in_reply_to: null,
      references_ids: [],
      status: 'pending',
      created_at: deps.clock.now(),
      monthly_report_id: input.reportId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await deps.jobs.send(trx, EMAIL_SEND_JOB, { emailId: row.id }, { singletonKey: row.id });
  return row.id;
}

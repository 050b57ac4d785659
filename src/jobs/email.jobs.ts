import { pollMailbox } from '../integrations/email/imap-poll';
import { EMAIL_SEND_JOB, sendNotifyEmail, sendQueuedEmail } from '../integrations/email/outbound-email';
import type { Services } from '../services';
import { EMAIL_NOTIFY_JOB, type EmailNotifyJob } from '../services/sla-alerts-service';
import type { JobQueue } from './job-queue';

export const MAIL_POLL_JOB = 'mail.poll';

/**
 * Email's jobs. `mail.poll` runs every minute without data and fans out one `mail.poll` per enabled mailbox
 * (one queued poll per mailbox at a time); `email.send` sends one queued message; `email.notify` sends an SLA
 * notice to staff.
 */
export async function registerEmailJobs(services: Services, jobs: JobQueue): Promise<void> {
  const deps = services.deps;
  await jobs.work<{ mailboxId?: string }>(MAIL_POLL_JOB, async (data) => {
    if (data.mailboxId) {
      await pollMailbox(deps, services.inbound, data.mailboxId);
      return;
    }
    const mailboxes = await deps.db
      .selectFrom('mailboxes')
      .select('id')
      .where('enabled', '=', true)
      .execute();
    for (const mailbox of mailboxes)
      await jobs.send(
        deps.db,
        MAIL_POLL_JOB,
        { mailboxId: mailbox.id },
        { singletonKey: `mailbox:${mailbox.id}`, retryLimit: 0 },
      );
  });
  await jobs.work<{ emailId: string }>(EMAIL_SEND_JOB, async (data) => {
    await sendQueuedEmail(deps, data.emailId);
  });
  await jobs.work<EmailNotifyJob>(EMAIL_NOTIFY_JOB, async (data) => {
    await sendNotifyEmail(deps, data);
  });
  await jobs.schedule(MAIL_POLL_JOB, '* * * * *', {}, 'UTC');
}

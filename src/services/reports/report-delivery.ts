import type { MonthlyReportFigures } from '../../domain/report/report-model';
import { queueReportEmail } from '../../integrations/email/report-email';
import { formatMonth } from '../../report/report-format';
import { summarySentences } from '../../report/report-summary';
import type { Executor, ServiceDeps } from '../context';

/**
 * Who receives a client's monthly report: its active client admins, or, when it has none, its active
 * users, so a report always reaches someone who may read it.
 */
export async function reportRecipients(db: Executor, clientId: string): Promise<string[]> {
  const users = await db
    .selectFrom('users')
    .select(['email', 'role'])
    .where('organization_id', '=', clientId)
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();
  const admins = users.filter((user) => user.role === 'client_admin');
  return (admins.length ? admins : users).map((user) => user.email);
}

export function reportEmailSubject(figures: MonthlyReportFigures): string {
  return `Your monthly report for ${formatMonth(figures.month)} — ${figures.client.name}`;
}

export function reportEmailText(figures: MonthlyReportFigures, portalUrl: string): string {
  return [
    'Hello,',
    '',
    `here is your monthly report for ${formatMonth(figures.month)} from ${figures.agency.name}; the full report is attached as a PDF.`,
    '',
    ...summarySentences(figures).map((line) => `- ${line}`),
    '',
    `The report is also in the portal: ${portalUrl}`,
    '',
    figures.agency.name,
  ].join('\n');
}

/**
 * Claims the report's delivery and queues one mail per recipient, in the caller's (archiving) transaction.
 * The claim is an update guarded by `sent_at is null`: of several workers, exactly one sees its row
 * updated, and only it queues mail. Without SMTP nothing is claimed, so a later run with mail configured
 * still sends it.
 */
export async function claimReportDelivery(
  trx: Executor,
  deps: ServiceDeps,
  report: { id: string; clientId: string; figures: MonthlyReportFigures },
): Promise<string[] | null> {
  if (!deps.config.smtpUrl) return null;
  const recipients = await reportRecipients(trx, report.clientId);
  const claimed = await trx
    .updateTable('monthly_reports')
    .set({ sent_at: deps.clock.now(), sent_to: JSON.stringify(recipients) })
    .where('id', '=', report.id)
    .where('sent_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!claimed) return null;
  const portalUrl = `${deps.config.publicUrl.replace(/\/$/, '')}/portal/reports?month=${report.figures.month}`;
  for (const to of recipients)
    await queueReportEmail(trx, deps, {
      reportId: report.id,
      to,
      subject: reportEmailSubject(report.figures),
      text: reportEmailText(report.figures, portalUrl),
    });
  return recipients;
}

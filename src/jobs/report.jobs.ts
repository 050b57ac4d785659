import type { Services } from '../services';
import { REPORT_GENERATE_JOB, REPORT_SCHEDULE_JOB } from '../services/reports/monthly-reports-service';
import type { JobQueue } from './job-queue';

/**
 * Monthly reports: every hour the scan looks whether last month's reports are due (first business day of
 * the month in the agency's time zone, or later) and enqueues one `report.generate` per client still
 * waiting; each archives its client's report and sends it, once, however many workers run.
 */
export async function registerReportJobs(services: Services, jobs: JobQueue): Promise<void> {
  await jobs.schedule(REPORT_SCHEDULE_JOB, '5 * * * *', {}, 'UTC');
  await jobs.work(REPORT_SCHEDULE_JOB, async () => {
    const due = await services.monthlyReports.enqueueDueReports();
    if (due.clientIds.length) services.deps.log.info(due, 'monthly reports due');
  });
  await jobs.work<{ clientId: string; month: string }>(REPORT_GENERATE_JOB, async (data) => {
    const { report, created } = await services.monthlyReports.generate(data.clientId, data.month, null, {
      send: true,
    });
    services.deps.log.info({ reportId: report.id, month: data.month, created }, 'monthly report archived');
  });
}

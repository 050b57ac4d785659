import type { Services } from '../services';
import {
  MAINTENANCE_DAILY_JOB,
  MAINTENANCE_PLAN_JOB,
  MAINTENANCE_SLACK_JOB,
  type MaintenancePlanJob,
  type ReleaseNotesSlackJob,
} from '../services/maintenance/maintenance-jobs';
import type { JobQueue } from './job-queue';

/**
 * Maintenance's jobs. Every day at 03:15 UTC (one schedule however many processes register it): windows
 * materialised to the horizon, tickets for chores due in the next window, every backlog re-planned — safe to
 * run twice or in several workers at once (unique keys and the per-agreement planning lock). A re-plan a
 * ticket change left to the queue, and release notes posted to the client's Slack channels.
 */
export async function registerMaintenanceJobs(services: Services, jobs: JobQueue): Promise<void> {
  const { planning } = services.maintenance;
  await jobs.schedule(MAINTENANCE_DAILY_JOB, '15 3 * * *', {}, 'UTC');
  await jobs.work(MAINTENANCE_DAILY_JOB, async () => {
    const result = await planning.runDaily();
    services.deps.log.info(result, 'maintenance upkeep done');
  });
  await jobs.work<MaintenancePlanJob>(MAINTENANCE_PLAN_JOB, (data) => planning.replan(data.agreementId));
  await jobs.work<ReleaseNotesSlackJob>(MAINTENANCE_SLACK_JOB, async (data) => {
    await planning.postReleaseNotesToSlack(data.windowId);
  });
}

import type { Services } from '../services';
import { SLA_SCAN_JOB } from '../services/sla-alerts-service';
import type { JobQueue } from './job-queue';

/**
 * The SLA scan every minute (one schedule however many processes register it). Each run looks at every open
 * ticket's clocks as of the service clock; alerts already handled are skipped, so a late or doubled run is harmless.
 */
export async function registerSlaJobs(services: Services, jobs: JobQueue): Promise<void> {
  await jobs.schedule(SLA_SCAN_JOB, '* * * * *', {}, 'UTC');
  await jobs.work(SLA_SCAN_JOB, async () => {
    const result = await services.slaAlerts.scan();
    if (result.handled > 0) services.deps.log.info(result, 'SLA alerts handled');
  });
}

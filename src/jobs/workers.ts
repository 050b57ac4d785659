import type { Services } from '../services';
import { INBOUND_JOB } from '../services/inbound-service';
import type { JobQueue } from './job-queue';
import { registerEmailJobs } from './email.jobs';
import { registerMaintenanceJobs } from './maintenance.jobs';
import { registerReportJobs } from './report.jobs';
import { registerSlackJobs } from './slack.jobs';
import { registerSlaJobs } from './sla.jobs';

/** The worker role: every job handler, each a thin adapter over a service. */
export async function registerWorkers(services: Services, jobs: JobQueue): Promise<void> {
  await jobs.work<{ inboundId: string }>(INBOUND_JOB, (data, job) =>
    services.inbound.process(data.inboundId, job),
  );
  await registerSlackJobs(services, jobs);
  await registerSlaJobs(services, jobs);
  await registerEmailJobs(services, jobs);
  await registerMaintenanceJobs(services, jobs);
  await registerReportJobs(services, jobs);
}

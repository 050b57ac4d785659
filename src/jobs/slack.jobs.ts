import type { Services } from '../services';
import { SLACK_NOTIFY_JOB, type SlackNotice } from '../services/slack/slack-notices';
import type { JobQueue } from './job-queue';

/** Slack notices (new critical ticket, acknowledgement, resolution, SLA warning): posted by the worker. */
export async function registerSlackJobs(services: Services, jobs: JobQueue): Promise<void> {
  await jobs.work<SlackNotice>(SLACK_NOTIFY_JOB, async (notice) => {
    await services.slack.notify(notice);
  });
}

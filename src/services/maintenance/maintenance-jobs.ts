/** The maintenance queues (declared in jobs/job-names.ts, handled in jobs/maintenance.jobs.ts). */

/** Daily: materialise windows, create due chore tickets, re-plan every agreement with maintenance. */
export const MAINTENANCE_DAILY_JOB = 'maintenance.daily';
/** Re-plan one agreement ({ agreementId }): a change found the planner busy and left the re-plan to a job. */
export const MAINTENANCE_PLAN_JOB = 'maintenance.plan';
/** Post a closed window's release notes to the client's Slack channels ({ windowId }). */
export const MAINTENANCE_SLACK_JOB = 'maintenance.release_notes_slack';

export interface MaintenancePlanJob {
  agreementId: string;
}

export interface ReleaseNotesSlackJob {
  windowId: string;
}

/**
 * Every queue Tend uses. Queues are created at start, outside any transaction: on PGlite's single connection a
 * queue created lazily inside a change's transaction would wait for that very transaction.
 */
export const JOB_NAMES = [
  'inbound.process',
  'sla.scan',
  'slack.notify',
  'email.send',
  'email.notify',
  'mail.poll',
  'maintenance.daily',
  'maintenance.plan',
  'maintenance.release_notes_slack',
  'report.schedule',
  'report.generate',
] as const;

export type JobName = (typeof JOB_NAMES)[number];

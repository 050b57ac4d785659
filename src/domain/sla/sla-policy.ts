import { z } from 'zod';

/** Ticket priorities, most urgent first (the order reports and queues use). */
export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;

const positiveMinutes = z.number().int().positive();

/**
 * How long a clock may run. `business_minutes` count only open time of the policy's business calendar,
 * `clock_minutes` count real time 24×7 (standby contracts), `end_of_business_day` means "by the close of the
 * business day the ticket was created on" (the next business day when created outside hours).
 * `next_maintenance_window` (resolution only) means "by the end of the maintenance window the item is planned
 * into": the planner's `window_planned` events fix the instant. When the item rolls to a later window the due
 * stays where it was — the item breaches honestly — unless `movesWhenRolled` says the policy lets it move.
 */
export const SlaTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('business_minutes'), minutes: positiveMinutes }),
  z.object({ kind: z.literal('clock_minutes'), minutes: positiveMinutes }),
  z.object({ kind: z.literal('end_of_business_day') }),
  z.object({ kind: z.literal('next_maintenance_window'), movesWhenRolled: z.boolean().default(false) }),
]);
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

export const SlaTierSchema = z.object({
  /** What the client reads to pick the priority, e.g. "production down". */
  definition: z.string().trim().min(1),
  response: SlaTargetSchema.refine((target): boolean => target.kind !== 'next_maintenance_window', {
    message: 'a response cannot wait for a maintenance window: use it as a resolution target',
  }),
  resolution: SlaTargetSchema,
});
export type SlaTier = z.infer<typeof SlaTierSchema>;

/** Who an escalation step tells: the ticket's assignee, the agency's shared (Slack) channel, the agency admins. */
export const ESCALATION_TARGETS = ['assignee', 'agency_channel', 'admins'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

export const SlaEscalationStepSchema = z.object({
  /** Real minutes after the breach (0 = at the breach). */
  afterBreachMinutes: z.number().int().min(0).max(10_080),
  notify: z.enum(ESCALATION_TARGETS),
});
export type SlaEscalationStep = z.infer<typeof SlaEscalationStepSchema>;

/** When a policy's running clocks warn and how their breaches escalate. */
export const SlaAlertSettingsSchema = z.object({
  /** Share of the target used at which the assignee is warned (0.75 = 75 %). */
  warningFraction: z.number().min(0.05).max(0.99),
  escalation: z
    .array(SlaEscalationStepSchema)
    .max(10)
    .refine(
      (steps) => new Set(steps.map((s) => `${s.afterBreachMinutes}:${s.notify}`)).size === steps.length,
      'each step (delay and recipient) may appear once',
    ),
});
export type SlaAlertSettings = z.infer<typeof SlaAlertSettingsSchema>;

/** Warn at 75 %; at the breach tell the assignee, after 30 min the agency channel, after 2 h the admins. */
export function defaultSlaAlertSettings(): SlaAlertSettings {
  return {
    warningFraction: 0.75,
    escalation: [
      { afterBreachMinutes: 0, notify: 'assignee' },
      { afterBreachMinutes: 30, notify: 'agency_channel' },
      { afterBreachMinutes: 120, notify: 'admins' },
    ],
  };
}

// An explicit object (not a record) so that every tier is required and error paths name the tier.
export const SlaPolicyRulesSchema = z.object({
  tiers: z.object({
    critical: SlaTierSchema,
    high: SlaTierSchema,
    medium: SlaTierSchema,
    low: SlaTierSchema,
  }),
  /** Optional: policies stored before alerts existed use `defaultSlaAlertSettings()`. */
  alerts: SlaAlertSettingsSchema.optional(),
});
export type SlaPolicyRules = z.infer<typeof SlaPolicyRulesSchema>;

/** The policy's alert settings, or the defaults when it has none. */
export function alertSettingsOf(rules: Pick<SlaPolicyRules, 'alerts'>): SlaAlertSettings {
  return rules.alerts ?? defaultSlaAlertSettings();
}

const businessMinutes = (minutes: number): SlaTarget => ({ kind: 'business_minutes', minutes });

/**
 * Agency defaults for an 8-hour business day (used by seeds and as the starting point of a new policy).
 * Returns fresh objects so callers may edit them.
 */
export function defaultSlaTiers(): SlaPolicyRules['tiers'] {
  return {
    critical: {
      definition: 'Production is down, data is at risk of loss or corruption, or there is a security breach.',
      response: businessMinutes(120),
      resolution: { kind: 'end_of_business_day' },
    },
    high: {
      definition: 'A core feature is broken or badly degraded for many users and there is no workaround.',
      response: businessMinutes(480),
      resolution: businessMinutes(1440),
    },
    medium: {
      definition: 'A feature misbehaves for some users, or a workaround exists.',
      response: businessMinutes(1440),
      resolution: businessMinutes(2400),
    },
    low: {
      definition: 'A cosmetic issue, a question or a minor change request.',
      response: businessMinutes(2400),
      resolution: businessMinutes(9600),
    },
  };
}

/** The default rules as a whole policy document. */
export function defaultSlaPolicyRules(): SlaPolicyRules {
  return { tiers: defaultSlaTiers() };
}

/** Value equality of targets (two tiers may share a target; switching between them changes nothing). */
export function sameTarget(a: SlaTarget, b: SlaTarget): boolean {
  switch (a.kind) {
    case 'end_of_business_day':
      return b.kind === a.kind;
    case 'next_maintenance_window':
      return b.kind === a.kind && b.movesWhenRolled === a.movesWhenRolled;
    case 'business_minutes':
    case 'clock_minutes':
      return b.kind === a.kind && b.minutes === a.minutes;
  }
}

/** Short human label of a target for explanations, e.g. "480 business min". */
export function describeTarget(target: SlaTarget): string {
  switch (target.kind) {
    case 'business_minutes':
      return `${target.minutes} business min`;
    case 'clock_minutes':
      return `${target.minutes} min 24x7`;
    case 'end_of_business_day':
      return 'end of business day';
    case 'next_maintenance_window':
      return target.movesWhenRolled
        ? 'end of the planned maintenance window (moves when rolled)'
        : 'end of the planned maintenance window';
  }
}

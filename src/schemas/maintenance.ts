import { z } from 'zod';
import { RecurrenceRuleSchema } from '../domain/maintenance/recurrence';
import { Id, IsoDate, IsoInstant, Priority } from './common';

const Capacity = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60)
  .describe('Minutes of work the window holds.');
const Title = z.string().trim().min(1).max(200);

export const ScheduleCreateBody = z.object({
  name: Title.describe('Also the title of each window, e.g. "Monthly maintenance".'),
  rule: RecurrenceRuleSchema.describe('When the windows happen, read in the agreement’s time zone.'),
  capacityMinutes: Capacity,
});
export type ScheduleCreateInput = z.infer<typeof ScheduleCreateBody>;

export const ScheduleUpdateBody = z
  .object({
    name: Title.optional(),
    rule: RecurrenceRuleSchema.optional(),
    capacityMinutes: Capacity.optional(),
    active: z
      .boolean()
      .optional()
      .describe('false stops the schedule and removes its windows still to come.'),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one field to change',
  });
export type ScheduleUpdateInput = z.infer<typeof ScheduleUpdateBody>;

const WindowTimes = z.object({ startsAt: IsoInstant, endsAt: IsoInstant });

export const OneOffWindowBody = WindowTimes.extend({ title: Title, capacityMinutes: Capacity }).refine(
  (body) => Date.parse(body.endsAt) > Date.parse(body.startsAt),
  { message: 'must be after startsAt', path: ['endsAt'] },
);
export type OneOffWindowInput = z.infer<typeof OneOffWindowBody>;

export const WindowUpdateBody = z
  .object({
    title: Title.optional(),
    startsAt: IsoInstant.optional(),
    endsAt: IsoInstant.optional(),
    capacityMinutes: Capacity.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one field to change',
  })
  .refine((body) => !body.startsAt || !body.endsAt || Date.parse(body.endsAt) > Date.parse(body.startsAt), {
    message: 'must be after startsAt',
    path: ['endsAt'],
  });
export type WindowUpdateInput = z.infer<typeof WindowUpdateBody>;

export const ChoreCreateBody = z.object({
  title: Title,
  description: z.string().trim().max(10_000).default(''),
  cadenceMonths: z.number().int().min(1).max(24).describe('1 = monthly, 3 = quarterly.'),
  estimateMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
  priority: Priority.default('low'),
  nextDueOn: IsoDate.describe(
    'The next due date (agreement’s local date); a ticket appears for the window after it.',
  ),
});
export type ChoreCreateInput = z.infer<typeof ChoreCreateBody>;

export const ChoreUpdateBody = z
  .object({
    title: Title.optional(),
    description: z.string().trim().max(10_000).optional(),
    cadenceMonths: z.number().int().min(1).max(24).optional(),
    estimateMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
    priority: Priority.optional(),
    nextDueOn: IsoDate.optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one field to change',
  });
export type ChoreUpdateInput = z.infer<typeof ChoreUpdateBody>;

/** A client user's queries are confined to their organisation whatever they pass. */
export const WindowListQuery = z
  .object({
    clientId: Id.optional(),
    agreementId: Id.optional(),
    from: IsoInstant.optional().describe('Windows ending after this instant. Default: 31 days ago.'),
    to: IsoInstant.optional().describe('Windows starting before this instant. Default: 92 days ahead.'),
    status: z.enum(['scheduled', 'in_progress', 'closed', 'cancelled']).optional(),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.to) > Date.parse(query.from), {
    message: 'must be after from',
    path: ['to'],
  })
  .refine(
    (query) => !query.from || !query.to || Date.parse(query.to) - Date.parse(query.from) <= 400 * 86_400_000,
    { message: 'the range may span at most 400 days', path: ['to'] },
  );
export type WindowListInput = z.infer<typeof WindowListQuery>;

export const BacklogQuery = z.object({ clientId: Id.optional(), agreementId: Id.optional() });
export type BacklogInput = z.infer<typeof BacklogQuery>;

import { z } from 'zod';
import { Id, IsoDate, IsoInstant, Month, PageQuery, TimeCategory } from './common';

export const TimeEntryCreateBody = z
  .object({
    agreementId: Id.optional().describe('Defaults to the ticket’s agreement.'),
    ticketId: Id.optional(),
    userId: Id.optional().describe('Agency admins may log time for a colleague.'),
    date: IsoDate.describe('The work date in the agreement’s time zone.'),
    minutes: z.number().int().min(1).max(1440),
    category: TimeCategory,
    billable: z.boolean().default(true),
    description: z.string().trim().max(5000).default(''),
    at: IsoInstant.optional().describe('Agency admins only: when the entry was recorded (history import).'),
    projectId: Id.optional().describe(
      'Time on an approved change project (never drawn from a retainer); defaults the agreement to its proposal’s.',
    ),
    windowId: Id.optional().describe('Time spent in a maintenance window of the same agreement.'),
  })
  .refine((body) => body.agreementId ?? body.ticketId ?? body.projectId, {
    message: 'give agreementId, ticketId or projectId',
    path: ['agreementId'],
  });
export type TimeEntryCreateInput = z.infer<typeof TimeEntryCreateBody>;

export const TimeEntryUpdateBody = z
  .object({
    date: IsoDate.optional(),
    minutes: z.number().int().min(1).max(1440).optional(),
    category: TimeCategory.optional(),
    billable: z.boolean().optional(),
    description: z.string().trim().max(5000).optional(),
    projectId: Id.nullable()
      .optional()
      .describe('Move the entry onto a project of its client, or off it (null).'),
    windowId: Id.nullable()
      .optional()
      .describe('Put the entry in a maintenance window of its agreement, or take it out (null).'),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one field to change',
  });
export type TimeEntryUpdateInput = z.infer<typeof TimeEntryUpdateBody>;

export const TimeEntryListQuery = PageQuery.extend({
  agreementId: Id.optional(),
  ticketId: Id.optional(),
  userId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  month: Month.optional(),
  projectId: Id.optional(),
  windowId: Id.optional(),
});
export type TimeEntryListInput = z.infer<typeof TimeEntryListQuery>;

export const SlaReportQuery = z.object({ clientId: Id, month: Month });

import { z } from 'zod';
import { Channel, Id, IsoInstant, listOf, PageQuery, Priority, TicketKind, TicketStatus } from './common';

const At = IsoInstant.optional().describe(
  'Agency admins only: when it happened, to import history from another helpdesk. Defaults to now.',
);

export const TicketCreateBody = z.object({
  clientId: Id.optional().describe(
    'Required for agency staff; client users always raise for their own organisation.',
  ),
  agreementId: Id.optional(),
  subject: z.string().trim().min(1).max(300),
  body: z.string().max(100_000).default(''),
  channel: Channel.optional(),
  kind: TicketKind.optional(),
  priority: Priority.default('medium'),
  requestType: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be a snake_case request type')
    .optional(),
  requesterId: Id.optional(),
  assigneeId: Id.optional(),
  at: At,
});
export type TicketCreateInput = z.infer<typeof TicketCreateBody>;

export const TicketUpdateBody = z
  .object({
    priority: Priority.optional(),
    kind: TicketKind.optional(),
    assigneeId: Id.nullable().optional(),
    nextWindow: z
      .boolean()
      .optional()
      .describe('Triage: true sends the ticket to the next maintenance window, false takes it back.'),
    estimateMinutes: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .nullable()
      .optional()
      .describe('The engineers’ effort estimate the maintenance planner uses; null clears it.'),
    reason: z.string().trim().max(2000).optional(),
    at: At,
  })
  .refine(
    (body) =>
      body.priority !== undefined ||
      body.kind !== undefined ||
      body.assigneeId !== undefined ||
      body.nextWindow !== undefined ||
      body.estimateMinutes !== undefined,
    { message: 'give at least one of priority, kind, assigneeId, nextWindow, estimateMinutes' },
  );
export type TicketUpdateInput = z.infer<typeof TicketUpdateBody>;

export const CommentCreateBody = z.object({
  body: z.string().trim().min(1).max(100_000),
  visibility: z.enum(['public', 'internal']).default('public'),
  assessment: z
    .boolean()
    .default(false)
    .describe('Agency staff: this public reply carries the initial assessment and acknowledges the ticket.'),
  at: At,
});
export type CommentCreateInput = z.infer<typeof CommentCreateBody>;

export const TransitionBody = z.object({
  status: TicketStatus,
  comment: z
    .string()
    .trim()
    .min(1)
    .max(100_000)
    .optional()
    .describe('Required when acknowledging: the initial assessment, posted as a public reply.'),
  reason: z.string().trim().max(2000).optional(),
  at: At,
});
export type TransitionInput = z.infer<typeof TransitionBody>;

export const LinkCreateBody = z.object({
  ticketId: Id,
  kind: z.enum(['follow_up', 'related', 'duplicate']).default('follow_up'),
});
export type LinkCreateInput = z.infer<typeof LinkCreateBody>;

export const TicketListQuery = PageQuery.extend({
  clientId: Id.optional(),
  status: listOf(TicketStatus),
  priority: listOf(Priority),
  kind: listOf(TicketKind),
  assigneeId: Id.optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  open: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  sort: z.enum(['queue', 'newest']).default('queue'),
});
export type TicketListInput = z.infer<typeof TicketListQuery>;

export const EstimateCreateBody = z.object({
  minutes: z.number().int().positive().max(100_000),
  note: z.string().trim().max(10_000).default(''),
});
export const EstimateDecisionBody = z.object({ note: z.string().trim().max(10_000).optional() });
export const EstimateListQuery = z.object({
  ticketId: Id.optional(),
  status: z.enum(['pending', 'approved', 'declined', 'withdrawn']).optional(),
});

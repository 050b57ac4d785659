import { z } from 'zod';
import { Id } from './common';

const Title = z.string().trim().min(1, 'must not be empty').max(200);
const Scope = z.string().trim().min(1, 'must not be empty').max(20_000).describe('Markdown');
const Assumptions = z.string().trim().max(20_000).describe('Markdown');
const EstimateMinutes = z
  .number()
  .int('must be whole minutes')
  .min(1)
  .max(1_000_000)
  .describe('The estimate in minutes; the price is this times the agreement’s project rate.');
const DecisionNote = z.string().trim().max(10_000);

export const ProposalStatus = z.enum(['draft', 'sent', 'approved', 'declined', 'withdrawn']);

export const ProposalCreateBody = z.object({
  title: Title,
  scope: Scope,
  assumptions: Assumptions.default(''),
  estimateMinutes: EstimateMinutes,
});
export type ProposalCreateInput = z.infer<typeof ProposalCreateBody>;

export const ProposalUpdateBody = z
  .object({
    title: Title.optional(),
    scope: Scope.optional(),
    assumptions: Assumptions.optional(),
    estimateMinutes: EstimateMinutes.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one field to change',
  });
export type ProposalUpdateInput = z.infer<typeof ProposalUpdateBody>;

export const ProposalDecisionBody = z.object({ note: DecisionNote.optional() });
export type ProposalDecisionInput = z.infer<typeof ProposalDecisionBody>;

export const ProposalListQuery = z.object({
  clientId: Id.optional(),
  ticketId: Id.optional(),
  status: ProposalStatus.optional(),
});
export type ProposalListInput = z.infer<typeof ProposalListQuery>;

export const ProjectStatus = z.enum(['active', 'completed', 'cancelled']);

export const ProjectListQuery = z.object({
  clientId: Id.optional(),
  status: ProjectStatus.optional(),
});
export type ProjectListInput = z.infer<typeof ProjectListQuery>;

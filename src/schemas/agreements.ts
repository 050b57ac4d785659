import { z } from 'zod';
import { Id, IsoDate, Month, Priority, TimeZone } from './common';

const Cents = z.number().int().min(0);
const Deliverable = z.object({ title: z.string().trim().min(1).max(300), done: z.boolean().default(false) });
const RequestType = z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be a snake_case request type');

export const Coverage = z.object({
  /** Request types handled without debate. */
  covered: z.array(RequestType).default([]),
  /** Request types that need an approved estimate before work starts. */
  estimateRequired: z.array(RequestType).default([]),
  /** Request types that are change work: proposed as a separate project, never drawn from retainer hours. */
  changeWork: z.array(RequestType).default([]),
});
export type CoverageInput = z.infer<typeof Coverage>;

export const RetainerTerms = z.object({
  monthlyHours: z.number().positive().max(1000),
  rolloverMonths: z.number().int().min(0).max(12).default(1),
  overageRateCents: Cents,
  projectRateCents: Cents.optional(),
});
export const PaygTerms = z.object({ hourlyRateCents: Cents });
export const FixedScopeTerms = z.object({ feeCents: Cents, deliverables: z.array(Deliverable).default([]) });
export const StandbyTerms = z.object({
  /** The calendar of guaranteed availability (e.g. 24×7). */
  availabilityCalendarId: Id,
  /** Priorities the standby cover answers out of hours. */
  priorities: z.array(Priority).min(1).default(['critical']),
  monthlyFeeCents: Cents.default(0),
});

const AgreementBase = z.object({
  clientId: Id,
  name: z.string().trim().min(1).max(200),
  startsOn: IsoDate,
  endsOn: IsoDate.nullable().optional(),
  timeZone: TimeZone.optional(),
  slaPolicyId: Id.nullable().optional(),
  coverage: Coverage.default({ covered: [], estimateRequired: [], changeWork: [] }),
});

export const AgreementCreateBody = z
  .discriminatedUnion('kind', [
    AgreementBase.extend({ kind: z.literal('retainer'), terms: RetainerTerms }),
    AgreementBase.extend({ kind: z.literal('payg'), terms: PaygTerms }),
    AgreementBase.extend({ kind: z.literal('sprint'), terms: FixedScopeTerms }),
    AgreementBase.extend({ kind: z.literal('onboarding'), terms: FixedScopeTerms }),
    AgreementBase.extend({ kind: z.literal('standby'), terms: StandbyTerms }),
  ])
  .refine((body) => !body.endsOn || body.endsOn >= body.startsOn, {
    message: 'must not be before startsOn',
    path: ['endsOn'],
  });
export type AgreementCreateInput = z.infer<typeof AgreementCreateBody>;

export const AgreementUpdateBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  status: z.enum(['active', 'ended']).optional(),
  endsOn: IsoDate.nullable().optional(),
  slaPolicyId: Id.nullable().optional(),
  coverage: Coverage.optional(),
  /** Replaces the terms; validated against the agreement's kind. */
  terms: z.record(z.string(), z.unknown()).optional(),
});
export type AgreementUpdateInput = z.infer<typeof AgreementUpdateBody>;

export const AgreementListQuery = z.object({ clientId: Id.optional() });
export const LedgerQuery = z.object({ month: Month });

export const TERMS_BY_KIND = {
  retainer: RetainerTerms,
  payg: PaygTerms,
  sprint: FixedScopeTerms,
  onboarding: FixedScopeTerms,
  standby: StandbyTerms,
} as const;

/**
 * Change proposals: change work is quoted as a project of its own (scope, estimate, price at the agreement's
 * project rate) and never drawn from retainer hours.
 */
import type { AgreementKind } from '../agreements/coverage';

export type ProposalStatus = 'draft' | 'sent' | 'approved' | 'declined' | 'withdrawn';
export type ProposalAction = 'edit' | 'send' | 'withdraw' | 'approve' | 'decline';

/** Which status each action needs. A draft is the agency's own until it is sent; a decision is final. */
const ALLOWED_FROM: Record<ProposalAction, readonly ProposalStatus[]> = {
  edit: ['draft'],
  send: ['draft'],
  withdraw: ['draft', 'sent'],
  approve: ['sent'],
  decline: ['sent'],
};

/** Null when the action is allowed, otherwise why not (a sentence for the 409). */
export function explainProposalRefusal(status: ProposalStatus, action: ProposalAction): string | null {
  if (ALLOWED_FROM[action].includes(status)) return null;
  if (action === 'edit') return `This proposal is ${status}: only a draft can be changed.`;
  if (action === 'send') return `This proposal is ${status}: only a draft can be sent.`;
  return `This proposal is ${status} already.`;
}

/** Change work by triage (kind) or by the agreement's coverage list (decided when the ticket came in). */
export function isChangeWork(ticket: { kind: string; coverage: string | null }): boolean {
  return ticket.kind === 'change' || ticket.coverage === 'change_work';
}

/**
 * The hourly rate change work is quoted at: a retainer's project rate, a pay-as-you-go agreement's hourly
 * rate, any other agreement's project rate if it names one. Null when the agreement names none — a price is
 * never made up.
 */
export function projectRateOf(kind: AgreementKind, terms: Record<string, unknown>): number | null {
  const rate = kind === 'payg' ? terms.hourlyRateCents : terms.projectRateCents;
  return typeof rate === 'number' && Number.isInteger(rate) && rate >= 0 ? rate : null;
}

/** The price of an estimate at an hourly rate, to the nearest cent. */
export function priceOf(estimateMinutes: number, rateCents: number): number {
  return Math.round((estimateMinutes * rateCents) / 60);
}

/** Which field of the agreement's terms holds its project rate (for the message when there is none). */
export function rateFieldOf(kind: AgreementKind): 'hourlyRateCents' | 'projectRateCents' {
  return kind === 'payg' ? 'hourlyRateCents' : 'projectRateCents';
}

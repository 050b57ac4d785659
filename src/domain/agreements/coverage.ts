/** What an agreement says about a type of request, decided without debate. */
export type CoverageDecision = 'covered' | 'estimate_required' | 'change_work' | 'not_listed';

export interface CoverageList {
  covered: readonly string[];
  estimateRequired: readonly string[];
  changeWork: readonly string[];
}

export type AgreementKind = 'retainer' | 'payg' | 'sprint' | 'onboarding' | 'standby';

/**
 * Change work wins over the other lists (it must never be drawn from retainer hours by accident), then
 * estimates, then covered. Pay-as-you-go work always needs an estimate first, whatever the lists say.
 */
export function decideCoverage(
  kind: AgreementKind,
  coverage: CoverageList,
  requestType: string,
): CoverageDecision {
  if (coverage.changeWork.includes(requestType)) return 'change_work';
  if (kind === 'payg') return 'estimate_required';
  if (coverage.estimateRequired.includes(requestType)) return 'estimate_required';
  if (coverage.covered.includes(requestType)) return 'covered';
  return 'not_listed';
}

export interface AgreementCandidate {
  id: string;
  kind: AgreementKind;
  status: 'active' | 'ended';
  startsOn: string;
  endsOn: string | null;
  hasSlaPolicy: boolean;
}

const KIND_PREFERENCE: Record<AgreementKind, number> = {
  retainer: 0,
  standby: 1,
  payg: 2,
  onboarding: 3,
  sprint: 4,
};

/**
 * The agreement a new ticket falls under when none is named: an active one in force on `date`
 * (YYYY-MM-DD), preferring one with an SLA policy, then the ongoing kinds over fixed-scope ones.
 */
export function pickAgreementForTicket<T extends AgreementCandidate>(
  candidates: readonly T[],
  date: string,
): T | null {
  const inForce = candidates.filter(
    (agreement) =>
      agreement.status === 'active' &&
      agreement.startsOn <= date &&
      (agreement.endsOn === null || agreement.endsOn >= date),
  );
  const ranked = [...inForce].sort(
    (a, b) =>
      Number(b.hasSlaPolicy) - Number(a.hasSlaPolicy) ||
      KIND_PREFERENCE[a.kind] - KIND_PREFERENCE[b.kind] ||
      a.startsOn.localeCompare(b.startsOn) ||
      a.id.localeCompare(b.id),
  );
  return ranked[0] ?? null;
}

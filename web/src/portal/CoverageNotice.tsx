import { Alert, Text } from '@mantine/core';
import type { Agreement } from '../api/types';
import type { CoverageDecision } from './portal-api';

const TITLE: Record<CoverageDecision, string> = {
  covered: 'Covered by your agreement',
  estimate_required: 'Needs an estimate first',
  change_work: 'Change work: becomes a project proposal',
  not_listed: 'Not listed in your agreement',
};

const COLOR: Record<CoverageDecision, string> = {
  covered: 'teal',
  estimate_required: 'yellow',
  change_work: 'indigo',
  not_listed: 'gray',
};

/** What the agreement says about a type of request, in the client's words. */
export function coverageSentence(decision: CoverageDecision, agreement: Agreement, future: boolean): string {
  const will = future ? 'will be' : 'is';
  switch (decision) {
    case 'covered':
      return agreement.kind === 'retainer'
        ? `The work ${will} done under “${agreement.name}” and drawn from your monthly retainer hours.`
        : `The work ${will} done under “${agreement.name}” at no extra charge.`;
    case 'estimate_required':
      return agreement.kind === 'payg'
        ? `Pay-as-you-go work always starts with an estimate: the agency sends you the time and price, and work begins once an admin of your organisation approves it. You are billed the actual time when it is resolved.`
        : `The agency sends you an estimate (time and price) first; work begins once an admin of your organisation approves it.`;
    case 'change_work':
      return agreement.kind === 'retainer'
        ? `This is change work: it becomes a project proposal, quoted and billed separately — it never uses your retainer hours.`
        : `This is change work: it becomes a project proposal, quoted and billed separately from “${agreement.name}”.`;
    case 'not_listed':
      return `“${agreement.name}” does not list this type of request: the agency looks at it and tells you how it ${will} handled.`;
  }
}

export function CoverageNotice({
  decision,
  agreement,
  future = true,
  title,
}: {
  decision: CoverageDecision;
  agreement: Agreement;
  future?: boolean;
  title?: string;
}) {
  return (
    <Alert
      color={COLOR[decision]}
      title={title ?? TITLE[decision]}
      data-testid="coverage-notice"
      data-coverage={decision}
    >
      <Text size="sm">{coverageSentence(decision, agreement, future)}</Text>
    </Alert>
  );
}

const PHRASE: Record<CoverageDecision, string> = {
  covered: 'covered',
  estimate_required: 'an estimate comes first',
  change_work: 'change work, which becomes a project proposal',
  not_listed: 'not listed, so the agency decides',
};

/** The decision as a short phrase: "covered", "an estimate comes first", … */
export function coveragePhrase(decision: CoverageDecision): string {
  return PHRASE[decision];
}

import { Badge, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Proposal } from '../../api/types';
import { formatInstant, formatMinutes, formatMoney, viewerTimeZone } from '../../app/format';
import { ProposalTerms } from '../../components/proposal';
import { ErrorState } from '../../components/states';
import { useDecideProposal, useTicketProposals } from '../proposals-api';
import { DecisionForm } from './DecisionForm';

const STATUS_COLOR: Record<Proposal['status'], string> = {
  draft: 'gray',
  sent: 'yellow',
  approved: 'teal',
  declined: 'red',
  withdrawn: 'gray',
};

/** Change work quoted as a project: the proposal to decide on, and those decided before. */
export function Proposals({
  ticketId,
  isAdmin,
  hasSla,
}: {
  ticketId: string;
  isAdmin: boolean;
  hasSla: boolean;
}) {
  const proposals = useTicketProposals(ticketId);
  // Most requests never have one: nothing flashes while that is checked.
  if (proposals.isPending) return null;
  if (proposals.error) return <ErrorState error={proposals.error} onRetry={() => void proposals.refetch()} />;
  if (proposals.data.length === 0) return null;
  return (
    <Card withBorder padding="md" component="section" aria-label="Project proposal">
      <Title order={2} size="h5" mb="sm">
        Project proposal
      </Title>
      <Stack gap="sm">
        {proposals.data.map((proposal) => (
          <ProposalView key={proposal.id} proposal={proposal} isAdmin={isAdmin} hasSla={hasSla} />
        ))}
      </Stack>
    </Card>
  );
}

function ProposalView({
  proposal,
  isAdmin,
  hasSla,
}: {
  proposal: Proposal;
  isAdmin: boolean;
  hasSla: boolean;
}) {
  const pending = proposal.status === 'sent';
  const zone = viewerTimeZone();
  return (
    <Paper withBorder p="sm" bg={pending ? 'yellow.0' : undefined} data-testid="portal-proposal">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{proposal.title}</Text>
          <Badge color={STATUS_COLOR[proposal.status]} variant="light" data-testid="portal-proposal-status">
            {pending ? 'awaiting your decision' : proposal.status}
          </Badge>
        </Group>
        <Group gap="lg">
          <Figure label="Estimate" value={formatMinutes(proposal.estimateMinutes)} />
          <Figure label="Rate" value={`${formatMoney(proposal.rateCents)} an hour`} />
          <Figure label="Price" value={formatMoney(proposal.amountCents)} testId="portal-proposal-price" />
        </Group>
        <ProposalTerms scope={proposal.scope} assumptions={proposal.assumptions} />
        <Text size="xs" c="dimmed">
          {proposal.sentAt && `Sent ${formatInstant(proposal.sentAt, zone)}. `}
          {proposal.decidedAt &&
            !pending &&
            `${capitalise(proposal.status)} ${formatInstant(proposal.decidedAt, zone)}. `}
          A project of its own, billed separately: it never uses your agreement’s hours.
          {pending && hasSla ? ' While it waits for your decision the request’s SLA clocks are paused.' : ''}
        </Text>
        {proposal.decisionNote && !pending && <Text size="sm">“{proposal.decisionNote}”</Text>}
        {pending &&
          (isAdmin ? (
            <Decide proposal={proposal} />
          ) : (
            <Text size="sm" c="dimmed">
              An admin of your organisation approves or declines proposals.
            </Text>
          ))}
      </Stack>
    </Paper>
  );
}

function Decide({ proposal }: { proposal: Proposal }) {
  const [note, setNote] = useState('');
  const decide = useDecideProposal(proposal);
  return (
    <Stack gap="xs">
      <DecisionForm
        note={note}
        onNoteChange={setNote}
        error={decide.error}
        deciding={decide.isPending ? decide.variables.decision : null}
        onDecide={(decision) => decide.mutate({ decision, note: note.trim() })}
        approveLabel="Approve proposal"
      />
    </Stack>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

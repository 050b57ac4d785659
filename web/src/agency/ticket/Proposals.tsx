import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Agreement, Proposal, TicketDetail } from '../../api/types';
import { formatInstant, formatMinutes, formatMoney } from '../../app/format';
import { ProposalTerms } from '../../components/proposal';
import { ErrorState, LoadingState } from '../../components/states';
import { isChangeWork, projectRateOf } from '../../../../src/domain/proposals/proposal-rules';
import { Section, ServerError } from './bits';
import { ProposalForm, type ProposalFields } from './ProposalForm';
import { useProject, useProposals } from './proposalApi';
import { useTicketChange } from './ticketApi';
import { isOpenStatus } from '../../../../src/domain/tickets/ticket-status';

export const PROPOSAL_STATUS_COLOR: Record<Proposal['status'], string> = {
  draft: 'gray',
  sent: 'orange',
  approved: 'teal',
  declined: 'red',
  withdrawn: 'gray',
};

/** Change work becomes a priced proposal: draft it, send it to the client, or withdraw it. */
export function Proposals({
  ticket,
  agreement,
  userName,
  zone,
}: {
  ticket: TicketDetail;
  agreement: Agreement | undefined;
  userName: Map<string, string>;
  zone: string;
}) {
  const proposals = useProposals(ticket.id);
  const [drafting, setDrafting] = useState(false);
  const items = proposals.data ?? [];
  if (!isChangeWork(ticket) && items.length === 0) return null;
  const inPlay = items.some((proposal) => proposal.status === 'draft' || proposal.status === 'sent');
  const rateCents = agreement ? projectRateOf(agreement.kind, agreement.terms) : null;
  const canDraft = isOpenStatus(ticket.status) && !!ticket.agreementId && !inPlay;
  return (
    <Section
      title="Proposal"
      id="proposals"
      actions={
        canDraft && !drafting ? (
          <Button size="compact-sm" variant="light" color="indigo" onClick={() => setDrafting(true)}>
            Draft proposal
          </Button>
        ) : undefined
      }
    >
      <Stack gap="sm">
        {proposals.isPending ? (
          <LoadingState label="Loading proposals…" />
        ) : proposals.isError ? (
          <ErrorState error={proposals.error} onRetry={() => void proposals.refetch()} />
        ) : items.length === 0 && !drafting ? (
          <Text size="sm" c="dimmed">
            {ticket.agreementId
              ? 'No proposal yet. Change work is quoted as a project of its own: scope, estimate and price, approved by the client before work starts.'
              : 'The ticket falls under no agreement, so there is no project rate to quote it at.'}
          </Text>
        ) : null}
        {drafting && (
          <DraftProposal ticket={ticket} rateCents={rateCents} onDone={() => setDrafting(false)} />
        )}
        {items.map((proposal) => (
          <ProposalCard
            key={proposal.id}
            proposal={proposal}
            ticket={ticket}
            rateCents={rateCents}
            userName={userName}
            zone={zone}
          />
        ))}
      </Stack>
    </Section>
  );
}

function DraftProposal({
  ticket,
  rateCents,
  onDone,
}: {
  ticket: TicketDetail;
  rateCents: number | null;
  onDone: () => void;
}) {
  const draft = useTicketChange(ticket.id, (fields: ProposalFields) =>
    api.post<Proposal>(`/tickets/${ticket.id}/proposals`, fields),
  );
  return (
    <ProposalForm
      rateCents={rateCents}
      label="Draft a proposal"
      submitLabel="Save draft"
      pending={draft.isPending}
      error={draft.error}
      onSubmit={(fields) => draft.mutate(fields, { onSuccess: onDone })}
      onCancel={onDone}
    />
  );
}

function ProposalCard({
  proposal,
  ticket,
  rateCents,
  userName,
  zone,
}: {
  proposal: Proposal;
  ticket: TicketDetail;
  rateCents: number | null;
  userName: Map<string, string>;
  zone: string;
}) {
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState('');
  const edit = useTicketChange(ticket.id, (fields: ProposalFields) =>
    api.patch<Proposal>(`/proposals/${proposal.id}`, fields),
  );
  const act = useTicketChange(ticket.id, (action: 'send' | 'withdraw') =>
    api.post<Proposal>(
      `/proposals/${proposal.id}/${action}`,
      action === 'withdraw' && note.trim() ? { note: note.trim() } : {},
    ),
  );
  const who = (id: string | null) => (id ? (userName.get(id) ?? 'someone') : 'someone');
  if (editing)
    return (
      <ProposalForm
        initial={proposal}
        rateCents={rateCents}
        label="Change the draft"
        submitLabel="Save changes"
        pending={edit.isPending}
        error={edit.error}
        onSubmit={(fields) => edit.mutate(fields, { onSuccess: () => setEditing(false) })}
        onCancel={() => setEditing(false)}
      />
    );
  const live = proposal.status === 'draft' || proposal.status === 'sent';
  return (
    <Paper withBorder p="sm" data-testid="proposal" bg={live ? undefined : 'gray.0'}>
      <Stack gap="xs">
        <Group gap="xs" justify="space-between">
          <Text fw={600}>{proposal.title}</Text>
          <Badge color={PROPOSAL_STATUS_COLOR[proposal.status]} variant="light" data-testid="proposal-status">
            {proposal.status}
          </Badge>
        </Group>
        <SimpleGrid cols={3} spacing="xs">
          <Figure label="Estimate" value={formatMinutes(proposal.estimateMinutes)} testId="proposal-hours" />
          <Figure label="Rate" value={`${formatMoney(proposal.rateCents)}/h`} testId="proposal-rate" />
          <Figure label="Price" value={formatMoney(proposal.amountCents)} testId="proposal-price" />
        </SimpleGrid>
        <ProposalTerms scope={proposal.scope} assumptions={proposal.assumptions} />
        <Text size="xs" c="dimmed">
          Drafted {formatInstant(proposal.createdAt, zone)} by {who(proposal.createdBy)}
          {proposal.sentAt && ` · sent ${formatInstant(proposal.sentAt, zone)}`}
          {proposal.decidedAt &&
            ` · ${proposal.status} ${formatInstant(proposal.decidedAt, zone)} by ${who(proposal.decidedBy)}`}
        </Text>
        {proposal.decisionNote && <Text size="sm">“{proposal.decisionNote}”</Text>}
        {proposal.status === 'sent' && (
          <Text size="xs" c="dimmed">
            Waiting for the client’s admins to approve or decline it; the ticket’s clocks are paused
            meanwhile.
          </Text>
        )}
        {proposal.projectId && <ProjectFigures ticketId={ticket.id} projectId={proposal.projectId} />}
        {live && (
          <Stack gap={6}>
            {proposal.status === 'sent' && (
              <Textarea
                label="Note on withdrawal (optional)"
                description="Shown to the client in the thread."
                autosize
                minRows={1}
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
              />
            )}
            <ServerError error={act.error} />
            <Group gap="xs">
              {proposal.status === 'draft' && (
                <>
                  <Button
                    color="indigo"
                    loading={act.isPending && act.variables === 'send'}
                    disabled={act.isPending}
                    onClick={() => act.mutate('send')}
                  >
                    Send to the client
                  </Button>
                  <Button variant="default" onClick={() => setEditing(true)} disabled={act.isPending}>
                    Edit
                  </Button>
                </>
              )}
              <Button
                variant="subtle"
                color="red"
                loading={act.isPending && act.variables === 'withdraw'}
                disabled={act.isPending}
                onClick={() => act.mutate('withdraw')}
              >
                {proposal.status === 'draft' ? 'Discard draft' : 'Withdraw'}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

/** The project an approved proposal became: budget, time used, what remains. */
function ProjectFigures({ ticketId, projectId }: { ticketId: string; projectId: string }) {
  const project = useProject(ticketId, projectId);
  if (project.isPending) return <LoadingState label="Loading the project…" />;
  if (project.isError) return <ErrorState error={project.error} />;
  const { budgetMinutes, usedMinutes, remainingMinutes, status } = project.data;
  return (
    <Alert color={status === 'active' ? 'teal' : 'gray'} py="xs" data-testid="proposal-project">
      <Text size="sm">
        Project {status}: {formatMinutes(usedMinutes)} used of {formatMinutes(budgetMinutes)},{' '}
        {remainingMinutes >= 0
          ? `${formatMinutes(remainingMinutes)} remaining`
          : `${formatMinutes(-remainingMinutes)} over budget`}
        . Time logged on the project is never drawn from the retainer.
      </Text>
    </Alert>
  );
}

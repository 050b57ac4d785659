import { Badge, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Estimate } from '../../api/types';
import { formatInstant, formatMinutes, formatMoney, viewerTimeZone } from '../../app/format';
import { ErrorState, LoadingState } from '../../components/states';
import { portalKeys, useEstimates } from '../portal-api';
import { DecisionForm } from './DecisionForm';

const STATUS_COLOR: Record<Estimate['status'], string> = {
  pending: 'yellow',
  approved: 'teal',
  declined: 'red',
  withdrawn: 'gray',
};

/** Estimates of one request: the pending one to approve or decline, and the decided ones. */
export function Estimates({
  ticketId,
  isAdmin,
  hasSla,
}: {
  ticketId: string;
  isAdmin: boolean;
  hasSla: boolean;
}) {
  const estimates = useEstimates(ticketId, true);
  if (estimates.isPending)
    return (
      <Frame>
        <LoadingState label="Loading estimates…" />
      </Frame>
    );
  if (estimates.error)
    return (
      <Frame>
        <ErrorState error={estimates.error} onRetry={() => void estimates.refetch()} />
      </Frame>
    );
  // Most requests never need one: then there is nothing to show.
  if (estimates.data.length === 0) return null;
  const pending = estimates.data.filter((estimate) => estimate.status === 'pending');
  const decided = estimates.data.filter((estimate) => estimate.status !== 'pending');
  return (
    <Frame>
      <Stack gap="sm">
        {pending.map((estimate) => (
          <PendingEstimate
            key={estimate.id}
            estimate={estimate}
            ticketId={ticketId}
            isAdmin={isAdmin}
            hasSla={hasSla}
          />
        ))}
        {decided.map((estimate) => (
          <Group key={estimate.id} gap="xs" wrap="wrap">
            <Badge color={STATUS_COLOR[estimate.status]} variant="light">
              {estimate.status}
            </Badge>
            <Text size="sm">
              {formatMinutes(estimate.minutes)} · {formatMoney(estimate.amountCents)}
            </Text>
            {estimate.decidedAt && (
              <Text size="xs" c="dimmed">
                {formatInstant(estimate.decidedAt, viewerTimeZone())}
              </Text>
            )}
            {estimate.decisionNote && (
              <Text size="xs" c="dimmed" w="100%">
                “{estimate.decisionNote}”
              </Text>
            )}
          </Group>
        ))}
      </Stack>
    </Frame>
  );
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="Estimates">
      <Title order={2} size="h5" mb="sm">
        Estimates
      </Title>
      {children}
    </Card>
  );
}

function PendingEstimate({
  estimate,
  ticketId,
  isAdmin,
  hasSla,
}: {
  estimate: Estimate;
  ticketId: string;
  isAdmin: boolean;
  hasSla: boolean;
}) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'decline') =>
      api.post<Estimate>(`/estimates/${estimate.id}/${decision}`, note.trim() ? { note: note.trim() } : {}),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: portalKeys.estimates(ticketId) });
      void queryClient.invalidateQueries({ queryKey: portalKeys.ticket(ticketId) });
      void queryClient.invalidateQueries({ queryKey: portalKeys.events(ticketId) });
      void queryClient.invalidateQueries({ queryKey: portalKeys.tickets });
    },
  });
  return (
    <Paper withBorder p="sm" data-testid="pending-estimate" bg="yellow.0">
      <Stack gap="xs">
        <Text fw={600}>Estimate awaiting your organisation’s approval</Text>
        <Group gap="lg">
          <div>
            <Text size="xs" c="dimmed">
              Time
            </Text>
            <Text fw={600} data-testid="estimate-minutes">
              {formatMinutes(estimate.minutes)}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              Price
            </Text>
            <Text fw={600} data-testid="estimate-price">
              {formatMoney(estimate.amountCents)}
            </Text>
          </div>
        </Group>
        {estimate.note && <Text size="sm">{estimate.note}</Text>}
        <Text size="xs" c="dimmed">
          Sent {formatInstant(estimate.createdAt, viewerTimeZone())}.
          {hasSla ? ' While it waits for a decision the request’s SLA clocks are paused.' : ''}
        </Text>
        {isAdmin ? (
          <>
            <DecisionForm
              note={note}
              onNoteChange={setNote}
              error={decide.error}
              deciding={decide.isPending ? decide.variables : null}
              onDecide={(decision) => decide.mutate(decision)}
              approveLabel="Approve estimate"
            />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            An admin of your organisation approves or declines estimates.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

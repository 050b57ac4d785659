import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatMinutes, formatMoney } from '../app/format';
import { ErrorState } from '../components/states';
import { usePendingProposals } from './proposals-api';

/** Proposals for change work waiting on the organisation: shown only when there are some. */
export function PendingProposals({ isAdmin }: { isAdmin: boolean }) {
  const pending = usePendingProposals();
  if (pending.isPending) return null;
  if (pending.error) return <ErrorState error={pending.error} onRetry={() => void pending.refetch()} />;
  if (pending.data.length === 0) return null;
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-label="Proposals awaiting a decision"
      bg="yellow.0"
    >
      <Title order={2} size="h4">
        Proposals awaiting {isAdmin ? 'your' : 'a'} decision
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Change work quoted as projects of their own, billed separately from your agreement’s hours.
        {isAdmin ? '' : ' An admin of your organisation decides.'}
      </Text>
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {pending.data.map((proposal) => (
          <li key={proposal.id} data-testid="pending-proposal">
            <Anchor component={Link} to={`/portal/requests/${proposal.ticketId}`} fw={600}>
              {proposal.title}
            </Anchor>{' '}
            <Text span size="sm">
              — {formatMinutes(proposal.estimateMinutes)}, {formatMoney(proposal.amountCents)}
            </Text>
            <Text size="xs" c="dimmed">
              Request #{proposal.ticketNumber}: {proposal.ticketSubject}
            </Text>
          </li>
        ))}
      </Stack>
    </Card>
  );
}

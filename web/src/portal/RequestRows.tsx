import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { TicketSummary } from '../api/types';
import { formatInstant, viewerTimeZone } from '../app/format';
import { PriorityBadge, StatusBadge } from '../components/badges';
import { SlaCountdown } from '../components/sla';
import { requestTypeLabel } from './portal-api';

/** Requests as rows that read on a phone too: subject (the link), state, the next SLA deadline. */
export function RequestRows({
  tickets,
  clientZone,
  now,
}: {
  tickets: readonly TicketSummary[];
  clientZone: string;
  now: number;
}) {
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {tickets.map((ticket) => (
        <Paper key={ticket.id} component="li" withBorder p="sm" data-testid="request-row">
          <Stack gap={6}>
            <Anchor
              component={Link}
              to={`/portal/requests/${ticket.id}`}
              fw={600}
              style={{ overflowWrap: 'anywhere' }}
            >
              #{ticket.number} {ticket.subject}
            </Anchor>
            <Group gap={6} wrap="wrap">
              <StatusBadge status={ticket.status} />
              <PriorityBadge priority={ticket.priority} />
              {ticket.status !== 'resolved' && ticket.status !== 'closed' && (
                <SlaCountdown sla={ticket.sla} timeZone={clientZone} now={now} />
              )}
              <Text size="xs" c="dimmed">
                {ticket.requestType ? `${requestTypeLabel(ticket.requestType)} · ` : ''}raised{' '}
                {formatInstant(ticket.createdAt, viewerTimeZone())}
              </Text>
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

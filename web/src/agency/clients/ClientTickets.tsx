import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { api, query } from '../../api/client';
import type { TicketPage, TicketSummary } from '../../api/types';
import { formatInstant } from '../../app/format';
import { KindBadge, PriorityBadge, StatusBadge } from '../../components/badges';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';

const PAGE_SIZE = 20;

/** The client's tickets, newest first, a page at a time. */
export function ClientTickets({
  clientId,
  viewerZone,
  compact,
}: {
  clientId: string;
  viewerZone: string;
  compact: boolean;
}) {
  const headingId = useId();
  const tickets = useInfiniteQuery({
    queryKey: ['tickets', 'client', clientId, 'newest'],
    queryFn: ({ pageParam }) =>
      api.get<TicketPage>(
        `/tickets${query({ clientId, sort: 'newest', limit: PAGE_SIZE, cursor: pageParam })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const rows = tickets.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Tickets
      </Title>
      {tickets.isPending ? (
        <LoadingState label="Loading tickets…" />
      ) : tickets.isError && rows.length === 0 ? (
        <ErrorState error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No tickets yet">This client has not raised anything.</EmptyState>
      ) : (
        <>
          {compact ? (
            <TicketCards tickets={rows} viewerZone={viewerZone} />
          ) : (
            <TicketTable tickets={rows} viewerZone={viewerZone} />
          )}
          {tickets.isFetchNextPageError && (
            <ErrorState error={tickets.error} onRetry={() => void tickets.fetchNextPage()} />
          )}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {rows.length} shown{tickets.hasNextPage ? '' : ', all of them'}
            </Text>
            {tickets.hasNextPage && (
              <Button
                variant="default"
                size="xs"
                loading={tickets.isFetchingNextPage}
                onClick={() => void tickets.fetchNextPage()}
              >
                Load more
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}

function TicketLink({ ticket }: { ticket: TicketSummary }) {
  return (
    <Anchor component={Link} to={`/tickets/${ticket.id}`} size="sm" fw={500}>
      #{ticket.number} {ticket.subject}
    </Anchor>
  );
}

function TicketTable({ tickets, viewerZone }: { tickets: TicketSummary[]; viewerZone: string }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="xs" aria-label="Tickets, newest first">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Ticket</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Priority</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Raised</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket) => (
            <Table.Tr key={ticket.id}>
              <Table.Td>
                <TicketLink ticket={ticket} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={ticket.status} />
              </Table.Td>
              <Table.Td>
                <PriorityBadge priority={ticket.priority} />
              </Table.Td>
              <Table.Td>
                <KindBadge kind={ticket.kind} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatInstant(ticket.createdAt, viewerZone)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TicketCards({ tickets, viewerZone }: { tickets: TicketSummary[]; viewerZone: string }) {
  return (
    <Stack
      gap="xs"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label="Tickets, newest first"
    >
      {tickets.map((ticket) => (
        <Card key={ticket.id} component="li" withBorder padding="xs">
          <Stack gap={4}>
            <TicketLink ticket={ticket} />
            <Group gap={4}>
              <StatusBadge status={ticket.status} />
              <PriorityBadge priority={ticket.priority} />
              <KindBadge kind={ticket.kind} />
            </Group>
            <Text size="xs" c="dimmed">
              Raised {formatInstant(ticket.createdAt, viewerZone)}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

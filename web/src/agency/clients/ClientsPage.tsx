import { Anchor, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { ClientHealth, ListOf } from '../../api/types';
import { PageTitle } from '../../app/Shell';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { Compliance, Hours, OpenTickets } from './health';
import { HEALTH_KEY } from './keys';
import { monthLabel } from './months';

/** Every client at a glance: open and breached tickets, this month's SLA compliance and hours. */
export default function ClientsPage() {
  const health = useQuery({
    queryKey: HEALTH_KEY,
    queryFn: () => api.get<ListOf<ClientHealth>>('/clients/health'),
  });
  const compact = useMediaQuery('(max-width: 48em)', false) ?? false;
  const rows = health.data?.items ?? [];
  const months = [...new Set(rows.map((row) => row.month))];

  return (
    <Stack gap="md">
      <PageTitle
        actions={
          <Group gap="sm">
            {health.isFetching && !health.isPending && <Loader size="xs" aria-label="Refreshing" />}
            <Button size="xs" variant="default" onClick={() => void health.refetch()}>
              Refresh
            </Button>
          </Group>
        }
      >
        Clients
      </PageTitle>
      {health.isPending ? (
        <LoadingState label="Loading clients…" />
      ) : health.isError ? (
        <ErrorState error={health.error} onRetry={() => void health.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No clients yet">Clients are added under Settings.</EmptyState>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            SLA compliance and hours for {months.map((month) => monthLabel(month)).join(' / ')}, each in the
            client’s own time zone; open tickets as of now.
          </Text>
          {compact ? <HealthCards rows={rows} /> : <HealthTable rows={rows} />}
        </>
      )}
    </Stack>
  );
}

function ClientName({ row }: { row: ClientHealth }) {
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/clients/${row.clientId}`} fw={600}>
        {row.name}
      </Anchor>
      <Text size="xs" c="dimmed">
        {row.timeZone}
      </Text>
    </Stack>
  );
}

function HealthTable({ rows }: { rows: ClientHealth[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Client health">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Client</Table.Th>
            <Table.Th scope="col">Open tickets</Table.Th>
            <Table.Th scope="col">SLA compliance this month</Table.Th>
            <Table.Th scope="col">Hours this month</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.clientId} data-client={row.slug}>
              <Table.Th scope="row" fw="normal">
                <ClientName row={row} />
              </Table.Th>
              <Table.Td>
                <OpenTickets row={row} />
              </Table.Td>
              <Table.Td>
                <Compliance row={row} />
              </Table.Td>
              <Table.Td>
                <Hours row={row} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function HealthCards({ rows }: { rows: ClientHealth[] }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Client health">
      {rows.map((row) => (
        <Card key={row.clientId} component="li" withBorder padding="sm" data-client={row.slug}>
          <Stack gap="xs">
            <ClientName row={row} />
            <SimpleGrid cols={2} spacing="xs">
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  Open tickets
                </Text>
                <OpenTickets row={row} />
              </Stack>
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  SLA this month
                </Text>
                <Compliance row={row} />
              </Stack>
            </SimpleGrid>
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                Hours this month
              </Text>
              <Hours row={row} />
            </Stack>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

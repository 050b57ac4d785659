import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { BacklogItem, Client, MaintenanceWindow } from '../../api/types';
import { formatDate, formatMinutes } from '../../app/format';
import { PriorityBadge } from '../../components/badges';
import {
  formatWindowDay,
  formatWindowHours,
  ItemSize,
  RolledBadge,
  UNPLANNED_TEXT,
  WindowStatusBadge,
} from '../../components/maintenance';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { EstimateButton, NextWindowButton } from './ItemActions';
import { useBacklog, useWindows } from './maintenanceApi';

const YEAR_MS = 366 * 86_400_000;

type ClientRef = Pick<Client, 'id' | 'name' | 'timeZone'>;

/** The backlog per client, in the planner's order: each window's items first, then what has no room. */
export function BacklogTab({
  clientId,
  clients,
  clientFilter,
}: {
  clientId: string | null;
  clients: Client[];
  clientFilter: ReactNode;
}) {
  const backlog = useBacklog({ clientId });
  // The windows of the planning horizon, for each item's window in its own zone.
  const range = useMemo(() => {
    const now = Date.now();
    return { from: new Date(now - 31 * 86_400_000).toISOString(), to: new Date(now + YEAR_MS).toISOString() };
  }, []);
  const windows = useWindows({ ...range, clientId });
  const windowById = new Map((windows.data ?? []).map((w) => [w.id, w]));
  const byClient = groupByClient(backlog.data?.items ?? []);
  const clientById = new Map(clients.map((client) => [client.id, client]));
  // Clients by name; a client missing from the list (just created elsewhere) still shows, by its id.
  const order = [...byClient.keys()]
    .map((id) => ({
      id,
      name: clientById.get(id)?.name ?? 'Client',
      timeZone: clientById.get(id)?.timeZone ?? 'UTC',
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <Stack gap="md">
      {clientFilter}
      <Text size="sm" c="dimmed">
        Open maintenance work, recurring chores and tickets triage sent to the next window, in plan order:
        each window is filled by priority, then due date, then age, within its capacity. Items without an
        estimate count as {formatMinutes(backlog.data?.defaultSizeMinutes ?? 60)}.
      </Text>
      {backlog.isPending ? (
        <LoadingState label="Loading the backlog…" />
      ) : backlog.isError ? (
        <ErrorState error={backlog.error} onRetry={() => void backlog.refetch()} />
      ) : order.length === 0 ? (
        <EmptyState title="The backlog is empty">
          Tickets of kind maintenance, due chores and tickets sent to the next window appear here.
        </EmptyState>
      ) : (
        order.map((client) => (
          <ClientBacklog
            key={client.id}
            client={client}
            items={byClient.get(client.id) ?? []}
            windowById={windowById}
            withTitle={!clientId}
          />
        ))
      )}
    </Stack>
  );
}

function groupByClient(items: BacklogItem[]): Map<string, BacklogItem[]> {
  const groups = new Map<string, BacklogItem[]>();
  for (const item of items) groups.set(item.clientId, [...(groups.get(item.clientId) ?? []), item]);
  return groups;
}

function ClientBacklog({
  client,
  items,
  windowById,
  withTitle,
}: {
  client: ClientRef;
  items: BacklogItem[];
  windowById: Map<string, MaintenanceWindow>;
  withTitle: boolean;
}) {
  const rolled = items.filter((item) => item.rollCount > 0).length;
  return (
    <Stack gap="xs" component="section" aria-label={`Backlog of ${client.name}`}>
      <Group justify="space-between" gap="xs">
        {withTitle ? (
          <Title order={2} size="h4">
            {client.name}
          </Title>
        ) : (
          <span />
        )}
        <Text size="sm" c="dimmed">
          {items.length} {items.length === 1 ? 'item' : 'items'}
          {rolled > 0 && ` · ${rolled} rolled`}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={760}>
        <Table fz="sm" verticalSpacing="xs" aria-label={`Backlog of ${client.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th>Priority</Table.Th>
              <Table.Th>Estimate</Table.Th>
              <Table.Th>Planned window</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <BacklogRow
                key={item.ticketId}
                item={item}
                window={item.window && windowById.get(item.window.id)}
                client={client}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function BacklogRow({
  item,
  window,
  client,
}: {
  item: BacklogItem;
  window: MaintenanceWindow | null | undefined;
  client: ClientRef;
}) {
  const zone = window?.timeZone ?? client.timeZone;
  return (
    <Table.Tr data-testid="backlog-item" data-ticket={item.number}>
      <Table.Td>
        <Anchor component={Link} to={`/tickets/${item.ticketId}`} fw={600} size="sm">
          <Text span inherit c="dimmed" fw={400}>
            #{item.number}
          </Text>{' '}
          {item.subject}
        </Anchor>
        <Group gap={4} mt={2}>
          <WhyInBacklog item={item} />
        </Group>
      </Table.Td>
      <Table.Td>
        <PriorityBadge priority={item.priority} />
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <ItemSize minutes={item.sizeMinutes} source={item.sizeSource} />
          <EstimateButton
            ticketId={item.ticketId}
            number={item.number}
            minutes={item.sizeSource === 'ticket' ? item.sizeMinutes : null}
          />
        </Group>
      </Table.Td>
      <Table.Td data-testid="backlog-window">
        {item.window ? (
          <Stack gap={2}>
            <Group gap={6} wrap="nowrap">
              <Anchor
                component={Link}
                to={`/maintenance/windows/${item.window.id}`}
                size="sm"
                style={{ whiteSpace: 'nowrap' }}
              >
                {formatWindowDay(item.window.startsAt, zone)}
              </Anchor>
              {item.window.status !== 'scheduled' && (
                <WindowStatusBadge status={item.window.status} size="xs" />
              )}
              <RolledBadge count={item.rollCount} />
            </Group>
            <Text size="xs" c="dimmed">
              {formatWindowHours(item.window.startsAt, item.window.endsAt, zone)} · {item.window.title}
            </Text>
          </Stack>
        ) : (
          <Group gap={6}>
            <Text size="sm" c="orange.8">
              {item.unplannedReason ? UNPLANNED_TEXT[item.unplannedReason] : 'Not planned yet'}
            </Text>
            <RolledBadge count={item.rollCount} />
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        {item.nextWindow && (
          <NextWindowButton ticketId={item.ticketId} number={item.number} nextWindow size="compact-xs" />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Why the ticket is maintenance work: a chore, triage's "next window", or its kind. */
function WhyInBacklog({ item }: { item: BacklogItem }) {
  return (
    <>
      {item.choreId && (
        <Badge size="xs" variant="light" color="grape">
          chore{item.choreDueOn ? ` · due ${formatDate(item.choreDueOn)}` : ''}
        </Badge>
      )}
      {item.nextWindow && (
        <Badge size="xs" variant="light" color="blue">
          sent to next window
        </Badge>
      )}
      {item.kind === 'maintenance' && !item.choreId && (
        <Badge size="xs" variant="dot" color="gray">
          maintenance
        </Badge>
      )}
    </>
  );
}

import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useQueryClient, useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { MaintenanceWindowDetail, MaintenanceWindowItem } from '../../api/types';
import { formatMinutes } from '../../app/format';
import { PriorityBadge, StatusBadge } from '../../components/badges';
import { ItemSize, RolledBadge } from '../../components/maintenance';
import { EmptyState } from '../../components/states';
import { Section, ServerError } from '../ticket/bits';
import { EstimateButton } from './ItemActions';
import { MAINTENANCE_KEY } from './maintenanceApi';
import { isOpenStatus } from '../../../../src/domain/tickets/ticket-status';

/** The window's items in plan order (a closed window: what became of each, the rolled ones last). */
export function WindowItems({ window }: { window: MaintenanceWindowDetail }) {
  const closed = window.status === 'closed';
  return (
    <Section
      title={closed ? 'What was done' : 'Planned items'}
      id="window-items"
      actions={
        <Text size="sm" c="dimmed">
          {formatMinutes(window.plannedMinutes)} of {formatMinutes(window.capacityMinutes)}
        </Text>
      }
    >
      {window.items.length === 0 ? (
        <EmptyState title="Nothing planned">
          {window.status === 'scheduled'
            ? 'Backlog items are planned into the window as they fit its capacity.'
            : 'No items were planned into this window.'}
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table fz="sm" verticalSpacing="xs" aria-label="Items of the window">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th>Priority</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Estimate</Table.Th>
                <Table.Th>Logged</Table.Th>
                <Table.Th>{closed ? 'Outcome' : ''}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {window.items.map((item) => (
                <ItemRow key={item.ticketId} item={item} window={window} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

function ItemRow({ item, window }: { item: MaintenanceWindowItem; window: MaintenanceWindowDetail }) {
  const closed = window.status === 'closed';
  return (
    <Table.Tr data-testid="window-item" data-ticket={item.number}>
      <Table.Td>
        <Anchor component={Link} to={`/tickets/${item.ticketId}`} size="sm" fw={600}>
          <Text span inherit c="dimmed" fw={400}>
            #{item.number}
          </Text>{' '}
          {item.subject}
        </Anchor>
        <Group gap={4} mt={2}>
          {item.choreId && (
            <Badge size="xs" variant="light" color="grape">
              chore
            </Badge>
          )}
          <RolledBadge count={item.rollCount} />
        </Group>
      </Table.Td>
      <Table.Td>
        <PriorityBadge priority={item.priority} />
      </Table.Td>
      <Table.Td>
        <StatusBadge status={item.status} />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <ItemSize minutes={item.sizeMinutes} source={item.sizeSource} />
          {!closed && isOpenStatus(item.status) && (
            <EstimateButton
              ticketId={item.ticketId}
              number={item.number}
              minutes={item.sizeSource === 'ticket' ? item.sizeMinutes : null}
            />
          )}
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMinutes(item.minutesLogged)}</Table.Td>
      <Table.Td>
        {closed ? (
          <Badge
            color={item.outcome === 'done' ? 'teal' : 'orange'}
            variant="light"
            data-testid="item-outcome"
          >
            {item.outcome === 'done' ? 'done' : 'rolled over'}
          </Badge>
        ) : window.status === 'in_progress' && isOpenStatus(item.status) ? (
          <ResolveButton ticketId={item.ticketId} number={item.number} />
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** Working through the window: an item is done when its ticket is resolved. */
function ResolveButton({ ticketId, number }: { ticketId: string; number: number }) {
  const queryClient = useQueryClient();
  const resolve = useMutation({
    mutationFn: () => api.post(`/tickets/${ticketId}/transitions`, { status: 'resolved' }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: MAINTENANCE_KEY }),
        queryClient.invalidateQueries({ queryKey: ['agency-ticket'] }),
        queryClient.invalidateQueries({ queryKey: ['agency-queue'] }),
      ]),
  });
  return (
    <>
      <Button
        size="compact-xs"
        variant="light"
        loading={resolve.isPending}
        onClick={() => resolve.mutate()}
        aria-label={`Mark #${number} resolved`}
      >
        Mark resolved
      </Button>
      <ServerError error={resolve.error} />
    </>
  );
}

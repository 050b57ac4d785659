import { Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Agreement, MaintenanceChore } from '../../api/types';
import { formatDate, formatMinutes } from '../../app/format';
import { PriorityBadge } from '../../components/badges';
import { ErrorState, LoadingState } from '../../components/states';
import { localDateIn } from '../clients/months';
import { ServerError } from '../ticket/bits';
import { ChoreForm } from './ChoreForm';
import { useChores, useSaveChore } from './maintenanceApi';

/** An agreement's recurring chores: each becomes a ticket when it falls due for the next window. */
export function Chores({ agreement }: { agreement: Agreement }) {
  const chores = useChores(agreement.id);
  const [editing, setEditing] = useState<MaintenanceChore | 'new' | null>(null);
  const today = localDateIn(agreement.timeZone);
  return (
    <Stack gap="xs" aria-label="Recurring chores" component="section">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h5">
          Chores
        </Title>
        <Button size="xs" variant="light" onClick={() => setEditing('new')}>
          Add chore
        </Button>
      </Group>
      {chores.isPending ? (
        <LoadingState label="Loading chores…" />
      ) : chores.isError ? (
        <ErrorState error={chores.error} onRetry={() => void chores.refetch()} />
      ) : chores.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No chores. Recurring work such as dependency updates or secret rotation goes here.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table fz="sm" verticalSpacing="xs" aria-label={`Chores of ${agreement.name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Chore</Table.Th>
                <Table.Th>Cadence</Table.Th>
                <Table.Th>Estimate</Table.Th>
                <Table.Th>Priority</Table.Th>
                <Table.Th>Next due</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {chores.data.map((chore) => (
                <ChoreRow
                  key={chore.id}
                  chore={chore}
                  agreementId={agreement.id}
                  onEdit={() => setEditing(chore)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <Modal
          opened
          onClose={() => setEditing(null)}
          title={editing === 'new' ? 'New chore' : 'Edit chore'}
          size="lg"
        >
          <ChoreForm
            agreementId={agreement.id}
            timeZone={agreement.timeZone}
            chore={editing === 'new' ? undefined : editing}
            today={today}
            onDone={() => setEditing(null)}
          />
        </Modal>
      )}
    </Stack>
  );
}

function cadenceText(months: number): string {
  if (months === 1) return 'monthly';
  if (months === 3) return 'quarterly';
  if (months === 12) return 'yearly';
  return `every ${months} months`;
}

function ChoreRow({
  chore,
  agreementId,
  onEdit,
}: {
  chore: MaintenanceChore;
  agreementId: string;
  onEdit: () => void;
}) {
  const save = useSaveChore(agreementId);
  return (
    <Table.Tr data-testid="chore-row" style={chore.active ? undefined : { opacity: 0.6 }}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {chore.title}
        </Text>
        {chore.description && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {chore.description}
          </Text>
        )}
        {!chore.active && (
          <Badge size="xs" color="gray" variant="light">
            stopped
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{cadenceText(chore.cadenceMonths)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMinutes(chore.estimateMinutes)}</Table.Td>
      <Table.Td>
        <PriorityBadge priority={chore.priority} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(chore.nextDueOn)}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="compact-xs" variant="subtle" onClick={onEdit}>
            Edit
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            color={chore.active ? 'red' : undefined}
            loading={save.isPending}
            onClick={() => save.mutate({ id: chore.id, active: !chore.active })}
            title={chore.active ? 'Its open tickets stay' : undefined}
          >
            {chore.active ? 'Stop' : 'Resume'}
          </Button>
        </Group>
        <ServerError error={save.error} />
      </Table.Td>
    </Table.Tr>
  );
}

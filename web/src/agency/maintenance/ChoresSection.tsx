import { Table, Text } from '@mantine/core';
import type { Agreement, MaintenanceChore } from '../../api/types';
import { formatDate, formatMinutes } from '../../app/format';
import { PriorityBadge } from '../../components/badges';
import { localDateIn } from '../clients/months';
import { ChoreForm } from './ChoreForm';
import { useChores, useSaveChore } from './maintenanceApi';
import { RecurringItemsSection, RecurringRowActions, StoppedBadge, stoppedStyle } from './RecurringItems';

/** An agreement's recurring chores: each becomes a ticket when it falls due for the next window. */
export function Chores({ agreement }: { agreement: Agreement }) {
  const chores = useChores(agreement.id);
  const today = localDateIn(agreement.timeZone);
  return (
    <RecurringItemsSection
      label="Recurring chores"
      title="Chores"
      addLabel="Add chore"
      loadingLabel="Loading chores…"
      empty="No chores. Recurring work such as dependency updates or secret rotation goes here."
      items={chores}
      tableLabel={`Chores of ${agreement.name}`}
      minWidth={620}
      columns={
        <>
          <Table.Th>Chore</Table.Th>
          <Table.Th>Cadence</Table.Th>
          <Table.Th>Estimate</Table.Th>
          <Table.Th>Priority</Table.Th>
          <Table.Th>Next due</Table.Th>
        </>
      }
      renderRow={(chore, onEdit) => (
        <ChoreRow key={chore.id} chore={chore} agreementId={agreement.id} onEdit={onEdit} />
      )}
      modalTitle={(isNew) => (isNew ? 'New chore' : 'Edit chore')}
      renderForm={(chore, onDone) => (
        <ChoreForm
          agreementId={agreement.id}
          timeZone={agreement.timeZone}
          chore={chore}
          today={today}
          onDone={onDone}
        />
      )}
    />
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
    <Table.Tr data-testid="chore-row" style={stoppedStyle(chore.active)}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {chore.title}
        </Text>
        {chore.description && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {chore.description}
          </Text>
        )}
        <StoppedBadge active={chore.active} />
      </Table.Td>
      <Table.Td>{cadenceText(chore.cadenceMonths)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMinutes(chore.estimateMinutes)}</Table.Td>
      <Table.Td>
        <PriorityBadge priority={chore.priority} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(chore.nextDueOn)}</Table.Td>
      <RecurringRowActions
        active={chore.active}
        onEdit={onEdit}
        onToggle={() => save.mutate({ id: chore.id, active: !chore.active })}
        toggling={save.isPending}
        error={save.error}
        stopHint="Its open tickets stay"
      />
    </Table.Tr>
  );
}

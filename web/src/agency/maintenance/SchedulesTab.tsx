import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Agreement, Client, MaintenanceSchedule } from '../../api/types';
import { formatMinutes } from '../../app/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { AGREEMENT_KIND_LABEL } from '../clients/AgreementCard';
import { currentMonthIn } from '../clients/months';
import { Chores } from './ChoresSection';
import { useClientAgreements, useSaveSchedule, useSchedules } from './maintenanceApi';
import { RecurringItemsSection, RecurringRowActions, StoppedBadge, stoppedStyle } from './RecurringItems';
import { ScheduleForm } from './ScheduleForm';

/** Per agreement of one client: its recurring windows and its recurring chores. */
export function SchedulesTab({
  clientId,
  clients,
  clientFilter,
}: {
  clientId: string | null;
  clients: Client[];
  clientFilter: ReactNode;
}) {
  const agreements = useClientAgreements(clientId);
  const client = clients.find((c) => c.id === clientId);
  const active = (agreements.data ?? []).filter((a) => a.status === 'active');
  return (
    <Stack gap="md">
      {clientFilter}
      {!clientId ? (
        <EmptyState title="Choose a client">
          Each agreement has its own recurring windows (e.g. monthly on the second Tuesday, 18:00–22:00) and
          chores (update dependencies, rotate secrets, run security scans).
        </EmptyState>
      ) : agreements.isPending ? (
        <LoadingState label="Loading agreements…" />
      ) : agreements.isError ? (
        <ErrorState error={agreements.error} onRetry={() => void agreements.refetch()} />
      ) : active.length === 0 ? (
        <EmptyState title="No active agreement">
          {client?.name ?? 'This client'} has no active agreement.
        </EmptyState>
      ) : (
        active.map((agreement) => <AgreementMaintenance key={agreement.id} agreement={agreement} />)
      )}
    </Stack>
  );
}

function AgreementMaintenance({ agreement }: { agreement: Agreement }) {
  const headingId = `maintenance-${agreement.id}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id={headingId}>
            {agreement.name}
          </Title>
          <Group gap={6}>
            <Badge variant="light">{AGREEMENT_KIND_LABEL[agreement.kind]}</Badge>
            <Text size="sm" c="dimmed">
              times in {agreement.timeZone}
            </Text>
          </Group>
        </Group>
        <Schedules agreement={agreement} />
        <Chores agreement={agreement} />
      </Stack>
    </Card>
  );
}

function Schedules({ agreement }: { agreement: Agreement }) {
  const schedules = useSchedules(agreement.id);
  return (
    <RecurringItemsSection
      label="Recurring windows"
      title="Recurring windows"
      addLabel="Add schedule"
      loadingLabel="Loading schedules…"
      empty="No recurring windows. Add a schedule, or create one-off windows from the calendar."
      items={schedules}
      tableLabel={`Schedules of ${agreement.name}`}
      minWidth={560}
      columns={
        <>
          <Table.Th>Schedule</Table.Th>
          <Table.Th>When ({agreement.timeZone})</Table.Th>
          <Table.Th>Capacity</Table.Th>
        </>
      }
      renderRow={(schedule, onEdit) => (
        <ScheduleRow key={schedule.id} schedule={schedule} agreementId={agreement.id} onEdit={onEdit} />
      )}
      modalTitle={(isNew) => (isNew ? 'New schedule' : 'Edit schedule')}
      renderForm={(schedule, onDone) => (
        <ScheduleForm
          agreementId={agreement.id}
          timeZone={agreement.timeZone}
          schedule={schedule}
          defaultMonth={currentMonthIn(agreement.timeZone)}
          onDone={onDone}
        />
      )}
    />
  );
}

function ScheduleRow({
  schedule,
  agreementId,
  onEdit,
}: {
  schedule: MaintenanceSchedule;
  agreementId: string;
  onEdit: () => void;
}) {
  const save = useSaveSchedule(agreementId);
  return (
    <Table.Tr data-testid="schedule-row" style={stoppedStyle(schedule.active)}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {schedule.name}
        </Text>
        <StoppedBadge active={schedule.active} />
      </Table.Td>
      <Table.Td>{schedule.description}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMinutes(schedule.capacityMinutes)}</Table.Td>
      <RecurringRowActions
        active={schedule.active}
        onEdit={onEdit}
        onToggle={() => save.mutate({ id: schedule.id, active: !schedule.active })}
        toggling={save.isPending}
        error={save.error}
        stopHint="Its windows still to come are removed"
      />
    </Table.Tr>
  );
}

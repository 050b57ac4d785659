import { Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { Agreement, Client, MaintenanceSchedule } from '../../api/types';
import { formatMinutes } from '../../app/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { AGREEMENT_KIND_LABEL } from '../clients/AgreementCard';
import { currentMonthIn } from '../clients/months';
import { ServerError } from '../ticket/bits';
import { Chores } from './ChoresSection';
import { useClientAgreements, useSaveSchedule, useSchedules } from './maintenanceApi';
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
  const [editing, setEditing] = useState<MaintenanceSchedule | 'new' | null>(null);
  return (
    <Stack gap="xs" aria-label="Recurring windows" component="section">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h5">
          Recurring windows
        </Title>
        <Button size="xs" variant="light" onClick={() => setEditing('new')}>
          Add schedule
        </Button>
      </Group>
      {schedules.isPending ? (
        <LoadingState label="Loading schedules…" />
      ) : schedules.isError ? (
        <ErrorState error={schedules.error} onRetry={() => void schedules.refetch()} />
      ) : schedules.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No recurring windows. Add a schedule, or create one-off windows from the calendar.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" verticalSpacing="xs" aria-label={`Schedules of ${agreement.name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Schedule</Table.Th>
                <Table.Th>When ({agreement.timeZone})</Table.Th>
                <Table.Th>Capacity</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schedules.data.map((schedule) => (
                <ScheduleRow
                  key={schedule.id}
                  schedule={schedule}
                  agreementId={agreement.id}
                  onEdit={() => setEditing(schedule)}
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
          title={editing === 'new' ? 'New schedule' : 'Edit schedule'}
          size="lg"
        >
          <ScheduleForm
            agreementId={agreement.id}
            timeZone={agreement.timeZone}
            schedule={editing === 'new' ? undefined : editing}
            defaultMonth={currentMonthIn(agreement.timeZone)}
            onDone={() => setEditing(null)}
          />
        </Modal>
      )}
    </Stack>
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
    <Table.Tr data-testid="schedule-row" style={schedule.active ? undefined : { opacity: 0.6 }}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {schedule.name}
        </Text>
        {!schedule.active && (
          <Badge size="xs" color="gray" variant="light">
            stopped
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{schedule.description}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMinutes(schedule.capacityMinutes)}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="compact-xs" variant="subtle" onClick={onEdit}>
            Edit
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            color={schedule.active ? 'red' : undefined}
            loading={save.isPending}
            onClick={() => save.mutate({ id: schedule.id, active: !schedule.active })}
            title={schedule.active ? 'Its windows still to come are removed' : undefined}
          >
            {schedule.active ? 'Stop' : 'Resume'}
          </Button>
        </Group>
        <ServerError error={save.error} />
      </Table.Td>
    </Table.Tr>
  );
}

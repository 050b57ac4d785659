import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { TicketDetail, TimeEntry } from '../../api/types';
import { formatDate, formatMinutes } from '../../app/format';
import { ErrorState, LoadingState } from '../../components/states';
import { Section, ServerError } from './bits';
import { todayIn, useTicketChange, useTicketTime } from './ticketApi';
import { useActiveTicketProject } from './proposalApi';

const CATEGORIES = ['bugfix', 'enhancement', 'advisory', 'maintenance'] as const;
type Category = (typeof CATEGORIES)[number];
const DEFAULT_CATEGORY: Record<TicketDetail['kind'], Category> = {
  support: 'bugfix',
  maintenance: 'maintenance',
  change: 'enhancement',
};

/** Time logged on this ticket, and logging more (the date is the agreement's local date). */
export function TimeLog({
  ticket,
  agreementZone,
  userName,
}: {
  ticket: TicketDetail;
  agreementZone: string | null;
  userName: Map<string, string>;
}) {
  const time = useTicketTime(ticket.id);
  const entries = time.data?.items ?? [];
  const total = entries.reduce((sum, entry) => sum + entry.minutes, 0);
  return (
    <Section
      title="Time"
      id="time"
      actions={
        entries.length > 0 ? (
          <Text size="sm" fw={600}>
            {formatMinutes(total)} logged
          </Text>
        ) : undefined
      }
    >
      <Stack gap="sm">
        {time.isPending ? (
          <LoadingState label="Loading time entries…" />
        ) : time.isError ? (
          <ErrorState error={time.error} onRetry={() => void time.refetch()} />
        ) : entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            No time logged on this ticket yet.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={320}>
            <Table fz="sm" verticalSpacing={4} aria-label="Time logged on this ticket">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>What</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <Table.Tr key={entry.id} data-testid="time-entry">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(entry.date)}</Table.Td>
                    <Table.Td>{userName.get(entry.userId) ?? 'Someone'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatMinutes(entry.minutes)}
                      {!entry.billable && (
                        <Badge size="xs" variant="light" color="gray" ml={4}>
                          not billable
                        </Badge>
                      )}
                      {entry.projectId && (
                        <Badge size="xs" variant="light" color="indigo" ml={4}>
                          project
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{entry.category}</Text>
                      {entry.description && (
                        <Text size="xs" c="dimmed">
                          {entry.description}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {ticket.agreementId ? (
          <LogTimeForm ticket={ticket} zone={agreementZone} />
        ) : (
          <Text size="sm" c="dimmed">
            The ticket falls under no agreement, so there is nothing to log time against.
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function LogTimeForm({ ticket, zone }: { ticket: TicketDetail; zone: string | null }) {
  const today = zone ? todayIn(zone) : '';
  const [date, setDate] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number | string>('');
  const [category, setCategory] = useState<Category>(DEFAULT_CATEGORY[ticket.kind]);
  const [billable, setBillable] = useState(true);
  const [description, setDescription] = useState('');
  // Once the ticket's proposal is approved, its time goes on the project (never drawn from the retainer).
  const project = useActiveTicketProject(ticket.id);
  const [onProject, setOnProject] = useState(true);
  const log = useTicketChange(ticket.id, (input: Record<string, unknown>) =>
    api.post<TimeEntry>('/time-entries', input),
  );
  const apiError = log.error instanceof ApiError ? log.error : null;
  const effectiveDate = date ?? today;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    log.mutate(
      {
        ticketId: ticket.id,
        date: effectiveDate,
        minutes: typeof minutes === 'number' ? minutes : Number(minutes),
        category,
        billable,
        description: description.trim(),
        ...(project && onProject ? { projectId: project.id } : {}),
      },
      {
        onSuccess: () => {
          setMinutes('');
          setDescription('');
          setDate(null);
        },
      },
    );
  };
  return (
    <Stack component="form" gap={6} onSubmit={submit} aria-label="Log time">
      <Group grow gap="xs" align="flex-start" wrap="wrap">
        <TextInput
          type="date"
          label="Date"
          description={zone ? `In ${zone}` : undefined}
          required
          value={effectiveDate}
          max={today || undefined}
          onChange={(event) => setDate(event.currentTarget.value)}
          error={apiError?.fieldError('date')}
          miw={140}
        />
        <NumberInput
          label="Minutes"
          description="1 to 1440"
          required
          min={1}
          max={1440}
          step={15}
          allowDecimal={false}
          value={minutes}
          onChange={setMinutes}
          error={apiError?.fieldError('minutes')}
          miw={110}
        />
      </Group>
      <Select
        label="Category"
        data={CATEGORIES}
        value={category}
        onChange={(value) => value && setCategory(value)}
        allowDeselect={false}
        error={apiError?.fieldError('category')}
      />
      <TextInput
        label="Description"
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        error={apiError?.fieldError('description')}
      />
      <Checkbox
        label="Billable"
        checked={billable}
        onChange={(event) => setBillable(event.currentTarget.checked)}
      />
      {project && (
        <Checkbox
          label={`On the project “${project.name}” (not from the retainer)`}
          checked={onProject}
          onChange={(event) => setOnProject(event.currentTarget.checked)}
        />
      )}
      <ServerError error={log.error} fields={['date', 'minutes', 'category', 'description', 'billable']} />
      <Button
        type="submit"
        variant="light"
        w="fit-content"
        loading={log.isPending}
        disabled={!effectiveDate || minutes === ''}
      >
        Log time
      </Button>
    </Stack>
  );
}

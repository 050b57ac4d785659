import { Alert, Anchor, Badge, Button, Grid, Select, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useState, type FormEvent } from 'react';
import type { MaintenanceWindowDetail } from '../../api/types';
import { formatDate, formatMinutes } from '../../app/format';
import { ErrorState, LoadingState } from '../../components/states';
import { localDateIn } from '../clients/months';
import { Section } from '../ticket/bits';
import { parseDuration } from '../time/duration';
import { CATEGORY_LABEL, EntryFields, fieldError, formError, type EntryValues } from '../time/fields';
import { useLogWindowTime, useWindowTime } from './maintenanceApi';

/** Marks time on the window itself rather than on one of its items (preparation, deploys, checks). */
const ON_WINDOW = 'window';

/** Time logged in the window, on its items or on the window itself, and logging more. */
export function WindowTimeLog({
  window,
  userName,
}: {
  window: MaintenanceWindowDetail;
  userName: Map<string, string>;
}) {
  const time = useWindowTime(window.id);
  const entries = time.data?.items ?? [];
  const itemLabel = new Map(window.items.map((item) => [item.ticketId, `#${item.number} ${item.subject}`]));
  return (
    <Section
      title="Time in this window"
      id="window-time"
      actions={
        <Text size="sm" fw={600}>
          {formatMinutes(window.time.totalMinutes)} logged
        </Text>
      }
    >
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          {time.isPending ? (
            <LoadingState label="Loading time entries…" />
          ) : time.isError ? (
            <ErrorState error={time.error} onRetry={() => void time.refetch()} />
          ) : entries.length === 0 ? (
            <Text size="sm" c="dimmed">
              No time logged in this window yet.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={420}>
              <Table fz="sm" verticalSpacing={4} aria-label="Time logged in the window">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Who</Table.Th>
                    <Table.Th>On</Table.Th>
                    <Table.Th>Time</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((entry) => (
                    <Table.Tr key={entry.id} data-testid="window-time-entry">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(entry.date)}</Table.Td>
                      <Table.Td>{userName.get(entry.userId) ?? 'Someone'}</Table.Td>
                      <Table.Td>
                        {entry.ticketId ? (
                          <Anchor component={Link} to={`/tickets/${entry.ticketId}`} size="sm">
                            {itemLabel.get(entry.ticketId) ?? 'A ticket not planned into it'}
                          </Anchor>
                        ) : (
                          <Text size="sm">The window itself</Text>
                        )}
                        {entry.description && (
                          <Text size="xs" c="dimmed">
                            {entry.description}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatMinutes(entry.minutes)}
                        <Text size="xs" c="dimmed">
                          {CATEGORY_LABEL[entry.category]}
                          {!entry.billable && (
                            <Badge size="xs" variant="light" color="gray" ml={4}>
                              not billable
                            </Badge>
                          )}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <LogForm window={window} />
        </Grid.Col>
      </Grid>
    </Section>
  );
}

function LogForm({ window }: { window: MaintenanceWindowDetail }) {
  const today = localDateIn(window.timeZone);
  const [target, setTarget] = useState<string>(window.items[0]?.ticketId ?? ON_WINDOW);
  const [touched, setTouched] = useState(false);
  const [values, setValues] = useState<EntryValues>({
    date: today,
    duration: '',
    category: 'maintenance',
    billable: true,
    description: '',
  });
  const log = useLogWindowTime();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const minutes = parseDuration(values.duration);
    if (minutes === null) return;
    log.mutate(
      {
        agreementId: window.agreementId,
        windowId: window.id,
        ...(target !== ON_WINDOW ? { ticketId: target } : {}),
        date: values.date,
        minutes,
        category: values.category,
        billable: values.billable,
        description: values.description.trim(),
      },
      {
        onSuccess: () => {
          setValues((previous) => ({ ...previous, duration: '', description: '' }));
          setTouched(false);
        },
      },
    );
  };
  const shown = ['ticketId', 'windowId', 'date', 'minutes', 'category', 'billable', 'description'];
  const general = formError(log.error, shown);
  return (
    <form onSubmit={submit} noValidate aria-label="Log time in the window">
      <Stack gap="sm">
        <Select
          label="On"
          required
          allowDeselect={false}
          data={[
            ...window.items.map((item) => ({
              value: item.ticketId,
              label: `#${item.number} ${item.subject}`,
            })),
            { value: ON_WINDOW, label: 'The window itself (preparation, deploys, checks)' },
          ]}
          value={target}
          onChange={(value) => value && setTarget(value)}
          error={fieldError(log.error, 'ticketId') ?? fieldError(log.error, 'windowId')}
        />
        <EntryFields values={values} onChange={setValues} error={log.error} durationTouched={touched} />
        <Text size="xs" c="dimmed" mt={-6}>
          The date is the work date in {window.timeZone}. The time draws on {window.agreement.name}.
        </Text>
        {general && (
          <Alert color="red" role="alert" p="xs">
            {general}
          </Alert>
        )}
        <Button type="submit" variant="light" w="fit-content" loading={log.isPending}>
          Log time
        </Button>
      </Stack>
    </form>
  );
}

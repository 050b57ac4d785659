import {
  ActionIcon,
  Box,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Client, MaintenanceWindow } from '../../api/types';
import { viewerTimeZone } from '../../app/format';
import { CapacityBar, formatWindowHours, WindowStatusBadge } from '../../components/maintenance';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { addMonths, currentMonthIn, dayLabel, localDateIn, monthLabel } from '../clients/months';
import { monthRange, monthWeeks, WEEKDAY_LABELS, windowsByDay } from './calendar';
import { useWindows } from './maintenanceApi';
import { OneOffWindowModal } from './OneOffWindowModal';
import './maintenance.css';

/** A month of maintenance windows: a grid on wide screens, a list of days on phones. */
export function CalendarTab({
  clientId,
  clients,
  clientFilter,
}: {
  clientId: string | null;
  clients: Client[];
  clientFilter: ReactNode;
}) {
  const [params, setParams] = useSearchParams();
  const zone = useMemo(() => viewerTimeZone(), []);
  const current = currentMonthIn(zone);
  const asked = params.get('month');
  const month = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : current;
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const [creating, setCreating] = useState(false);
  const windows = useWindows({ ...monthRange(month), clientId });
  const clientName = new Map(clients.map((client) => [client.id, client.name]));
  const days = windowsByDay(windows.data ?? [], month);
  const count = [...days.values()].reduce((sum, list) => sum + list.length, 0);

  const setMonth = (next: string) =>
    setParams(
      (previous) => {
        const copy = new URLSearchParams(previous);
        if (next === current) copy.delete('month');
        else copy.set('month', next);
        return copy;
      },
      { replace: true },
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        {clientFilter}
        <Group gap="xs" align="center" wrap="nowrap">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label="Previous month"
            onClick={() => setMonth(addMonths(month, -1))}
          >
            ‹
          </ActionIcon>
          <Title order={2} size="h4" miw={150} ta="center" aria-live="polite">
            {monthLabel(month)}
          </Title>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label="Next month"
            onClick={() => setMonth(addMonths(month, 1))}
          >
            ›
          </ActionIcon>
          <Button
            variant="subtle"
            size="xs"
            onClick={() => setMonth(current)}
            // Kept in place when hidden, so the month arrows do not move under the pointer.
            style={month === current ? { visibility: 'hidden' } : undefined}
            aria-hidden={month === current || undefined}
          >
            This month
          </Button>
        </Group>
        <Button variant="light" onClick={() => setCreating(true)}>
          New one-off window
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Each window on the day and at the time it happens in its client&apos;s time zone (stated with each).
        {windows.isSuccess && ` ${count} ${count === 1 ? 'window' : 'windows'} in ${monthLabel(month)}.`}
      </Text>
      {windows.isPending ? (
        <LoadingState label="Loading the windows…" />
      ) : windows.isError ? (
        <ErrorState error={windows.error} onRetry={() => void windows.refetch()} />
      ) : wide ? (
        <MonthGrid month={month} days={days} today={localDateIn(zone)} clientName={clientName} />
      ) : count === 0 ? (
        <EmptyState title={`No windows in ${monthLabel(month)}`}>
          Recurring windows come from each agreement&apos;s schedules (Schedules &amp; chores).
        </EmptyState>
      ) : (
        <Agenda days={days} clientName={clientName} />
      )}
      {creating && (
        <OneOffWindowModal clients={clients} clientId={clientId} onClose={() => setCreating(false)} />
      )}
    </Stack>
  );
}

function MonthGrid({
  month,
  days,
  today,
  clientName,
}: {
  month: string;
  days: Map<string, MaintenanceWindow[]>;
  today: string;
  clientName: Map<string, string>;
}) {
  return (
    <Box role="grid" aria-label={`Maintenance windows, ${monthLabel(month)}`} className="mw-grid">
      <SimpleGrid cols={7} spacing={0} role="row">
        {WEEKDAY_LABELS.map((label) => (
          <Text key={label} role="columnheader" size="xs" fw={700} c="dimmed" tt="uppercase" p={6}>
            {label}
          </Text>
        ))}
      </SimpleGrid>
      {monthWeeks(month).map((week, index) => (
        <SimpleGrid cols={7} spacing={0} role="row" key={index}>
          {week.map((date, column) => (
            <Box
              key={date ?? `empty-${column}`}
              role="gridcell"
              className="mw-cell"
              data-outside={date ? undefined : true}
              data-today={date === today || undefined}
              aria-label={date ? dayLabel(date) : undefined}
            >
              {date && (
                <Stack gap={4}>
                  <Text size="xs" fw={date === today ? 700 : 500} c={date === today ? 'teal.8' : 'dimmed'}>
                    {Number(date.slice(8))}
                  </Text>
                  {(days.get(date) ?? []).map((window) => (
                    <WindowChip key={window.id} window={window} clientName={clientName} />
                  ))}
                </Stack>
              )}
            </Box>
          ))}
        </SimpleGrid>
      ))}
    </Box>
  );
}

function WindowChip({ window, clientName }: { window: MaintenanceWindow; clientName: Map<string, string> }) {
  const name = clientName.get(window.clientId) ?? 'Client';
  return (
    <UnstyledButton
      component={Link}
      to={`/maintenance/windows/${window.id}`}
      className="mw-chip"
      data-status={window.status}
      data-testid="calendar-window"
      aria-label={`${name}: ${window.title}, ${formatWindowHours(window.startsAt, window.endsAt, window.timeZone)}, ${window.status.replace('_', ' ')}`}
      title={`${window.title} (${window.timeZone})`}
    >
      <Text size="xs" fw={700} truncate>
        {name}
      </Text>
      <Text size="xs" truncate>
        {formatWindowHours(window.startsAt, window.endsAt, window.timeZone)}
      </Text>
      <CapacityBar planned={window.plannedMinutes} capacity={window.capacityMinutes} compact />
      <WindowStatusBadge status={window.status} size="xs" />
    </UnstyledButton>
  );
}

function Agenda({
  days,
  clientName,
}: {
  days: Map<string, MaintenanceWindow[]>;
  clientName: Map<string, string>;
}) {
  const dates = [...days.keys()].sort();
  return (
    <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Maintenance windows">
      {dates.map((date) =>
        (days.get(date) ?? []).map((window) => (
          <li key={window.id}>
            <Paper
              withBorder
              p="sm"
              component={Link}
              to={`/maintenance/windows/${window.id}`}
              className="mw-agenda"
              data-testid="calendar-window"
              data-status={window.status}
            >
              <Group align="flex-start" wrap="nowrap" gap="sm">
                <Stack gap={0} align="center" miw={44}>
                  <Text size="xs" c="dimmed" tt="uppercase">
                    {new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short' }).format(
                      new Date(`${date}T00:00:00Z`),
                    )}
                  </Text>
                  <Text fw={700} size="lg" lh={1.1}>
                    {Number(date.slice(8))}
                  </Text>
                </Stack>
                <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text fw={700} size="sm" truncate>
                      {clientName.get(window.clientId) ?? 'Client'}
                    </Text>
                    <WindowStatusBadge status={window.status} size="xs" />
                  </Group>
                  <Text size="sm" truncate>
                    {window.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatWindowHours(window.startsAt, window.endsAt, window.timeZone)} ({window.timeZone})
                  </Text>
                  <CapacityBar planned={window.plannedMinutes} capacity={window.capacityMinutes} />
                </Stack>
              </Group>
            </Paper>
          </li>
        )),
      )}
    </Stack>
  );
}

import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useMemo } from 'react';
import { Link } from 'react-router';
import type { Client } from '../../api/types';
import { CapacityBar, formatWindowTimes, WindowStatusBadge } from '../../components/maintenance';
import { ErrorState, LoadingState } from '../../components/states';
import { useBacklog, useWindows } from './maintenanceApi';

const DAY_MS = 86_400_000;

/** On the client page: the client's next maintenance window, the backlog's size, and the way to the rest. */
export function ClientMaintenanceSection({ client }: { client: Client }) {
  const headingId = useId();
  const range = useMemo(() => {
    const now = Date.now();
    return { from: new Date(now).toISOString(), to: new Date(now + 366 * DAY_MS).toISOString() };
  }, []);
  const windows = useWindows({ ...range, clientId: client.id });
  const backlog = useBacklog({ clientId: client.id });
  const next = windows.data?.find((w) => w.status === 'scheduled' || w.status === 'in_progress');
  const items = backlog.data?.items ?? [];
  const unplanned = items.filter((item) => !item.window).length;
  const rolled = items.filter((item) => item.rollCount > 0).length;
  const search = `?client=${client.id}`;
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Maintenance
      </Title>
      <Paper withBorder p="md" radius="md">
        {windows.isPending || backlog.isPending ? (
          <LoadingState label="Loading maintenance…" />
        ) : windows.isError ? (
          <ErrorState error={windows.error} onRetry={() => void windows.refetch()} />
        ) : (
          <Stack gap="sm">
            {next ? (
              <Group justify="space-between" align="flex-start" gap="sm">
                <Stack gap={2}>
                  <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                    Next window
                  </Text>
                  <Anchor component={Link} to={`/maintenance/windows/${next.id}`} fw={600}>
                    {next.title}
                  </Anchor>
                  <Text size="sm">{formatWindowTimes(next.startsAt, next.endsAt, next.timeZone)}</Text>
                </Stack>
                <Stack gap={4} miw={180}>
                  <WindowStatusBadge status={next.status} />
                  <CapacityBar planned={next.plannedMinutes} capacity={next.capacityMinutes} />
                </Stack>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                No maintenance window in the next 12 months.
              </Text>
            )}
            <Text size="sm">
              {items.length} {items.length === 1 ? 'item' : 'items'} in the backlog
              {unplanned > 0 ? `, ${unplanned} without a window` : ''}
              {rolled > 0 ? `, ${rolled} rolled` : ''}.
            </Text>
            <Group gap="md">
              <Anchor component={Link} to={`/maintenance${search}`} size="sm">
                Calendar
              </Anchor>
              <Anchor component={Link} to={`/maintenance/backlog${search}`} size="sm">
                Backlog
              </Anchor>
              <Anchor component={Link} to={`/maintenance/schedules${search}`} size="sm">
                Schedules &amp; chores
              </Anchor>
            </Group>
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

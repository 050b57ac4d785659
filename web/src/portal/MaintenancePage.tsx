import { Anchor, Badge, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { BacklogItem, MaintenanceWindow } from '../api/types';
import { useMe } from '../app/auth';
import { PageTitle } from '../app/Shell';
import { PriorityBadge } from '../components/badges';
import {
  CapacityBar,
  formatWindowDay,
  formatWindowTimes,
  RolledBadge,
  UNPLANNED_TEXT,
  WindowStatusBadge,
} from '../components/maintenance';
import { EmptyState, ErrorState, LoadingState } from '../components/states';
import { useBacklog, usePastWindows, useUpcomingWindows } from './maintenance-api';

/** Windows shown in full: the next ones, and any later one that already has items planned into it. */
const SHOWN_AHEAD = 2;

/** The client's maintenance: the windows to come and what is planned into them, and past windows' notes. */
export default function MaintenancePage() {
  const { data: me } = useMe();
  return (
    <>
      <PageTitle>Maintenance</PageTitle>
      <Stack gap="xl">
        <Text size="sm" c="dimmed" mt={-8}>
          Time set aside for updates, recurring chores and small fixes. Each window is filled by priority,
          then due date, then age; what does not fit moves to the next window and is marked as rolled.
          {me ? ` Times are in ${me.organization.timeZone} unless stated.` : ''}
        </Text>
        <Upcoming />
        <Past />
      </Stack>
    </>
  );
}

function Upcoming() {
  const windows = useUpcomingWindows();
  const backlog = useBacklog();
  if (windows.isPending || backlog.isPending)
    return <LoadingState label="Loading your maintenance windows…" />;
  if (windows.isError) return <ErrorState error={windows.error} onRetry={() => void windows.refetch()} />;
  if (backlog.isError) return <ErrorState error={backlog.error} onRetry={() => void backlog.refetch()} />;
  const byWindow = new Map<string, BacklogItem[]>();
  const waiting: BacklogItem[] = [];
  for (const item of backlog.data.items) {
    if (item.window) byWindow.set(item.window.id, [...(byWindow.get(item.window.id) ?? []), item]);
    else waiting.push(item);
  }
  const shown = windows.data.filter((w, index) => index < SHOWN_AHEAD || byWindow.has(w.id));
  const later = windows.data.filter((w) => !shown.includes(w));
  return (
    <Stack gap="sm" component="section" aria-labelledby="upcoming-heading">
      <Title order={2} size="h4" id="upcoming-heading">
        Upcoming windows
      </Title>
      {windows.data.length === 0 ? (
        <EmptyState title="No windows scheduled">
          Your agency has not scheduled a maintenance window yet.
        </EmptyState>
      ) : (
        shown.map((window) => (
          <UpcomingWindow key={window.id} window={window} items={byWindow.get(window.id) ?? []} />
        ))
      )}
      {later.length > 0 && (
        <Text size="sm" c="dimmed">
          {later.length} more {later.length === 1 ? 'window is' : 'windows are'} scheduled until{' '}
          {formatWindowDay(later[later.length - 1]!.startsAt, later[later.length - 1]!.timeZone)}, with
          nothing planned into {later.length === 1 ? 'it' : 'them'} yet.
        </Text>
      )}
      {waiting.length > 0 && (
        <Paper withBorder p="md" radius="md" aria-label="Waiting for room">
          <Title order={3} size="h5" mb="xs">
            Waiting for room
          </Title>
          <ItemList items={waiting} showReason />
        </Paper>
      )}
    </Stack>
  );
}

function UpcomingWindow({ window, items }: { window: MaintenanceWindow; items: BacklogItem[] }) {
  return (
    <Card withBorder padding="md" data-testid="portal-window" component="article" aria-label={window.title}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Anchor component={Link} to={`/portal/maintenance/windows/${window.id}`} fw={700}>
              {window.title}
            </Anchor>
            <Text size="sm">{formatWindowTimes(window.startsAt, window.endsAt, window.timeZone)}</Text>
          </Stack>
          <WindowStatusBadge status={window.status} />
        </Group>
        <CapacityBar planned={window.plannedMinutes} capacity={window.capacityMinutes} />
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing planned into this window yet.
          </Text>
        ) : (
          <ItemList items={items} />
        )}
      </Stack>
    </Card>
  );
}

function ItemList({ items, showReason = false }: { items: BacklogItem[]; showReason?: boolean }) {
  return (
    <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <Group key={item.ticketId} component="li" gap={6} wrap="wrap" data-testid="portal-planned-item">
          <Anchor
            component={Link}
            to={`/portal/requests/${item.ticketId}`}
            size="sm"
            style={{ overflowWrap: 'anywhere' }}
          >
            #{item.number} {item.subject}
          </Anchor>
          <PriorityBadge priority={item.priority} />
          {item.choreId && (
            <Badge size="xs" variant="light" color="grape">
              recurring
            </Badge>
          )}
          <RolledBadge count={item.rollCount} />
          {showReason && item.unplannedReason && (
            <Text size="xs" c="dimmed">
              {UNPLANNED_TEXT[item.unplannedReason]}
            </Text>
          )}
        </Group>
      ))}
    </Stack>
  );
}

function Past() {
  const windows = usePastWindows();
  return (
    <Stack gap="sm" component="section" aria-labelledby="past-heading">
      <Title order={2} size="h4" id="past-heading">
        Past windows
      </Title>
      {windows.isPending ? (
        <LoadingState />
      ) : windows.isError ? (
        <ErrorState error={windows.error} onRetry={() => void windows.refetch()} />
      ) : windows.data.length === 0 ? (
        <EmptyState title="No past windows">Release notes appear here after each window.</EmptyState>
      ) : (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {windows.data.map((window) => (
            <Paper key={window.id} component="li" withBorder p="sm" data-testid="portal-past-window">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Stack gap={2}>
                  <Anchor component={Link} to={`/portal/maintenance/windows/${window.id}`} fw={600}>
                    {window.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatWindowTimes(window.startsAt, window.endsAt, window.timeZone)}
                  </Text>
                </Stack>
                <Text size="sm">
                  {window.doneCount} done
                  {window.rolledCount > 0 ? ` · ${window.rolledCount} rolled over` : ''}
                  {window.hasReleaseNotes ? ' · release notes' : ''}
                </Text>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

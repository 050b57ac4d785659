import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import type { MaintenanceWindowDetail } from '../api/types';
import { formatMinutes } from '../app/format';
import { PriorityBadge, StatusBadge } from '../components/badges';
import { CapacityBar, formatWindowTimes, RolledBadge, WindowStatusBadge } from '../components/maintenance';
import { ReleaseNotesText } from '../components/ReleaseNotesText';
import { EmptyState, ErrorState, LoadingState } from '../components/states';
import { useWindow } from './maintenance-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One maintenance window as the client sees it: when, what is (or was) in it, and its release notes. */
export default function MaintenanceWindowPage() {
  const { id = '' } = useParams();
  if (!UUID.test(id)) return <ErrorState error={new ApiError(404, 'not_found', 'Not found')} />;
  return <WindowView key={id} id={id} />;
}

function WindowView({ id }: { id: string }) {
  const window = useWindow(id);
  if (window.isPending) return <LoadingState label="Loading the window…" />;
  if (window.isError) return <ErrorState error={window.error} onRetry={() => void window.refetch()} />;
  return <WindowScreen window={window.data} />;
}

function WindowScreen({ window }: { window: MaintenanceWindowDetail }) {
  const closed = window.status === 'closed';
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Anchor component={Link} to="/portal/maintenance" size="sm" w="fit-content">
          ← Maintenance
        </Anchor>
        <Group gap="sm">
          <Title order={1} size="h3">
            {window.title}
          </Title>
          <WindowStatusBadge status={window.status} />
        </Group>
        <Text size="sm">{formatWindowTimes(window.startsAt, window.endsAt, window.timeZone)}</Text>
        <Text size="sm" c="dimmed">
          {window.agreement.name}
        </Text>
      </Stack>
      {!closed && window.status !== 'cancelled' && (
        <Paper withBorder p="md" radius="md" maw={420}>
          <CapacityBar planned={window.plannedMinutes} capacity={window.capacityMinutes} />
        </Paper>
      )}
      {closed && (
        <Paper withBorder p="md" radius="md" component="section" aria-label="Release notes">
          {window.releaseNotes ? (
            <ReleaseNotesText notes={window.releaseNotes} testId="portal-release-notes" />
          ) : (
            <Text size="sm" c="dimmed">
              This window closed without release notes.
            </Text>
          )}
        </Paper>
      )}
      <Stack gap="xs" component="section" aria-labelledby="items-heading">
        <Title order={2} size="h4" id="items-heading">
          {closed ? 'What was in it' : 'Planned'}
        </Title>
        {window.items.length === 0 ? (
          <EmptyState title={closed ? 'Nothing was planned into this window' : 'Nothing planned yet'} />
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {window.items.map((item) => (
              <Paper key={item.ticketId} component="li" withBorder p="sm" data-testid="portal-window-item">
                <Stack gap={6}>
                  <Anchor
                    component={Link}
                    to={`/portal/requests/${item.ticketId}`}
                    fw={600}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    #{item.number} {item.subject}
                  </Anchor>
                  <Group gap={6} wrap="wrap">
                    {closed ? (
                      <Badge color={item.outcome === 'done' ? 'teal' : 'orange'} variant="light">
                        {item.outcome === 'done' ? 'done' : 'rolled over'}
                      </Badge>
                    ) : (
                      <StatusBadge status={item.status} />
                    )}
                    <PriorityBadge priority={item.priority} />
                    <RolledBadge count={item.rollCount} />
                    {item.minutesLogged > 0 && (
                      <Text size="xs" c="dimmed">
                        {formatMinutes(item.minutesLogged)} spent
                      </Text>
                    )}
                  </Group>
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}

import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo } from 'react';
import { formatInstant, viewerTimeZone } from '../../app/format';
import { PageTitle } from '../../app/Shell';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useNow } from '../../components/sla';
import { useLookups } from './lookups';
import { QueueFilters } from './QueueFilters';
import { QueueList } from './QueueList';
import { useQueueFilters } from './queueFilters';
import { useQueue } from './useQueue';

/** Every open ticket of every client, the one that breaches first at the top. */
export default function QueuePage() {
  const { filters, setFilters, activeCount, clear } = useQueueFilters();
  const queue = useQueue(filters);
  const { clients, clientName, userName, staff } = useLookups();
  const now = useNow(15_000);
  const zone = useMemo(() => viewerTimeZone(), []);
  const compact = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });

  const tickets = queue.data ?? [];
  const updated = queue.dataUpdatedAt ? new Date(queue.dataUpdatedAt).toISOString() : null;

  return (
    <Stack gap="md">
      <PageTitle
        actions={
          <Group gap="sm">
            {queue.isFetching && <Loader size="xs" aria-label="Refreshing" />}
            {updated && (
              <Text size="xs" c="dimmed">
                Updated {formatInstant(updated, zone)}
              </Text>
            )}
            <Button size="xs" variant="default" onClick={() => void queue.refetch()}>
              Refresh
            </Button>
          </Group>
        }
      >
        Queue
      </PageTitle>

      <QueueFilters
        filters={filters}
        onChange={setFilters}
        activeCount={activeCount}
        clients={clients.data ?? []}
        staff={staff}
        compact={compact}
      />

      {queue.isPending ? (
        <LoadingState label="Loading the queue…" />
      ) : queue.isError && !queue.data ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : tickets.length === 0 ? (
        activeCount > 0 ? (
          <EmptyState title="No open tickets match these filters">
            <Button variant="subtle" size="compact-sm" onClick={clear}>
              Clear filters
            </Button>
          </EmptyState>
        ) : (
          <EmptyState title="Nothing is open">Every ticket of every client is resolved or closed.</EmptyState>
        )
      ) : (
        <Stack gap="xs" style={{ opacity: queue.isPlaceholderData ? 0.6 : 1 }}>
          {queue.isError && <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />}
          <Group justify="space-between" gap="xs">
            <Group gap="xs">
              <Text size="sm" aria-live="polite">
                {tickets.length} open {tickets.length === 1 ? 'ticket' : 'tickets'}
                {activeCount > 0 ? (tickets.length === 1 ? ' matches' : ' match') + ' the filters' : ''}, the
                next deadline first
              </Text>
              {activeCount > 0 && (
                <Button variant="subtle" size="compact-sm" onClick={clear}>
                  Clear filters
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed" id="queue-keyboard-hint" visibleFrom="sm">
              ↑/↓ or j/k move through the tickets · Enter opens one
            </Text>
          </Group>
          <QueueList
            tickets={tickets}
            clientName={clientName}
            userName={userName}
            viewerZone={zone}
            now={now}
            compact={compact}
          />
        </Stack>
      )}
    </Stack>
  );
}

import { Badge, Button, Code, Group, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, query } from '../../api/client';
import type { InboundItem, InboundItemDetail, ListOf } from '../../api/types';
import { formatInstant, viewerTimeZone } from '../../app/format';
import { EmptyState, ErrorState, LoadingState, messageOf } from '../../components/states';
import { useCanEdit } from './shared';

type Status = 'dead' | 'pending' | 'processed';
const STATUS_COLOR: Record<Status, string> = { dead: 'red', pending: 'yellow', processed: 'green' };

/**
 * Everything that came in from outside (email, Slack, webhooks), stored raw before it was processed. Items that
 * kept failing land in the dead-letter list, where staff inspect them and replay them once the cause is fixed.
 */
export function InboundTab() {
  const [status, setStatus] = useState<Status>('dead');
  const [openId, setOpenId] = useState<string | null>(null);
  const items = useQuery({
    queryKey: ['inbound', status],
    queryFn: () => api.get<ListOf<InboundItem>>(`/inbound${query({ status })}`),
    refetchInterval: 15_000,
  });
  const zone = viewerTimeZone();

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          Emails, Slack events and webhooks are stored as they arrived before Tend processes them, retried
          with back-off, and listed here as dead letters when they keep failing. Nothing is dropped.
        </Text>
        <SegmentedControl
          value={status}
          onChange={(value) => setStatus(value)}
          data={[
            { value: 'dead', label: 'Dead letters' },
            { value: 'pending', label: 'Pending' },
            { value: 'processed', label: 'Processed' },
          ]}
          aria-label="Which inbound items"
        />
      </Group>
      {items.isPending && <LoadingState />}
      {items.error && <ErrorState error={items.error} onRetry={() => void items.refetch()} />}
      {items.data && items.data.items.length === 0 && (
        <EmptyState title={status === 'dead' ? 'No dead letters' : `Nothing ${status}`}>
          {status === 'dead' ? 'Every inbound item was processed or is still being retried.' : null}
        </EmptyState>
      )}
      {items.data && items.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Received</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Last error</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{formatInstant(item.receivedAt, zone)}</Table.Td>
                  <Table.Td>{item.source}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[item.status]} variant="light">
                      {item.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{item.attempts}</Table.Td>
                  <Table.Td maw={280}>
                    <Text size="sm" lineClamp={2}>
                      {item.lastError ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => setOpenId(item.id)}>
                      Inspect
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {openId && <InboundItemModal id={openId} onClose={() => setOpenId(null)} />}
    </Stack>
  );
}

function InboundItemModal({ id, onClose }: { id: string; onClose: () => void }) {
  const canEdit = useCanEdit();
  const queryClient = useQueryClient();
  const item = useQuery({
    queryKey: ['inbound-item', id],
    queryFn: () => api.get<InboundItemDetail>(`/inbound/${id}`),
  });
  const replay = useMutation({
    mutationFn: () => api.post<InboundItem>(`/inbound/${id}/replay`),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Queued again: it will be processed in the background.' });
      void queryClient.invalidateQueries({ queryKey: ['inbound'] });
      onClose();
    },
  });
  const zone = viewerTimeZone();

  return (
    <Modal opened onClose={onClose} title="Inbound item" size="lg">
      {item.isPending && <LoadingState />}
      {item.error && <ErrorState error={item.error} />}
      {item.data && (
        <Stack gap="sm">
          <Text size="sm">
            {item.data.source} · key <Code>{item.data.idempotencyKey}</Code> · received{' '}
            {formatInstant(item.data.receivedAt, zone)}
          </Text>
          {item.data.lastError && (
            <Text size="sm" c="red">
              Last error: {item.data.lastError}
            </Text>
          )}
          <Text fw={600} size="sm">
            Payload
          </Text>
          <Code block style={{ maxHeight: 260, overflow: 'auto' }}>
            {JSON.stringify(item.data.payload, null, 2)}
          </Code>
          {item.data.raw && (
            <>
              <Text fw={600} size="sm">
                As received
              </Text>
              <Code block style={{ maxHeight: 260, overflow: 'auto' }}>
                {item.data.raw}
              </Code>
            </>
          )}
          {replay.error && (
            <Text size="sm" c="red" role="alert">
              {messageOf(replay.error)}
            </Text>
          )}
          {item.data.status === 'dead' && (
            <Group justify="flex-end">
              <Button onClick={() => replay.mutate()} loading={replay.isPending} disabled={!canEdit}>
                Replay
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}

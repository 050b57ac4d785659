import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Jsonify } from '../api/types';
import type { NotificationsService } from '../../../src/services/notifications-service';
import { isAgencyUser, useMe } from './auth';
import { formatInstant, viewerTimeZone } from './format';

export type NotificationList = Jsonify<Awaited<ReturnType<NotificationsService['list']>>>;
export type NotificationItem = NotificationList['items'][number];
export type NotificationPreferences = Jsonify<Awaited<ReturnType<NotificationsService['getPreferences']>>>;

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** The bell in the header: unread count, and a list of my latest notifications linking to their tickets. */
export function NotificationsBell() {
  const { data: me } = useMe();
  const [opened, setOpened] = useState(false);
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api.get<NotificationList>('/notifications?limit=30'),
    refetchInterval: 60_000,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post(`/notifications/${id}/read`),
    onSuccess: invalidate,
  });
  const markAll = useMutation({
    mutationFn: () => api.post('/notifications/read-all'),
    onSuccess: invalidate,
  });
  const unread = list.data?.unreadCount ?? 0;
  const ticketPath = (ticketId: string) =>
    isAgencyUser(me) ? `/tickets/${ticketId}` : `/portal/requests/${ticketId}`;
  const zone = viewerTimeZone();

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withArrow>
      <Popover.Target>
        <Indicator label={unread} size={16} disabled={unread === 0} offset={4} color="red">
          <ActionIcon
            variant="default"
            size="md"
            aria-label={unread > 0 ? `Notifications (${unread} unread)` : 'Notifications'}
            onClick={() => setOpened((o) => !o)}
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs" aria-label="Notifications">
        <Group justify="space-between" mb="xs" px={4}>
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} onClick={() => markAll.mutate()}>
            Mark all read
          </Button>
        </Group>
        {list.error ? (
          <Text size="sm" c="red" px={4}>
            {list.error.message}
          </Text>
        ) : (list.data?.items.length ?? 0) === 0 ? (
          <Text size="sm" c="dimmed" px={4} py="sm">
            Nothing yet.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {list.data?.items.map((item) => (
                <li key={item.id}>
                  <Stack
                    gap={2}
                    p={6}
                    style={{
                      borderRadius: 4,
                      background: item.readAt ? undefined : 'var(--mantine-color-teal-0)',
                    }}
                  >
                    {item.ticketId ? (
                      <Anchor
                        component={Link}
                        to={ticketPath(item.ticketId)}
                        size="sm"
                        fw={item.readAt ? 400 : 600}
                        onClick={() => {
                          if (!item.readAt) markRead.mutate(item.id);
                          setOpened(false);
                        }}
                      >
                        {item.title}
                      </Anchor>
                    ) : (
                      <Text size="sm" fw={item.readAt ? 400 : 600}>
                        {item.title}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {item.body}
                    </Text>
                    <Group justify="space-between">
                      <Text size="xs" c="dimmed">
                        {formatInstant(item.createdAt, zone)}
                      </Text>
                      {!item.readAt && (
                        <Button size="compact-xs" variant="subtle" onClick={() => markRead.mutate(item.id)}>
                          Mark read
                        </Button>
                      )}
                    </Group>
                  </Stack>
                </li>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

function BellIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

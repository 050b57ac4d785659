import { Paper, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { NotificationPreferences } from '../../app/NotificationsBell';
import { ErrorState, LoadingState } from '../../components/states';
import { SaveErrorAlert } from './shared';

const PREFS_KEY = ['notification-preferences'] as const;

const CHANNELS: { key: keyof NotificationPreferences; label: string; description: string }[] = [
  {
    key: 'inApp',
    label: 'In the app',
    description: 'The bell in the header lists SLA warnings, breaches and escalations that concern you.',
  },
  {
    key: 'email',
    label: 'Email',
    description: 'A message to your address for each alert, during business hours.',
  },
  {
    key: 'slack',
    label: 'Slack',
    description: 'You are mentioned in the ticket’s Slack notice, during business hours.',
  },
];

/** My own notification channels (every agency user sets theirs; admins cannot change anyone else's). */
export function NotificationsTab() {
  const queryClient = useQueryClient();
  const prefs = useQuery({
    queryKey: PREFS_KEY,
    queryFn: () => api.get<NotificationPreferences>('/notification-preferences'),
  });
  const save = useMutation({
    mutationFn: (change: Partial<NotificationPreferences>) =>
      api.put<NotificationPreferences>('/notification-preferences', change),
    onSuccess: (saved) => queryClient.setQueryData(PREFS_KEY, saved),
  });
  if (prefs.isPending) return <LoadingState label="Loading your notification settings…" />;
  if (prefs.error) return <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />;
  return (
    <Stack maw={640}>
      <Text size="sm" c="dimmed">
        How Tend tells you about SLA clocks: a warning when a running clock has used its policy’s warning
        share (75 % unless the SLA policy says otherwise), the breach, and the escalation steps. Outside the
        SLA policy’s business calendar nothing pages you (email, Slack) — except for tickets a client’s
        standby agreement covers; the in-app notification is recorded either way.
      </Text>
      <SaveErrorAlert error={save.error} />
      <Paper withBorder p="md">
        <Stack>
          {CHANNELS.map((channel) => (
            <Switch
              key={channel.key}
              label={channel.label}
              description={channel.description}
              checked={prefs.data[channel.key]}
              disabled={save.isPending}
              onChange={(e) => save.mutate({ [channel.key]: e.currentTarget.checked })}
            />
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}

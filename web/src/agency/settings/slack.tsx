import { useClients } from '../../api/queries';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SlackSettingsService } from '../../../../src/services/slack/slack-settings-service';
import { ApiError, api } from '../../api/client';
import type { Jsonify, ListOf } from '../../api/types';
import { formatInstant, viewerTimeZone } from '../../app/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { ConfirmButton, CopyField, SaveErrorAlert, useCanEdit } from './shared';

type SlackConnection = Jsonify<Awaited<ReturnType<SlackSettingsService['getConnection']>>>;
type SlackChannel = Jsonify<Awaited<ReturnType<SlackSettingsService['listChannels']>>[number]>;

const CONNECTION_KEY = ['slack', 'connection'] as const;
const CHANNELS_KEY = ['slack', 'channels'] as const;

/** The agency's Slack app and the channels shared with clients (agency admins only). */
export function SlackTab() {
  const canEdit = useCanEdit();
  if (!canEdit) {
    return (
      <Alert color="blue" variant="light" title="Agency admins only" role="note">
        The Slack connection holds the app&apos;s secrets, so only agency admins see and change it.
      </Alert>
    );
  }
  return (
    <Stack>
      <Text size="sm" c="dimmed" maw={720}>
        A Slack app in the agency&apos;s workspace. A message in a channel connected to a client opens a
        ticket for that client, replies in its thread become comments, and <Code>/tend</Code> raises a
        request. New critical tickets, acknowledgements, resolutions and SLA warnings are posted to the
        client&apos;s channel and to the agency channel.
      </Text>
      <ConnectionForm />
      <ChannelsSection />
    </Stack>
  );
}

function ConnectionForm() {
  const queryClient = useQueryClient();
  const connection = useQuery({
    queryKey: CONNECTION_KEY,
    queryFn: () => api.get<SlackConnection>('/slack/connection'),
  });
  const [signingSecret, setSigningSecret] = useState('');
  const [botToken, setBotToken] = useState('');
  const [agencyChannelId, setAgencyChannelId] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      api.put<SlackConnection>('/slack/connection', {
        ...(signingSecret ? { signingSecret } : {}),
        ...(botToken ? { botToken } : {}),
        agencyChannelId: (agencyChannelId ?? connection.data?.agencyChannelId ?? '').trim() || null,
      }),
    onSuccess: async (saved) => {
      setSigningSecret('');
      setBotToken('');
      setAgencyChannelId(null);
      queryClient.setQueryData(CONNECTION_KEY, saved);
      notifications.show({ color: 'teal', message: 'Slack connection saved.' });
    },
  });
  const disconnect = useMutation({
    mutationFn: () => api.delete('/slack/connection'),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Slack disconnected.' });
      await queryClient.invalidateQueries({ queryKey: CONNECTION_KEY });
    },
  });
  if (connection.isPending) return <LoadingState label="Loading the Slack connection…" />;
  if (connection.error)
    return <ErrorState error={connection.error} onRetry={() => void connection.refetch()} />;
  const data = connection.data;
  const error = save.error instanceof ApiError ? save.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="slack-connection-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="slack-connection-title">
            Connection
          </Title>
          {data.connected ? <Badge color="teal">Connected</Badge> : <Badge color="gray">Not connected</Badge>}
        </Group>
        {data.connected && data.updatedAt && (
          <Text size="sm" c="dimmed">
            Signing secret <Code>{data.signingSecretHint}</Code>, bot token <Code>{data.botTokenHint}</Code>;
            saved {formatInstant(data.updatedAt, viewerTimeZone())}. Secrets are never shown in full: type a
            new one to replace it, leave the field empty to keep it.
          </Text>
        )}
        {error && !error.issues.length && <SaveErrorAlert error={error} />}
        <PasswordInput
          label="Signing secret"
          description="Basic Information → App Credentials → Signing Secret."
          required={!data.connected}
          value={signingSecret}
          onChange={(e) => setSigningSecret(e.currentTarget.value)}
          error={error?.fieldError('signingSecret')}
          autoComplete="off"
        />
        <PasswordInput
          label="Bot token"
          description="OAuth & Permissions → Bot User OAuth Token (xoxb-…). Scopes: chat:write, users:read, users:read.email, channels:history, groups:history, commands."
          required={!data.connected}
          value={botToken}
          onChange={(e) => setBotToken(e.currentTarget.value)}
          error={error?.fieldError('botToken')}
          autoComplete="off"
        />
        <TextInput
          label="Agency channel id"
          description="Where the agency's notices go (e.g. C0123ABCD); empty for none. Invite the app to it."
          value={agencyChannelId ?? data.agencyChannelId ?? ''}
          onChange={(e) => setAgencyChannelId(e.currentTarget.value)}
          error={error?.fieldError('agencyChannelId')}
        />
        <Group justify="space-between">
          <Button type="submit" loading={save.isPending}>
            {data.connected ? 'Save' : 'Connect Slack'}
          </Button>
          {data.connected && (
            <ConfirmButton
              label="Disconnect"
              question="Disconnect Slack? Tend will refuse Slack's requests and stop posting notices."
              confirmLabel="Disconnect"
              loading={disconnect.isPending}
              onConfirm={() => disconnect.mutate()}
            />
          )}
        </Group>
        <CopyField label="Event Subscriptions → Request URL" value={data.eventsUrl} />
        <CopyField label="Slash command /tend → Request URL" value={data.commandsUrl} />
      </Stack>
    </Paper>
  );
}

function ChannelsSection() {
  const queryClient = useQueryClient();
  const channels = useQuery({
    queryKey: CHANNELS_KEY,
    queryFn: () => api.get<ListOf<SlackChannel>>('/slack/channels'),
  });
  const clients = useClients();
  const [channelId, setChannelId] = useState('');
  const [clientId, setClientId] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => api.post<SlackChannel>('/slack/channels', { channelId: channelId.trim(), clientId }),
    onSuccess: async () => {
      setChannelId('');
      setClientId(null);
      await queryClient.invalidateQueries({ queryKey: CHANNELS_KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/slack/channels/${id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: CHANNELS_KEY });
    },
  });
  const error = add.error instanceof ApiError ? add.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };

  return (
    <Paper withBorder p="md" aria-labelledby="slack-channels-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="slack-channels-title">
          Client channels
        </Title>
        <Text size="sm" c="dimmed">
          A message in a connected channel opens a ticket for its client. Invite the app to the channel; its
          id is under the channel name → About.
        </Text>
        <Group component="form" onSubmit={submit} align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Channel id"
            placeholder="C0123ABCD"
            required
            value={channelId}
            onChange={(e) => setChannelId(e.currentTarget.value)}
            error={error?.fieldError('channelId')}
            style={{ flex: '1 1 180px' }}
          />
          <Select
            label="Client"
            required
            searchable
            data={(clients.data?.items ?? []).map((client) => ({ value: client.id, label: client.name }))}
            value={clientId}
            onChange={setClientId}
            error={error?.fieldError('clientId')}
            style={{ flex: '1 1 220px' }}
          />
          <Button type="submit" loading={add.isPending} mt={{ base: 0, xs: 25 }}>
            Connect channel
          </Button>
        </Group>
        {error && !error.issues.length && <SaveErrorAlert error={error} />}
        {channels.isPending ? (
          <LoadingState label="Loading channels…" />
        ) : channels.error ? (
          <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />
        ) : channels.data.items.length === 0 ? (
          <EmptyState title="No channels connected">Connect a client&apos;s shared channel above.</EmptyState>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Channel</Table.Th>
                <Table.Th>Client</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {channels.data.items.map((channel) => (
                <Table.Tr key={channel.channelId}>
                  <Table.Td>
                    <Code>{channel.channelId}</Code>
                  </Table.Td>
                  <Table.Td>{channel.clientName}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    <ConfirmButton
                      label="Disconnect"
                      question={`Disconnect ${channel.channelId}? Its messages will no longer open tickets.`}
                      confirmLabel="Disconnect"
                      loading={remove.isPending && remove.variables === channel.channelId}
                      onConfirm={() => remove.mutate(channel.channelId)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

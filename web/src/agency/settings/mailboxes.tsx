import { useClients } from '../../api/queries';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  NumberInput,
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
import { Link } from 'react-router';
import type { MailboxesService } from '../../../../src/integrations/email/mailboxes-service';
import { ApiError, api } from '../../api/client';
import type { Client, Jsonify, ListOf } from '../../api/types';
import { formatInstant, viewerTimeZone } from '../../app/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { ConfirmButton, SaveErrorAlert, useCanEdit } from './shared';

type Mailbox = Jsonify<Awaited<ReturnType<MailboxesService['list']>>[number]>;
type HeldEmail = Jsonify<Awaited<ReturnType<MailboxesService['listTriage']>>[number]>;

const MAILBOXES_KEY = ['mailboxes'] as const;
const TRIAGE_KEY = ['email-triage'] as const;

const REASONS: Record<HeldEmail['reason'], string> = {
  unknown_sender: 'Unknown sender',
  list: 'Mailing list',
  staff_sender: 'From staff, no ticket',
  other_client: 'Answers another client’s ticket',
};

/** Email: the mailboxes Tend reads (admins) and the mail held for triage (all staff). */
export function MailboxesTab() {
  const canEdit = useCanEdit();
  return (
    <Stack>
      <Text size="sm" c="dimmed" maw={760}>
        Tend reads each mailbox over IMAP every minute. A message becomes a ticket, or a comment on the ticket
        it answers; acknowledgements, public replies, status changes and estimate requests go to the requester
        by email (SMTP_URL), and their replies land on the same ticket. Auto-replies and bounces are recorded
        and never answered. Mail from senders Tend cannot place with a client is held below, never dropped.
      </Text>
      {canEdit ? (
        <MailboxesSection />
      ) : (
        <Alert color="blue" variant="light" title="Agency admins only" role="note">
          Mailboxes hold login passwords, so only agency admins see and change them.
        </Alert>
      )}
      <TriageSection />
    </Stack>
  );
}

function MailboxesSection() {
  const queryClient = useQueryClient();
  const mailboxes = useQuery({
    queryKey: MAILBOXES_KEY,
    queryFn: () => api.get<ListOf<Mailbox>>('/mailboxes'),
  });
  const clients = useClients();
  const clientName = (id: string | null) =>
    id ? (clients.data?.items.find((client) => client.id === id)?.name ?? '…') : 'Shared';
  const update = useMutation({
    mutationFn: (input: { id: string; enabled: boolean }) =>
      api.patch<Mailbox>(`/mailboxes/${input.id}`, { enabled: input.enabled }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/mailboxes/${id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY });
    },
  });

  return (
    <Paper withBorder p="md" aria-labelledby="mailboxes-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="mailboxes-title">
          Mailboxes
        </Title>
        {mailboxes.isPending ? (
          <LoadingState label="Loading mailboxes…" />
        ) : mailboxes.error ? (
          <ErrorState error={mailboxes.error} onRetry={() => void mailboxes.refetch()} />
        ) : mailboxes.data.items.length === 0 ? (
          <EmptyState title="No mailboxes">Add the support mailbox below.</EmptyState>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Mailbox</Table.Th>
                <Table.Th>Server</Table.Th>
                <Table.Th>For</Table.Th>
                <Table.Th>Last poll</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mailboxes.data.items.map((mailbox) => (
                <Table.Tr key={mailbox.id}>
                  <Table.Td>
                    <Text fw={500}>{mailbox.name}</Text>
                    <Text size="sm" c="dimmed">
                      {mailbox.address}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>
                      {mailbox.host}:{mailbox.port}
                    </Code>{' '}
                    {mailbox.tls ? <Badge color="teal">TLS</Badge> : <Badge color="orange">No TLS</Badge>}
                    <Text size="sm" c="dimmed">
                      {mailbox.username} · {mailbox.folder} · password{' '}
                      {mailbox.passwordSet ? 'set' : 'missing'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{clientName(mailbox.clientId)}</Table.Td>
                  <Table.Td>
                    {!mailbox.enabled ? (
                      <Badge color="gray">Paused</Badge>
                    ) : mailbox.lastError ? (
                      <Text size="sm" c="red" role="status">
                        {mailbox.lastError}
                      </Text>
                    ) : mailbox.lastPolledAt ? (
                      formatInstant(mailbox.lastPolledAt, viewerTimeZone())
                    ) : (
                      'Not yet'
                    )}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        variant="default"
                        size="xs"
                        loading={update.isPending && update.variables?.id === mailbox.id}
                        onClick={() => update.mutate({ id: mailbox.id, enabled: !mailbox.enabled })}
                      >
                        {mailbox.enabled ? 'Pause' : 'Resume'}
                      </Button>
                      <ConfirmButton
                        label="Remove"
                        question={`Remove ${mailbox.name}? Tend stops reading it; tickets and held mail stay.`}
                        confirmLabel="Remove"
                        loading={remove.isPending && remove.variables === mailbox.id}
                        onConfirm={() => remove.mutate(mailbox.id)}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <AddMailboxForm clients={clients.data?.items ?? []} />
      </Stack>
    </Paper>
  );
}

const EMPTY_FORM = {
  name: '',
  address: '',
  host: '',
  port: 993 as number | string,
  tls: true,
  username: '',
  password: '',
  folder: 'INBOX',
  clientId: null as string | null,
};

function AddMailboxForm({ clients }: { clients: Client[] }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(EMPTY_FORM);
  const set = <K extends keyof typeof EMPTY_FORM>(key: K, value: (typeof EMPTY_FORM)[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const add = useMutation({
    mutationFn: () =>
      api.post<Mailbox>('/mailboxes', {
        ...form,
        port: Number(form.port),
        address: form.address.trim(),
        host: form.host.trim(),
      }),
    onSuccess: async () => {
      setForm(EMPTY_FORM);
      notifications.show({ color: 'teal', message: 'Mailbox added; Tend reads it within a minute.' });
      await queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY });
    },
  });
  const error = add.error instanceof ApiError ? add.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <Stack component="form" onSubmit={submit} gap="sm" aria-label="Add a mailbox">
      <Title order={3} size="h5">
        Add a mailbox
      </Title>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label="Name"
          required
          value={form.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={error?.fieldError('name')}
          style={{ flex: '1 1 160px' }}
        />
        <TextInput
          label="Address people write to"
          required
          type="email"
          value={form.address}
          onChange={(e) => set('address', e.currentTarget.value)}
          error={error?.fieldError('address')}
          style={{ flex: '1 1 220px' }}
        />
        <Select
          label="For"
          description="A per-client mailbox takes unknown senders to be that client's people."
          clearable
          placeholder="Shared (all clients)"
          data={clients.map((client) => ({ value: client.id, label: client.name }))}
          value={form.clientId}
          onChange={(value) => set('clientId', value)}
          error={error?.fieldError('clientId')}
          style={{ flex: '1 1 220px' }}
        />
      </Group>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label="IMAP host"
          required
          placeholder="imap.example.com"
          value={form.host}
          onChange={(e) => set('host', e.currentTarget.value)}
          error={error?.fieldError('host')}
          style={{ flex: '2 1 200px' }}
        />
        <NumberInput
          label="Port"
          required
          min={1}
          max={65535}
          value={form.port}
          onChange={(value) => set('port', value)}
          error={error?.fieldError('port')}
          style={{ flex: '0 1 110px' }}
        />
        <TextInput
          label="Folder"
          required
          value={form.folder}
          onChange={(e) => set('folder', e.currentTarget.value)}
          error={error?.fieldError('folder')}
          style={{ flex: '1 1 120px' }}
        />
        <Checkbox
          label="TLS (IMAPS)"
          checked={form.tls}
          onChange={(e) => set('tls', e.currentTarget.checked)}
          mt={{ base: 0, xs: 32 }}
        />
      </Group>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label="User"
          required
          autoComplete="off"
          value={form.username}
          onChange={(e) => set('username', e.currentTarget.value)}
          error={error?.fieldError('username')}
          style={{ flex: '1 1 220px' }}
        />
        <PasswordInput
          label="Password or app password"
          description="Stored for logging in; never shown again."
          required
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => set('password', e.currentTarget.value)}
          error={error?.fieldError('password')}
          style={{ flex: '1 1 220px' }}
        />
      </Group>
      {error && !error.issues.length && <SaveErrorAlert error={error} />}
      <Group>
        <Button type="submit" loading={add.isPending}>
          Add mailbox
        </Button>
      </Group>
    </Stack>
  );
}

function TriageSection() {
  const queryClient = useQueryClient();
  const held = useQuery({
    queryKey: TRIAGE_KEY,
    queryFn: () => api.get<ListOf<HeldEmail>>('/email-triage'),
  });
  const clients = useClients();
  const [choice, setChoice] = useState<Record<string, string | null>>({});
  const assign = useMutation({
    mutationFn: (input: { id: string; clientId: string }) =>
      api.post<HeldEmail>(`/email-triage/${input.id}/assign`, { clientId: input.clientId }),
    onSuccess: async (row) => {
      notifications.show({
        color: 'teal',
        message: row.ticketId ? 'Assigned: the ticket is in the queue.' : 'Assigned.',
      });
      await queryClient.invalidateQueries({ queryKey: TRIAGE_KEY });
    },
  });
  const dismiss = useMutation({
    mutationFn: (id: string) => api.post<HeldEmail>(`/email-triage/${id}/dismiss`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: TRIAGE_KEY });
    },
  });
  const error = assign.error ?? dismiss.error;

  return (
    <Paper withBorder p="md" aria-labelledby="triage-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="triage-title">
          Held mail
        </Title>
        <Text size="sm" c="dimmed">
          Assigning mail to a client adds its sender to that client (without a password; invite them to give
          portal access) and raises the ticket. Dismissed mail is kept with its raw message under Inbound.
        </Text>
        {error && <SaveErrorAlert error={error} />}
        {held.isPending ? (
          <LoadingState label="Loading held mail…" />
        ) : held.error ? (
          <ErrorState error={held.error} onRetry={() => void held.refetch()} />
        ) : held.data.items.length === 0 ? (
          <EmptyState title="Nothing held">Mail from unknown senders waits here for a decision.</EmptyState>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>From</Table.Th>
                <Table.Th>Message</Table.Th>
                <Table.Th>Received</Table.Th>
                <Table.Th>Client</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {held.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Text fw={500}>{item.fromName ?? item.fromAddress}</Text>
                    <Text size="sm" c="dimmed">
                      {item.fromAddress}
                    </Text>
                    <Badge color="gray" variant="light">
                      {REASONS[item.reason]}
                    </Badge>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text fw={500}>{item.subject}</Text>
                    <Text size="sm" c="dimmed" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                      {item.preview}
                    </Text>
                    <Text size="xs">
                      <Link to="/settings/inbound">Raw message in Inbound</Link>
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatInstant(item.receivedAt, viewerTimeZone())}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Client for ${item.subject}`}
                      searchable
                      placeholder="Choose a client"
                      data={(clients.data?.items ?? []).map((client) => ({
                        value: client.id,
                        label: client.name,
                      }))}
                      value={choice[item.id] ?? null}
                      onChange={(value) => setChoice((current) => ({ ...current, [item.id]: value }))}
                    />
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        disabled={!choice[item.id]}
                        loading={assign.isPending && assign.variables?.id === item.id}
                        onClick={() => assign.mutate({ id: item.id, clientId: choice[item.id]! })}
                      >
                        Assign
                      </Button>
                      <ConfirmButton
                        label="Dismiss"
                        question={`Dismiss “${item.subject}”? No ticket is raised; the mail stays on record.`}
                        confirmLabel="Dismiss"
                        loading={dismiss.isPending && dismiss.variables === item.id}
                        onConfirm={() => dismiss.mutate(item.id)}
                      />
                    </Group>
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

import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { ListOf, User } from '../../api/types';
import { formatInstant, viewerTimeZone } from '../../app/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import {
  AGENCY_ROLES,
  CLIENT_ROLES,
  ConfirmButton,
  ROLE_LABEL,
  SaveErrorAlert,
  useCanEdit,
  useOrganizations,
  type Organization,
  type Role,
} from './shared';

export const USERS_KEY = ['users'] as const;

function roleOptions(kind: Organization['kind'] | undefined) {
  const roles = kind === 'agency' ? AGENCY_ROLES : kind === 'client' ? CLIENT_ROLES : [];
  return roles.map((role) => ({ value: role, label: ROLE_LABEL[role] }));
}

export function UsersTab() {
  const canEdit = useCanEdit();
  const users = useQuery({ queryKey: USERS_KEY, queryFn: () => api.get<ListOf<User>>('/users') });
  const { organizations, query: orgQuery, me } = useOrganizations();
  const [orgFilter, setOrgFilter] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [creating, { open, close }] = useDisclosure(false);

  if (users.isPending || orgQuery.isPending) return <LoadingState label="Loading users…" />;
  if (users.error) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  if (orgQuery.error) return <ErrorState error={orgQuery.error} onRetry={() => void orgQuery.refetch()} />;

  const orgById = new Map((organizations ?? []).map((org) => [org.id, org]));
  const needle = search.trim().toLowerCase();
  const shown = users.data.items
    .filter((user) => !orgFilter || user.organizationId === orgFilter)
    .filter((user) => !needle || `${user.name} ${user.email}`.toLowerCase().includes(needle))
    // The agency first, then clients by name; people by name inside each.
    .sort((a, b) => {
      const orgA = orgById.get(a.organizationId);
      const orgB = orgById.get(b.organizationId);
      const kind = Number(orgA?.kind === 'client') - Number(orgB?.kind === 'client');
      return kind || (orgA?.name ?? '').localeCompare(orgB?.name ?? '') || a.name.localeCompare(b.name);
    });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Organisation"
            placeholder="All organisations"
            clearable
            data={(organizations ?? []).map((org) => ({ value: org.id, label: org.name }))}
            value={orgFilter}
            onChange={setOrgFilter}
            w={220}
          />
          <TextInput
            label="Search"
            placeholder="Name or email"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={220}
          />
        </Group>
        {canEdit && (
          <Button onClick={open} size="sm">
            Add user
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {shown.length} of {users.data.items.length} users
      </Text>
      {shown.length === 0 ? (
        <EmptyState title="No users match">Change the organisation or the search.</EmptyState>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {shown.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              org={orgById.get(user.organizationId)}
              isMe={user.id === me?.id}
              canEdit={canEdit}
            />
          ))}
        </Stack>
      )}
      <Modal opened={creating} onClose={close} title="Add a user with a password" size="md">
        <CreateUserForm organizations={organizations ?? []} onDone={close} />
      </Modal>
    </Stack>
  );
}

function UserRow({
  user,
  org,
  isMe,
  canEdit,
}: {
  user: User;
  org: Organization | undefined;
  isMe: boolean;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (patch: { role?: Role; disabled?: boolean }) => api.patch<User>(`/users/${user.id}`, patch),
    onSuccess: async (saved, patch) => {
      notifications.show({
        color: 'teal',
        message:
          patch.disabled !== undefined
            ? `${saved.name} is ${saved.disabled ? 'disabled and logged out' : 'enabled again'}.`
            : `${saved.name} is now ${ROLE_LABEL[saved.role]}.`,
      });
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
  });
  const selfNote = 'You cannot change your own role or disable yourself.';
  const roleSelect = (
    <Select
      aria-label={`Role of ${user.name}`}
      data={roleOptions(org?.kind)}
      value={user.role}
      onChange={(role) => role && role !== user.role && update.mutate({ role: role })}
      disabled={!canEdit || isMe || update.isPending}
      allowDeselect={false}
      w={180}
      size="xs"
    />
  );
  return (
    <li aria-label={user.name}>
      <Paper withBorder p="sm" style={{ opacity: user.disabled ? 0.75 : 1 }}>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Stack gap={0} style={{ minWidth: 0, flex: '1 1 240px' }}>
            <Group gap={6}>
              <Text fw={600} size="sm">
                {user.name}
              </Text>
              {isMe && (
                <Badge size="xs" variant="light">
                  you
                </Badge>
              )}
              {user.disabled && (
                <Badge size="xs" color="gray" variant="filled">
                  Disabled
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {user.email}
            </Text>
            <Text size="xs" c="dimmed">
              {org?.name ?? 'Unknown organisation'} · since {formatInstant(user.createdAt, viewerTimeZone())}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {isMe && canEdit ? (
              <Tooltip label={selfNote}>
                <div>{roleSelect}</div>
              </Tooltip>
            ) : (
              roleSelect
            )}
            {user.disabled ? (
              <Button
                size="xs"
                variant="light"
                disabled={!canEdit}
                loading={update.isPending}
                onClick={() => update.mutate({ disabled: false })}
              >
                Enable
              </Button>
            ) : (
              <ConfirmButton
                label="Disable"
                question={`Disable ${user.name}? They are logged out and cannot log in until enabled again.`}
                confirmLabel="Disable"
                disabled={!canEdit || isMe}
                loading={update.isPending}
                onConfirm={() => update.mutate({ disabled: true })}
              />
            )}
          </Group>
        </Group>
        {update.error && (
          <Text size="xs" c="red" mt={4} role="alert">
            {update.error.message}
          </Text>
        )}
      </Paper>
    </li>
  );
}

function CreateUserForm({ organizations, onDone }: { organizations: Organization[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [password, setPassword] = useState('');
  const org = organizations.find((o) => o.id === organizationId);
  const create = useMutation({
    mutationFn: () => api.post<User>('/users', { organizationId, name, email, role, password }),
    onSuccess: async (user) => {
      notifications.show({ color: 'teal', message: `${user.name} can now log in as ${user.email}.` });
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      onDone();
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <SaveErrorAlert error={create.error} />
        <Select
          label="Organisation"
          required
          data={organizations.map((o) => ({ value: o.id, label: o.name }))}
          value={organizationId}
          onChange={(value) => {
            setOrganizationId(value);
            setRole(null);
          }}
          error={error?.fieldError('organizationId')}
          searchable
        />
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error?.fieldError('name')}
        />
        <TextInput
          label="Email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={error?.fieldError('email')}
        />
        <Select
          label="Role"
          required
          placeholder={org ? 'Choose a role' : 'Choose the organisation first'}
          data={roleOptions(org?.kind)}
          value={role}
          onChange={(value) => setRole(value)}
          disabled={!org}
          error={error?.fieldError('role')}
        />
        <PasswordInput
          label="Password"
          description="At least 10 characters. Tend has no way to change a password yet, so pass it on safely — or invite the person to choose their own."
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={error?.fieldError('password')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

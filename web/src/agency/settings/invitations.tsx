import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { CreatedInvitation, Invitation, ListOf } from '../../api/types';
import { formatInstant, viewerTimeZone } from '../../app/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { USERS_KEY } from './users';
import {
  AGENCY_ROLES,
  CLIENT_ROLES,
  CopyField,
  ROLE_LABEL,
  SaveErrorAlert,
  useCanEdit,
  useOrganizations,
  type Role,
} from './shared';

const INVITATIONS_KEY = ['invitations'] as const;

function invitationStatus(invitation: Invitation, nowMs: number) {
  if (invitation.acceptedAt) return { label: 'Accepted', color: 'teal' };
  if (new Date(invitation.expiresAt).getTime() <= nowMs) return { label: 'Expired', color: 'gray' };
  return { label: 'Pending', color: 'blue' };
}

export function InvitationsTab() {
  const canEdit = useCanEdit();
  const invitations = useQuery({
    queryKey: INVITATIONS_KEY,
    queryFn: () => api.get<ListOf<Invitation>>('/invitations'),
  });
  const { organizations, query: orgQuery } = useOrganizations();
  const orgName = (id: string) => organizations?.find((org) => org.id === id)?.name ?? '…';
  const zone = viewerTimeZone();
  const nowMs = Date.now();

  return (
    <Stack>
      <Alert color="yellow" variant="light" title="Invitation emails are not sent yet" role="note">
        Tend does not send email yet. Inviting someone gives you a one-time link: send it to them yourself.
      </Alert>
      {canEdit &&
        (organizations ? <InviteForm /> : orgQuery.error ? <ErrorState error={orgQuery.error} /> : null)}
      <Title order={2} size="h4">
        Invitations
      </Title>
      {invitations.isPending ? (
        <LoadingState label="Loading invitations…" />
      ) : invitations.error ? (
        <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : invitations.data.items.length === 0 ? (
        <EmptyState title="No invitations yet" />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {invitations.data.items.map((invitation) => {
            const status = invitationStatus(invitation, nowMs);
            return (
              <li key={invitation.id} aria-label={invitation.email}>
                <Paper withBorder p="sm">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text fw={600} size="sm" style={{ wordBreak: 'break-all' }}>
                        {invitation.email}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {ROLE_LABEL[invitation.role]} · {orgName(invitation.organizationId)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        Invited {formatInstant(invitation.createdAt, zone)} ·{' '}
                        {invitation.acceptedAt
                          ? `accepted ${formatInstant(invitation.acceptedAt, zone)}`
                          : `link valid until ${formatInstant(invitation.expiresAt, zone)}`}
                      </Text>
                    </Stack>
                    <Badge color={status.color} variant="light">
                      {status.label}
                    </Badge>
                  </Group>
                </Paper>
              </li>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

function InviteForm() {
  const queryClient = useQueryClient();
  const { organizations = [] } = useOrganizations();
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const org = organizations.find((o) => o.id === organizationId);
  const roles = org?.kind === 'agency' ? AGENCY_ROLES : org ? CLIENT_ROLES : [];
  const invite = useMutation({
    mutationFn: () => api.post<CreatedInvitation>('/invitations', { organizationId, email, role }),
    onSuccess: async () => {
      setEmail('');
      await queryClient.invalidateQueries({ queryKey: INVITATIONS_KEY });
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
  });
  const error = invite.error instanceof ApiError ? invite.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  const created = invite.data;
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="invite-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="invite-title">
          Invite someone
        </Title>
        <SaveErrorAlert error={invite.error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label="Organisation"
            required
            searchable
            data={organizations.map((o) => ({ value: o.id, label: o.name }))}
            value={organizationId}
            onChange={(value) => {
              setOrganizationId(value);
              setRole(null);
            }}
            error={error?.fieldError('organizationId')}
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
            placeholder={org ? 'Choose a role' : 'Organisation first'}
            disabled={!org}
            data={roles.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
            value={role}
            onChange={(value) => setRole(value)}
            error={error?.fieldError('role')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={invite.isPending}>
            Create invitation
          </Button>
        </Group>
        {created && (
          <Alert color="teal" title={`Invitation for ${created.email} created`} role="status">
            <Stack gap="xs">
              <CopyField label="One-time accept link" value={created.acceptUrl} />
              <Text size="sm">
                No email has been sent: Tend does not send invitation emails yet. Send this link to{' '}
                {created.email} yourself. It works once, until{' '}
                {formatInstant(created.expiresAt, viewerTimeZone())}, and is not shown again.
              </Text>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

import { Alert, Badge, Button, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { ApiToken, CreatedApiToken, ListOf } from '../../api/types';
import { formatInstant, viewerTimeZone } from '../../app/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { ConfirmButton, CopyField, SaveErrorAlert } from './shared';

const TOKENS_KEY = ['tokens'] as const;

/** Personal API tokens: every agency user manages their own (engineers too). */
export function TokensTab() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => api.get<ListOf<ApiToken>>('/tokens') });
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api.post<CreatedApiToken>('/tokens', { name }),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const zone = viewerTimeZone();
  const active = tokens.data?.items.filter((token) => !token.revokedAt) ?? [];
  const revoked = tokens.data?.items.filter((token) => token.revokedAt) ?? [];

  return (
    <Stack>
      <Text size="sm" c="dimmed" maw={640}>
        API tokens let scripts and other tools use the Tend API as you, with your role: send{' '}
        <Code>Authorization: Bearer tend_…</Code>. These are your own tokens; revoke one the moment it may
        have leaked.
      </Text>
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="token-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="token-title">
            Create a token
          </Title>
          {error && !error.issues.length && <SaveErrorAlert error={error} />}
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Token name"
              description="What uses it, e.g. “CI deploys”."
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error?.fieldError('name')}
              style={{ flex: '1 1 220px' }}
            />
            <Button type="submit" loading={create.isPending} mt={{ base: 0, xs: 44 }}>
              Create token
            </Button>
          </Group>
          {create.data && (
            <Alert color="teal" title={`Token “${create.data.name}” created`} role="status">
              <Stack gap="xs">
                <CopyField label="Secret" value={create.data.token} />
                <Text size="sm">
                  Copy it now: Tend shows the secret only this once and stores only a digest.
                </Text>
                <Group>
                  <Button size="xs" variant="default" onClick={() => create.reset()}>
                    I have copied it
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
        </Stack>
      </Paper>
      <Title order={2} size="h4">
        My tokens
      </Title>
      {tokens.isPending ? (
        <LoadingState label="Loading tokens…" />
      ) : tokens.error ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.items.length === 0 ? (
        <EmptyState title="No tokens yet">Create one above for a script or integration.</EmptyState>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {[...active, ...revoked].map((token) => (
            <TokenRow key={token.id} token={token} zone={zone} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function TokenRow({ token, zone }: { token: ApiToken; zone: string }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api.delete(`/tokens/${token.id}`),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: `Token “${token.name}” revoked.` });
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  return (
    <li aria-label={token.name}>
      <Paper withBorder p="sm" style={{ opacity: token.revokedAt ? 0.7 : 1 }}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Group gap={6}>
              <Text fw={600} size="sm">
                {token.name}
              </Text>
              <Code>{token.tokenPrefix}…</Code>
              {token.revokedAt && (
                <Badge size="xs" color="gray" variant="filled">
                  Revoked
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              Created {formatInstant(token.createdAt, zone)} ·{' '}
              {token.lastUsedAt ? `last used ${formatInstant(token.lastUsedAt, zone)}` : 'never used'}
              {token.revokedAt && ` · revoked ${formatInstant(token.revokedAt, zone)}`}
            </Text>
          </Stack>
          {!token.revokedAt && (
            <ConfirmButton
              label="Revoke"
              question={`Revoke “${token.name}”? Anything using it stops working at once.`}
              confirmLabel="Revoke token"
              loading={revoke.isPending}
              onConfirm={() => revoke.mutate()}
            />
          )}
        </Group>
        {revoke.error && (
          <Text size="xs" c="red" role="alert" mt={4}>
            {revoke.error.message}
          </Text>
        )}
      </Paper>
    </li>
  );
}

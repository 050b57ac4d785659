import { useClients } from '../../api/queries';
import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Popover,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { useMe } from '../../app/auth';

/** Only agency admins change settings; engineers see them read-only (the API answers 403 to them). */
export function useCanEdit(): boolean {
  const { data: me } = useMe();
  return me?.role === 'agency_admin';
}

export function ReadOnlyNotice() {
  return (
    <Alert color="blue" variant="light" title="Read-only" mb="md" role="note">
      Only agency admins can change settings. You can look at everything here, and manage your own API tokens.
    </Alert>
  );
}

export const ROLE_LABEL = {
  agency_admin: 'Agency admin',
  agency_engineer: 'Agency engineer',
  client_admin: 'Client admin',
  client_member: 'Client member',
} as const;
export type Role = keyof typeof ROLE_LABEL;
export const AGENCY_ROLES: Role[] = ['agency_admin', 'agency_engineer'];
export const CLIENT_ROLES: Role[] = ['client_admin', 'client_member'];

export interface Organization {
  id: string;
  name: string;
  kind: 'agency' | 'client';
}

/** The agency itself and every client: the organisations users and invitations belong to. */
export function useOrganizations() {
  const { data: me } = useMe();
  const clients = useClients();
  const organizations: Organization[] | undefined =
    me && clients.data
      ? [
          { id: me.organization.id, name: me.organization.name, kind: 'agency' },
          ...clients.data.items.map((client) => ({
            id: client.id,
            name: client.name,
            kind: 'client' as const,
          })),
        ]
      : undefined;
  return { organizations, query: clients, me: me };
}

/** Text with a copy button; used for secrets and links that are shown once. */
export function CopyField({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code block style={{ flex: 1, minWidth: 0, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {value}
        </Code>
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'teal' : undefined}
              onClick={copy}
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** A button that asks once more before doing something that cannot be undone. */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  loading,
  disabled,
  color = 'red',
  size = 'xs',
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
  disabled?: boolean;
  color?: string;
  size?: 'xs' | 'sm';
}) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus returnFocus>
      <Popover.Target>
        <Button
          size={size}
          variant="light"
          color={color}
          loading={loading}
          disabled={disabled}
          onClick={() => setOpened((o) => !o)}
        >
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={300}>
        <Stack gap="xs">
          <Text size="sm">{question}</Text>
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button
              size="xs"
              color={color}
              onClick={() => {
                setOpened(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** A small × button with an accessible name. */
export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Tooltip label={label} withinPortal>
      <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onClick}>
        <span aria-hidden>×</span>
      </ActionIcon>
    </Tooltip>
  );
}

/**
 * Looks up the server's message for a form field among several errors (e.g. the save request's and the
 * live preview's), each with the prefix under which that request names the form's fields.
 */
export function fieldErrorFrom(
  sources: readonly { error: unknown; prefix?: string }[],
  path: string,
): string | undefined {
  for (const { error, prefix = '' } of sources) {
    if (error instanceof ApiError) {
      const message = error.fieldError(prefix + path);
      if (message) return message;
    }
  }
  return undefined;
}

/** An error alert for a failed save: the message, or a pointer to the marked fields when it has issues. */
export function SaveErrorAlert({ error, unplaced }: { error: unknown; unplaced?: string[] }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const title =
    apiError?.status === 403
      ? 'Not allowed'
      : apiError?.issues.length
        ? 'Some fields need attention'
        : 'Could not save';
  return (
    <Alert color="red" title={title} role="alert">
      <Stack gap={4}>
        <Text size="sm">
          {apiError?.issues.length ? 'The marked fields have problems.' : (error as Error).message}
        </Text>
        {unplaced?.map((line) => (
          <Text size="sm" key={line}>
            {line}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/** Every IANA zone the browser knows, for time-zone pickers. */
export function timeZoneOptions(current?: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

/** Save / discard / delete under a settings form: the same three actions for every kind of record. */
export function EditorActions(props: {
  noun: string;
  isNew: boolean;
  dirty: boolean;
  saving: boolean;
  onDiscard: () => void;
  removeQuestion: string;
  removing: boolean;
  onRemove: () => void;
}) {
  return (
    <Group justify="space-between" wrap="wrap">
      <Group gap="xs">
        <Button type="submit" loading={props.saving} disabled={!props.dirty && !props.isNew}>
          {props.isNew ? `Create ${props.noun}` : `Save ${props.noun}`}
        </Button>
        {props.dirty && (
          <Button variant="default" onClick={props.onDiscard}>
            Discard changes
          </Button>
        )}
      </Group>
      {!props.isNew && (
        <ConfirmButton
          label={`Delete ${props.noun}`}
          question={props.removeQuestion}
          confirmLabel="Delete"
          loading={props.removing}
          onConfirm={props.onRemove}
        />
      )}
    </Group>
  );
}

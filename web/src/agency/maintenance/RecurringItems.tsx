import { Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ErrorState, LoadingState } from '../../components/states';
import { ServerError } from '../ticket/bits';

/*
 * The scaffolding an agreement's recurring items (schedules, chores) share: a titled section with an "add"
 * button, the list's loading, error and empty states, a table, and one modal that adds or edits an item.
 */

interface RecurringItem {
  id: string;
  active: boolean;
}

export function RecurringItemsSection<T extends RecurringItem>({
  label,
  title,
  addLabel,
  loadingLabel,
  empty,
  items,
  tableLabel,
  minWidth,
  columns,
  renderRow,
  modalTitle,
  renderForm,
}: {
  /** The section's accessible name. */
  label: string;
  title: string;
  addLabel: string;
  loadingLabel: string;
  empty: ReactNode;
  items: UseQueryResult<T[]>;
  tableLabel: string;
  minWidth: number;
  /** The header cells, before the actions column. */
  columns: ReactNode;
  renderRow: (item: T, onEdit: () => void) => ReactNode;
  modalTitle: (isNew: boolean) => string;
  /** The form for a new item (undefined) or the one being edited; onDone closes the modal. */
  renderForm: (item: T | undefined, onDone: () => void) => ReactNode;
}) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const close = () => setEditing(null);
  return (
    <Stack gap="xs" aria-label={label} component="section">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Button size="xs" variant="light" onClick={() => setEditing('new')}>
          {addLabel}
        </Button>
      </Group>
      {items.isPending ? (
        <LoadingState label={loadingLabel} />
      ) : items.isError ? (
        <ErrorState error={items.error} onRetry={() => void items.refetch()} />
      ) : items.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table fz="sm" verticalSpacing="xs" aria-label={tableLabel}>
            <Table.Thead>
              <Table.Tr>
                {columns}
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{items.data.map((item) => renderRow(item, () => setEditing(item)))}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <Modal opened onClose={close} title={modalTitle(editing === 'new')} size="lg">
          {renderForm(editing === 'new' ? undefined : editing, close)}
        </Modal>
      )}
    </Stack>
  );
}

/** A stopped item is dimmed and says so under its name. */
export function stoppedStyle(active: boolean) {
  return active ? undefined : { opacity: 0.6 };
}

export function StoppedBadge({ active }: { active: boolean }) {
  if (active) return null;
  return (
    <Badge size="xs" color="gray" variant="light">
      stopped
    </Badge>
  );
}

/** Edit, and Stop or Resume (with what stopping does as its hint); the save's error below. */
export function RecurringRowActions({
  active,
  onEdit,
  onToggle,
  toggling,
  error,
  stopHint,
}: {
  active: boolean;
  onEdit: () => void;
  onToggle: () => void;
  toggling: boolean;
  error: unknown;
  stopHint: string;
}) {
  return (
    <Table.Td>
      <Group gap={4} wrap="nowrap" justify="flex-end">
        <Button size="compact-xs" variant="subtle" onClick={onEdit}>
          Edit
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          color={active ? 'red' : undefined}
          loading={toggling}
          onClick={onToggle}
          title={active ? stopHint : undefined}
        >
          {active ? 'Stop' : 'Resume'}
        </Button>
      </Group>
      <ServerError error={error} />
    </Table.Td>
  );
}

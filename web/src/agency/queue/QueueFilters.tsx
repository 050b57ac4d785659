import { Button, Collapse, MultiSelect, Select, SimpleGrid, Stack, Switch } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { KINDS, PRIORITIES, type Client, type User } from '../../api/types';
import { humanize } from '../../app/format';
import { OPEN_STATUSES, type QueueFilters as Filters } from './queueFilters';

export interface QueueFiltersProps {
  filters: Filters;
  onChange: (change: Partial<Filters>) => void;
  activeCount: number;
  clients: Client[];
  staff: User[];
  compact: boolean;
}

/** Client, priority, kind, status, assignee and "mine"; on a phone they fold away behind one button. */
export function QueueFilters({ filters, onChange, activeCount, clients, staff, compact }: QueueFiltersProps) {
  const [opened, { toggle }] = useDisclosure(false);
  const fields = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm" verticalSpacing="xs">
      <Select
        label="Client"
        placeholder="All clients"
        data={clients.map((client) => ({ value: client.id, label: client.name }))}
        value={filters.clientId}
        onChange={(value) => onChange({ clientId: value })}
        clearable
        searchable
        nothingFoundMessage="No such client"
      />
      <MultiSelect
        label="Priority"
        placeholder={filters.priority.length ? undefined : 'Any priority'}
        data={PRIORITIES}
        value={filters.priority}
        onChange={(value) => onChange({ priority: PRIORITIES.filter((p) => value.includes(p)) })}
      />
      <MultiSelect
        label="Kind"
        placeholder={filters.kind.length ? undefined : 'Any kind'}
        data={KINDS}
        value={filters.kind}
        onChange={(value) => onChange({ kind: KINDS.filter((k) => value.includes(k)) })}
      />
      <MultiSelect
        label="Status"
        placeholder={filters.status.length ? undefined : 'Any open status'}
        data={OPEN_STATUSES.map((status) => ({ value: status, label: humanize(status) }))}
        value={filters.status}
        onChange={(value) => onChange({ status: OPEN_STATUSES.filter((s) => value.includes(s)) })}
      />
      <Select
        label="Assignee"
        placeholder="Anyone"
        data={staff.map((user) => ({
          value: user.id,
          label: user.disabled ? `${user.name} (disabled)` : user.name,
        }))}
        value={filters.assigneeId}
        onChange={(value) => onChange({ assigneeId: value })}
        clearable
        searchable
        nothingFoundMessage="Nobody by that name"
      />
      <Stack justify="flex-end" h="100%" pb={8} pt={{ base: 4, lg: 0 }}>
        <Switch
          label="Only mine"
          checked={filters.mine}
          onChange={(event) => onChange({ mine: event.currentTarget.checked })}
        />
      </Stack>
    </SimpleGrid>
  );

  if (!compact)
    return (
      <div role="search" aria-label="Filter the queue">
        {fields}
      </div>
    );
  return (
    <div role="search" aria-label="Filter the queue">
      <Button
        variant="default"
        size="sm"
        onClick={toggle}
        aria-expanded={opened}
        aria-controls="queue-filters"
        fullWidth
      >
        {opened ? 'Hide filters' : 'Filters'}
        {activeCount > 0 ? ` · ${activeCount} active` : ''}
      </Button>
      <Collapse expanded={opened} id="queue-filters" mt={opened ? 'sm' : 0}>
        {fields}
      </Collapse>
    </div>
  );
}

import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import type { ClientHealth } from '../../api/types';
import { formatMinutes } from '../../app/format';

/** Open tickets, with the breached ones called out. */
export function OpenTickets({ row }: { row: ClientHealth }) {
  if (row.openTickets === 0)
    return (
      <Text size="sm" c="dimmed">
        None open
      </Text>
    );
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
        {row.openTickets} open
      </Text>
      {row.breachedOpenTickets > 0 ? (
        <Badge color="red" variant="filled" style={{ flexShrink: 0 }}>
          {row.breachedOpenTickets} breached
        </Badge>
      ) : (
        <Text size="xs" c="green.9" style={{ whiteSpace: 'nowrap' }}>
          none breached
        </Text>
      )}
    </Group>
  );
}

function percentColor(percent: number): string {
  if (percent >= 95) return 'green.8';
  if (percent >= 80) return 'yellow.9';
  return 'red.8';
}

/** Response and resolution compliance of the month, or that nothing fell due yet. */
export function Compliance({ row }: { row: ClientHealth }) {
  const { response, resolution } = row.compliance;
  if (response === null && resolution === null)
    return (
      <Text size="sm" c="dimmed">
        Nothing due yet
      </Text>
    );
  const part = (label: string, value: number | null) => (
    <Text size="sm" span>
      {label}{' '}
      {value === null ? (
        <Text span c="dimmed" size="sm">
          nothing due yet
        </Text>
      ) : (
        <Text span fw={600} c={percentColor(value)} size="sm">
          {value} %
        </Text>
      )}
    </Text>
  );
  return (
    <Stack gap={0}>
      {part('Response', response)}
      {part('Resolution', resolution)}
    </Stack>
  );
}

/** Retainers: hours used of what the month made available, with a bar. Otherwise billable hours. */
export function Hours({ row }: { row: ClientHealth }) {
  const { hours } = row;
  if (hours.kind === 'retainer' && hours.availableMinutes !== null) {
    const available = hours.availableMinutes;
    const percent = available > 0 ? Math.min(100, (hours.usedMinutes / available) * 100) : 100;
    const over = hours.overageMinutes > 0;
    const color = over ? 'red' : percent >= 85 ? 'orange' : 'teal';
    return (
      <Stack gap={4} miw={180}>
        <Text size="sm">
          <Text span fw={600} size="sm">
            {formatMinutes(hours.usedMinutes)}
          </Text>{' '}
          of {formatMinutes(available)}
        </Text>
        <Progress
          value={percent}
          color={color}
          size="md"
          aria-label={`${row.name}: ${formatMinutes(hours.usedMinutes)} used of ${formatMinutes(available)}`}
        />
        <Text size="xs" c={over ? 'red.8' : 'dimmed'}>
          {over
            ? `${formatMinutes(hours.overageMinutes)} overage`
            : `${formatMinutes(hours.remainingMinutes ?? 0)} remaining`}
        </Text>
      </Stack>
    );
  }
  const what = { retainer: 'retainer', payg: 'pay-as-you-go', other: 'fixed scope / standby', none: '' }[
    hours.kind
  ];
  if (hours.kind === 'none')
    return (
      <Text size="sm" c="dimmed">
        No agreement this month
      </Text>
    );
  return (
    <Stack gap={0}>
      <Text size="sm">
        <Text span fw={600} size="sm">
          {formatMinutes(hours.billableMinutes)}
        </Text>{' '}
        billable
      </Text>
      <Text size="xs" c="dimmed">
        {what}
        {hours.usedMinutes !== hours.billableMinutes ? ` · ${formatMinutes(hours.usedMinutes)} logged` : ''}
      </Text>
    </Stack>
  );
}

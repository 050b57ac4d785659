import { Badge, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { BacklogItem, MaintenanceWindow } from '../api/types';
import { DAY_STYLE, formatMinutes, zonedFormatter } from '../app/format';

/*
 * Maintenance widgets the agency desk and the portal share: a window's times in its own zone, its status, how
 * full it is, and the "rolled" mark of an item that did not fit.
 */

export type WindowStatus = MaintenanceWindow['status'];
export type UnplannedReason = NonNullable<BacklogItem['unplannedReason']>;

const TIME_STYLE: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

/** "18:00" and the zone's short name ("GMT", "CET", "GMT-5") of an instant in a zone. */
function timeParts(iso: string, timeZone: string): { time: string; zone: string } {
  const parts = zonedFormatter(timeZone, TIME_STYLE).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { time: `${get('hour')}:${get('minute')}`, zone: get('timeZoneName') };
}

export function formatWindowDay(iso: string, timeZone: string): string {
  return zonedFormatter(timeZone, DAY_STYLE).format(new Date(iso));
}

/** "18:00–22:00 GMT"; an end on another day carries its date. The zone is always stated. */
export function formatWindowHours(startsAt: string, endsAt: string, timeZone: string): string {
  const start = timeParts(startsAt, timeZone);
  const end = timeParts(endsAt, timeZone);
  const sameDay = formatWindowDay(startsAt, timeZone) === formatWindowDay(endsAt, timeZone);
  const endText = sameDay ? end.time : `${formatWindowDay(endsAt, timeZone)} ${end.time}`;
  const zone = start.zone === end.zone ? start.zone : `${start.zone}/${end.zone}`;
  return `${start.time}–${endText} ${zone}`;
}

/** "Tue, 8 Dec 2026, 18:00–22:00 GMT (Europe/London)". */
export function formatWindowTimes(startsAt: string, endsAt: string, timeZone: string): string {
  return `${formatWindowDay(startsAt, timeZone)}, ${formatWindowHours(startsAt, endsAt, timeZone)} (${timeZone})`;
}

const STATUS_COLOR: Record<WindowStatus, string> = {
  scheduled: 'blue',
  in_progress: 'teal',
  closed: 'gray',
  cancelled: 'red',
};

const STATUS_LABEL: Record<WindowStatus, string> = {
  scheduled: 'scheduled',
  in_progress: 'in progress',
  closed: 'closed',
  cancelled: 'cancelled',
};

export function WindowStatusBadge({ status, size = 'sm' }: { status: WindowStatus; size?: 'xs' | 'sm' }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant={status === 'in_progress' ? 'filled' : 'light'} size={size}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}

/** Planned minutes against the capacity, as a small bar with the figures beside it. */
export function CapacityBar({
  planned,
  capacity,
  compact = false,
}: {
  planned: number;
  capacity: number;
  compact?: boolean;
}) {
  const percent = capacity > 0 ? Math.min(100, (planned / capacity) * 100) : 100;
  const over = planned > capacity;
  const label = `${formatMinutes(planned)} of ${formatMinutes(capacity)} planned`;
  return (
    <Stack gap={2} data-testid="window-capacity">
      <Progress
        value={percent}
        size={compact ? 'xs' : 'sm'}
        color={over ? 'red' : percent >= 90 ? 'orange' : 'teal'}
        aria-label={label}
      />
      <Text size="xs" c={over ? 'red' : 'dimmed'}>
        {compact ? `${formatMinutes(planned)} / ${formatMinutes(capacity)}` : label}
      </Text>
    </Stack>
  );
}

/** An item that did not fit its window and moved on, and how many times. */
export function RolledBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <Tooltip label={`Moved to a later window ${count === 1 ? 'once' : `${count} times`}: it did not fit`}>
      <Badge color="orange" variant="light" size="sm" data-testid="rolled-badge">
        rolled ×{count}
      </Badge>
    </Tooltip>
  );
}

export const UNPLANNED_TEXT: Record<UnplannedReason, string> = {
  no_window: 'No window scheduled in the next 12 months',
  no_room: 'No room in the next 12 months',
  larger_than_any_window: 'Larger than any window: split it or plan a one-off window',
};

/** An item's planning size and where it comes from. */
export function ItemSize({ minutes, source }: { minutes: number; source: BacklogItem['sizeSource'] }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm" c={source === 'default' ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {formatMinutes(minutes)}
      </Text>
      {source === 'default' ? (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          (assumed)
        </Text>
      ) : source === 'estimate' ? (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          (client estimate)
        </Text>
      ) : null}
    </Group>
  );
}

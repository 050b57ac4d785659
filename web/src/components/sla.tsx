import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SlaBlock, SlaClock } from '../api/types';
import { formatCountdown, formatInstant } from '../app/format';

/** Re-renders every `intervalMs` so countdowns tick. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Green under half the target used, yellow to 75 %, orange beyond, red once breached. */
type DueClock = SlaClock & { dueAt: string };

/**
 * The running clocks that have a due, soonest first (a maintenance-window target has none until the item is
 * planned into a window).
 */
export function runningWithDue(sla: SlaBlock): DueClock[] {
  return [sla.response, sla.resolution]
    .filter((clock): clock is DueClock => clock.phase === 'running' && clock.dueAt !== null)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** A running clock waiting for the planner to put its item into a maintenance window. */
export function awaitsWindow(sla: SlaBlock): boolean {
  return [sla.response, sla.resolution].some((clock) => clock.phase === 'running' && clock.dueAt === null);
}

export function slaColor(clock: Pick<SlaClock, 'status' | 'usedFraction'>): string {
  if (clock.status === 'breached') return 'red';
  if (clock.status === 'met') return 'green';
  if (clock.status === 'paused') return 'gray';
  if (clock.usedFraction >= 0.75) return 'orange';
  if (clock.usedFraction >= 0.5) return 'yellow';
  return 'teal';
}

/** The next deadline of a ticket as a live countdown, clearly marked when paused or breached. */
export function SlaCountdown({
  sla,
  timeZone,
  now,
}: {
  sla: SlaBlock | null;
  timeZone: string;
  now: number;
}) {
  if (!sla)
    return (
      <Text size="sm" c="dimmed">
        No SLA
      </Text>
    );
  const next = runningWithDue(sla)[0];
  const paused = [sla.response, sla.resolution].find((clock) => clock.phase === 'paused');
  if (!next) {
    if (awaitsWindow(sla))
      return (
        <Badge color="grape" variant="light" style={{ textTransform: 'none' }}>
          Awaiting a maintenance window
        </Badge>
      );
    if (paused)
      return (
        <Badge color="gray" variant="light">
          Paused · waiting on client
        </Badge>
      );
    const breached = sla.response.status === 'breached' || sla.resolution.status === 'breached';
    return (
      <Badge color={breached ? 'red' : 'green'} variant="light">
        {breached ? 'Breached' : 'Met'}
      </Badge>
    );
  }
  const which = next === sla.response ? 'Response' : 'Resolution';
  const overdue = new Date(next.dueAt).getTime() < now;
  return (
    <Tooltip label={`${which} due ${formatInstant(next.dueAt, timeZone)}`}>
      <Badge
        color={overdue ? 'red' : slaColor(next)}
        variant={overdue || next.status === 'breached' ? 'filled' : 'light'}
        style={{ textTransform: 'none' }}
      >
        {which}: {next.status === 'breached' && !overdue ? 'breached · ' : ''}
        {formatCountdown(next.dueAt, now)}
      </Badge>
    </Tooltip>
  );
}

/** One clock in full: target, due instant in two zones, state, paused minutes. */
export function SlaClockPanel({
  name,
  clock,
  viewerZone,
  clientZone,
}: {
  name: string;
  clock: SlaClock;
  viewerZone: string;
  clientZone: string;
}) {
  const label = { running: 'running', paused: 'paused', met: 'met', breached: 'breached' }[clock.status];
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Text fw={600}>{name}</Text>
        <Badge color={slaColor(clock)} variant="light">
          {label}
        </Badge>
      </Group>
      {clock.dueAt === null ? (
        <Text size="sm">Due by the end of its maintenance window (not planned into one yet)</Text>
      ) : (
        <Text size="sm">Due {formatInstant(clock.dueAt, viewerZone)}</Text>
      )}
      {clock.dueAt !== null && clientZone !== viewerZone && (
        <Text size="sm" c="dimmed">
          Client time: {formatInstant(clock.dueAt, clientZone)}
        </Text>
      )}
      {clock.stoppedAt && <Text size="sm">Stopped {formatInstant(clock.stoppedAt, viewerZone)}</Text>}
      {clock.breachedAt && (
        <Text size="sm" c="red">
          Breached {formatInstant(clock.breachedAt, viewerZone)}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {clock.targetMinutes === null
          ? `${clock.elapsedMinutes} min so far`
          : `${Math.round(clock.usedFraction * 100)} % of ${clock.targetMinutes} min used`}{' '}
        · paused {clock.pausedMinutes} min
      </Text>
    </Stack>
  );
}

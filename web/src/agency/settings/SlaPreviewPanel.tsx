import {
  Alert,
  Badge,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { ApiError, api } from '../../api/client';
import { PRIORITIES, type Calendar, type Priority, type SlaPolicy, type SlaPreview } from '../../api/types';
import { PRIORITY_COLOR, formatInstant, formatMinutes, viewerTimeZone } from '../../app/format';
import { instantToWallTime, wallTimeToInstant } from './zoned';

export type SlaTiers = SlaPolicy['tiers'];
export type CalendarSpecBody = Pick<Calendar, 'name' | 'timeZone' | 'weekly' | 'holidays'>;

export interface PreviewBody {
  calendar?: CalendarSpecBody;
  calendarId?: string;
  tiers: SlaTiers;
  at?: string;
}

/** When the imagined ticket is created: now, or a wall-clock time in the calendar's zone. */
export type CreatedAt = { mode: 'now' } | { mode: 'at'; local: string };

export function useCreatedAt() {
  return useState<CreatedAt>({ mode: 'now' });
}

/** The `at` to send: undefined for now (the server's clock), null when the typed time is not a time. */
export function createdAtInstant(
  createdAt: CreatedAt,
  timeZone: string | undefined,
): string | undefined | null {
  if (createdAt.mode === 'now') return undefined;
  if (!timeZone) return null;
  return wallTimeToInstant(createdAt.local, timeZone)?.toISOString() ?? null;
}

/**
 * Deadlines from the server's own SLA engine for the form as it is, asked for once the form has been
 * still for 400 ms. Errors carry field paths the form shows next to its fields.
 */
export function useSlaPreview(body: PreviewBody | null) {
  const json = body ? JSON.stringify(body) : null;
  const [debounced] = useDebouncedValue(json, 400);
  const query = useQuery({
    queryKey: ['sla-preview', debounced],
    queryFn: () => api.post<SlaPreview>('/sla-policies/preview', JSON.parse(debounced!) as unknown),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    retry: false,
    // "Now" moves on: refresh a preview for now every minute.
    refetchInterval: body && body.at === undefined ? 60_000 : false,
    refetchOnWindowFocus: false,
  });
  return { query, settling: json !== debounced || query.isFetching };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Target = SlaPreview['tiers'][Priority]['responseTarget'];

function describeTarget(target: Target, minutes: number | null): string {
  switch (target.kind) {
    case 'business_minutes':
      return `${formatMinutes(target.minutes)} of business time`;
    case 'clock_minutes':
      return `${formatMinutes(target.minutes)} on the 24×7 clock`;
    case 'end_of_business_day':
      return `end of the business day (${formatMinutes(minutes ?? 0)} of business time from creation)`;
    case 'next_maintenance_window':
      return target.movesWhenRolled
        ? 'end of the planned maintenance window; moves when the item rolls'
        : 'end of the planned maintenance window; a rolled item breaches';
  }
}

function DueLine(props: { label: string; iso: string | null; zone: string; note: string }) {
  const { label, iso, zone, note } = props;
  const viewer = viewerTimeZone();
  if (iso === null)
    return (
      <Stack gap={0}>
        <Text size="sm">
          {label}{' '}
          <Text span fw={700}>
            the end of its maintenance window
          </Text>
        </Text>
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      </Stack>
    );
  return (
    <Stack gap={0}>
      <Text size="sm">
        {label}{' '}
        <Text span fw={700}>
          {formatInstant(iso, zone)}
        </Text>
      </Text>
      <Text size="xs" c="dimmed">
        {viewer === zone ? 'Also your time zone' : `${formatInstant(iso, viewer)} your time`} · {note}
      </Text>
    </Stack>
  );
}

function TierPreview({ priority, preview }: { priority: Priority; preview: SlaPreview }) {
  const headingId = useId();
  const due = preview.tiers[priority];
  const zone = preview.calendar.timeZone;
  return (
    <section aria-labelledby={headingId}>
      <Stack gap={4}>
        <Title order={3} id={headingId} m={0} lh={1}>
          <Badge
            component="span"
            color={PRIORITY_COLOR[priority]}
            variant={priority === 'critical' ? 'filled' : 'light'}
          >
            {capitalize(priority)}
          </Badge>
        </Title>
        <DueLine
          label="a response by"
          iso={due.responseDueAt}
          zone={zone}
          note={describeTarget(due.responseTarget, due.responseTargetMinutes)}
        />
        <DueLine
          label="and a resolution by"
          iso={due.resolutionDueAt}
          zone={zone}
          note={describeTarget(due.resolutionTarget, due.resolutionTargetMinutes)}
        />
      </Stack>
    </section>
  );
}

function CreatedLine({ preview, now }: { preview: SlaPreview; now: boolean }) {
  const zone = preview.calendar.timeZone;
  const viewer = viewerTimeZone();
  return (
    <Text size="sm">
      A ticket created {now ? 'now, ' : 'on '}
      <Text span fw={600}>
        {formatInstant(preview.at, zone)}
      </Text>
      {viewer !== zone && ` (${formatInstant(preview.at, viewer)} your time)`}, would need, by priority:
    </Text>
  );
}

/** The live preview beside a calendar or policy form. */
export function SlaPreviewPanel({
  preview,
  settling,
  error,
  available,
  zone,
  createdAt,
  onCreatedAtChange,
  header,
  emptyText,
}: {
  preview: SlaPreview | undefined;
  settling: boolean;
  error: unknown;
  /** False when there are no targets to preview (the panel then says `emptyText`). */
  available: boolean;
  /** The calendar's zone, in which a typed "created at" time is read. */
  zone: string | undefined;
  createdAt: CreatedAt;
  onCreatedAtChange: (value: CreatedAt) => void;
  header?: ReactNode;
  emptyText?: string;
}) {
  const apiError = error instanceof ApiError ? error : null;
  const invalidTime = createdAt.mode === 'at' && createdAtInstant(createdAt, zone) === null;
  return (
    <Paper withBorder p="md" radius="md" component="aside" aria-labelledby="sla-preview-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4" id="sla-preview-title">
            Live preview
          </Title>
          {settling && (
            <Group gap={6} wrap="nowrap" aria-live="polite">
              <Loader size="xs" />
              <Text size="xs" c="dimmed">
                Updating…
              </Text>
            </Group>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          Deadlines a new ticket would get under the form as it is now, worked out by the same SLA engine as
          real tickets. Nothing is saved.
        </Text>
        {header}
        <SegmentedControl
          aria-label="When the ticket is created"
          size="xs"
          value={createdAt.mode}
          onChange={(mode) =>
            onCreatedAtChange(
              mode === 'now'
                ? { mode: 'now' }
                : { mode: 'at', local: instantToWallTime(Date.now(), zone ?? viewerTimeZone()) },
            )
          }
          data={[
            { value: 'now', label: 'Created now' },
            { value: 'at', label: 'Created at a time I choose' },
          ]}
        />
        {createdAt.mode === 'at' && (
          <TextInput
            type="datetime-local"
            label={`Ticket created at (${zone ?? 'calendar time zone'})`}
            value={createdAt.local}
            onChange={(event) => onCreatedAtChange({ mode: 'at', local: event.currentTarget.value })}
            error={invalidTime ? 'Enter a date and time' : apiError?.fieldError('at')}
          />
        )}
        {!available ? (
          <Text size="sm" c="dimmed">
            {emptyText ?? 'Nothing to preview yet.'}
          </Text>
        ) : error ? (
          <Alert
            color={apiError?.status === 400 ? 'yellow' : 'red'}
            title="No preview for this form"
            role="alert"
          >
            {apiError?.issues.length
              ? 'Fix the marked fields and the preview will follow.'
              : (apiError?.message ?? 'The preview could not be computed.')}
          </Alert>
        ) : !preview ? (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Working out deadlines…
            </Text>
          </Group>
        ) : (
          <Stack gap="md" style={{ opacity: settling ? 0.6 : 1 }}>
            <CreatedLine preview={preview} now={createdAt.mode === 'now'} />
            {PRIORITIES.map((priority) => (
              <TierPreview key={priority} priority={priority} preview={preview} />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

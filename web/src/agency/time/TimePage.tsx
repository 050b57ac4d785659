import { useClients } from '../../api/queries';
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../../api/client';
import type { Agreement, ListOf, TicketDetail, TicketPage, TimeEntry, TimeEntryPage } from '../../api/types';
import { useMe } from '../../app/auth';
import { formatMinutes, viewerTimeZone } from '../../app/format';
import { PageTitle } from '../../app/Shell';
import { ErrorState, LoadingState, messageOf } from '../../components/states';
import { localDateIn } from '../clients/months';
import { EditEntryModal } from './EditEntryModal';
import { CATEGORY_LABEL } from './fields';
import { invalidateTimeViews } from './invalidate';
import { QuickEntry } from './QuickEntry';
import { addDays, isDate, mondayOf, shortDay, weekDates, weekLabel } from './week';

/** My time this week, day by day, with a quick entry form; my entries can be edited and deleted. */
export default function TimePage() {
  const { data: me } = useMe();
  const zone = useMemo(() => viewerTimeZone(), []);
  const today = localDateIn(zone);
  const [params, setParams] = useSearchParams();
  const asked = params.get('week');
  const monday = isDate(asked) ? mondayOf(asked) : mondayOf(today);
  const sunday = addDays(monday, 6);
  const thisWeek = mondayOf(today);
  const goTo = (week: string) =>
    setParams(week === thisWeek ? {} : { week }, { replace: false, preventScrollReset: true });

  const entries = useQuery({
    queryKey: ['time-entries', { userId: me?.id, from: monday, to: sunday }],
    queryFn: () =>
      api.get<TimeEntryPage>(
        `/time-entries${query({ userId: me?.id, from: monday, to: sunday, limit: 500 })}`,
      ),
    enabled: !!me,
  });
  const agreements = useQuery({
    queryKey: ['agreements', {}],
    queryFn: () => api.get<ListOf<Agreement>>('/agreements'),
  });
  const clients = useClients();
  const openTickets = useQuery({
    queryKey: ['tickets', 'open-for-time'],
    queryFn: () => api.get<TicketPage>(`/tickets${query({ open: 'true', sort: 'newest', limit: 500 })}`),
  });

  const clientName = useMemo(
    () => new Map((clients.data?.items ?? []).map((client) => [client.id, client.name])),
    [clients.data],
  );
  const agreementById = useMemo(
    () => new Map((agreements.data?.items ?? []).map((agreement) => [agreement.id, agreement])),
    [agreements.data],
  );
  const agreementLabel = (id: string | null) => {
    const agreement = id ? agreementById.get(id) : undefined;
    if (!agreement) return 'an agreement';
    return `${clientName.get(agreement.clientId) ?? 'client'} · ${agreement.name}`;
  };

  // Entries on tickets that are no longer open: fetch those tickets for their number and subject.
  const openById = new Map((openTickets.data?.items ?? []).map((ticket) => [ticket.id, ticket]));
  const missing = [
    ...new Set(
      (entries.data?.items ?? []).flatMap((entry) =>
        entry.ticketId && !openById.has(entry.ticketId) ? [entry.ticketId] : [],
      ),
    ),
  ];
  const others = useQueries({
    queries: openTickets.data
      ? missing.map((id) => ({
          queryKey: ['tickets', id],
          queryFn: () => api.get<TicketDetail>(`/tickets/${id}`),
          staleTime: 60_000,
        }))
      : [],
  });
  const ticketTitle = (id: string) => {
    const ticket = openById.get(id) ?? others.find((q) => q.data?.id === id)?.data;
    return ticket ? `#${ticket.number} ${ticket.subject}` : 'a ticket';
  };

  const [editing, setEditing] = useState<TimeEntry | null>(null);
  const targetOf = (entry: TimeEntry) =>
    entry.ticketId
      ? `${ticketTitle(entry.ticketId)} (${agreementLabel(entry.agreementId)})`
      : agreementLabel(entry.agreementId);

  const byDay = new Map<string, TimeEntry[]>();
  for (const entry of entries.data?.items ?? [])
    byDay.set(entry.date, [...(byDay.get(entry.date) ?? []), entry]);
  const weekTotal = (entries.data?.items ?? []).reduce((sum, entry) => sum + entry.minutes, 0);
  const weekBillable = (entries.data?.items ?? [])
    .filter((entry) => entry.billable)
    .reduce((sum, entry) => sum + entry.minutes, 0);
  const weekHeadingId = useId();

  return (
    <Stack gap="md">
      <PageTitle>My time</PageTitle>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          {agreements.isError || clients.isError || openTickets.isError ? (
            <ErrorState
              error={agreements.error ?? clients.error ?? openTickets.error}
              onRetry={() => {
                void agreements.refetch();
                void clients.refetch();
                void openTickets.refetch();
              }}
            />
          ) : agreements.isPending || clients.isPending || openTickets.isPending ? (
            <LoadingState label="Loading tickets and agreements…" />
          ) : (
            <QuickEntry
              today={today}
              tickets={openTickets.data.items}
              agreements={agreements.data.items}
              clientName={clientName}
              agreementLabel={agreementLabel}
            />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack gap="sm" component="section" aria-labelledby={weekHeadingId}>
            <Group justify="space-between" gap="xs" align="flex-end">
              <Stack gap={0}>
                <Title order={2} size="h4" id={weekHeadingId}>
                  Week of {weekLabel(monday)}
                </Title>
                <Text size="xs" c="dimmed">
                  Monday to Sunday in {zone}
                </Text>
              </Stack>
              <Group gap={4} wrap="nowrap">
                <Button size="xs" variant="default" onClick={() => goTo(addDays(monday, -7))}>
                  ‹ Previous
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  disabled={monday === thisWeek}
                  onClick={() => goTo(thisWeek)}
                >
                  This week
                </Button>
                <Button size="xs" variant="default" onClick={() => goTo(addDays(monday, 7))}>
                  Next ›
                </Button>
              </Group>
            </Group>
            {entries.isPending ? (
              <LoadingState label="Loading your week…" />
            ) : entries.isError ? (
              <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />
            ) : (
              <>
                <Text size="sm" aria-live="polite">
                  <Text span fw={700}>
                    {formatMinutes(weekTotal)}
                  </Text>{' '}
                  this week · {formatMinutes(weekBillable)} billable
                </Text>
                {weekDates(monday).map((date) => (
                  <DayCard
                    key={date}
                    date={date}
                    isToday={date === today}
                    entries={byDay.get(date) ?? []}
                    ticketTitle={ticketTitle}
                    agreementLabel={agreementLabel}
                    onEdit={setEditing}
                  />
                ))}
              </>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <EditEntryModal
        entry={editing}
        target={editing ? targetOf(editing) : ''}
        onClose={() => setEditing(null)}
      />
    </Stack>
  );
}

function DayCard({
  date,
  isToday,
  entries,
  ticketTitle,
  agreementLabel,
  onEdit,
}: {
  date: string;
  isToday: boolean;
  entries: TimeEntry[];
  ticketTitle: (id: string) => string;
  agreementLabel: (id: string | null) => string;
  onEdit: (entry: TimeEntry) => void;
}) {
  const headingId = useId();
  const total = entries.reduce((sum, entry) => sum + entry.minutes, 0);
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby={headingId} data-date={date}>
      <Group justify="space-between" gap="xs" mb={entries.length ? 'xs' : 0}>
        <Group gap={6}>
          <Title order={3} size="h6" id={headingId}>
            {shortDay(date)}
          </Title>
          {isToday && (
            <Badge size="xs" variant="light">
              today
            </Badge>
          )}
        </Group>
        <Text size="sm" fw={total ? 700 : 400} c={total ? undefined : 'dimmed'}>
          {total ? formatMinutes(total) : 'nothing logged'}
        </Text>
      </Group>
      {entries.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {entries.map((entry) => (
            <EntryRow
              key={entry.id}
              entry={entry}
              ticket={entry.ticketId ? ticketTitle(entry.ticketId) : null}
              agreement={agreementLabel(entry.agreementId)}
              onEdit={() => onEdit(entry)}
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}

function EntryRow({
  entry,
  ticket,
  agreement,
  onEdit,
}: {
  entry: TimeEntry;
  ticket: string | null;
  agreement: string;
  onEdit: () => void;
}) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.delete(`/time-entries/${entry.id}`),
    onSuccess: () => invalidateTimeViews(queryClient),
  });
  const what = `${formatMinutes(entry.minutes)} on ${shortDay(entry.date)}`;
  return (
    <li>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Text size="sm" fw={700}>
              {formatMinutes(entry.minutes)}
            </Text>
            <Badge size="sm" variant="light" color="gray">
              {CATEGORY_LABEL[entry.category] ?? entry.category}
            </Badge>
            <Badge size="sm" variant="outline" color={entry.billable ? 'teal' : 'gray'}>
              {entry.billable ? 'billable' : 'non-billable'}
            </Badge>
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {entry.ticketId ? (
              <Anchor component={Link} to={`/tickets/${entry.ticketId}`} size="sm">
                {ticket}
              </Anchor>
            ) : (
              agreement
            )}
          </Text>
          {entry.ticketId && (
            <Text size="xs" c="dimmed">
              {agreement}
            </Text>
          )}
          {entry.description && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {entry.description}
            </Text>
          )}
          {remove.isError && (
            <Alert color="red" role="alert" p={4}>
              {messageOf(remove.error)}
            </Alert>
          )}
        </Stack>
        {confirming ? (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              Delete
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </Group>
        ) : (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" variant="subtle" onClick={onEdit} aria-label={`Edit ${what}`}>
              Edit
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              onClick={() => setConfirming(true)}
              aria-label={`Delete ${what}`}
            >
              Delete
            </Button>
          </Group>
        )}
      </Group>
    </li>
  );
}

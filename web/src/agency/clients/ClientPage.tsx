import { ActionIcon, Anchor, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, api, query } from '../../api/client';
import type { Agreement, Calendar, Client, ListOf, SlaPolicy } from '../../api/types';
import { useMe } from '../../app/auth';
import { viewerTimeZone } from '../../app/format';
import { PageTitle } from '../../app/Shell';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { AgreementCard } from './AgreementCard';
import { ClientReports } from './ClientReports';
import { ClientTickets } from './ClientTickets';
import { ComplianceSection } from './ComplianceSection';
import { ProjectsSection } from './ProjectsSection';
import { ClientMaintenanceSection } from '../maintenance/ClientMaintenanceSection';
import { addMonths, currentMonthIn, monthLabel, monthsBetween } from './months';

/** One client: agreements with their ledgers, six months of SLA compliance, and tickets. */
export default function ClientPage() {
  const { id = '' } = useParams();
  const client = useQuery({
    queryKey: ['clients', id],
    queryFn: async () => {
      try {
        return await api.get<Client>(`/clients/${id}`);
      } catch (error) {
        // A malformed id names no client either.
        if (error instanceof ApiError && error.status === 400 && error.fieldError('id'))
          throw new ApiError(404, 'not_found', 'Client not found');
        throw error;
      }
    },
  });
  const zone = useMemo(() => viewerTimeZone(), []);
  const compact = useMediaQuery('(max-width: 48em)', false) ?? false;

  if (client.isPending) return <LoadingState label="Loading the client…" />;
  if (client.isError) return <ErrorState error={client.error} onRetry={() => void client.refetch()} />;
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Anchor component={Link} to="/clients" size="sm">
          ← All clients
        </Anchor>
        <PageTitle>{client.data.name}</PageTitle>
        <Text size="sm" c="dimmed" mt={-12}>
          {client.data.slug} · times of this client in {client.data.timeZone}; yours in {zone}
        </Text>
      </Stack>
      <AgreementsSection client={client.data} />
      <ClientMaintenanceSection client={client.data} />
      <ComplianceSection client={client.data} />
      <ProjectsSection client={client.data} viewerZone={zone} />
      <ClientTickets clientId={client.data.id} viewerZone={zone} compact={compact} />
      <ClientReports client={client.data} />
    </Stack>
  );
}

function AgreementsSection({ client }: { client: Client }) {
  const headingId = useId();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const current = currentMonthIn(client.timeZone);
  const asked = params.get('month');
  const month = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : current;

  const agreements = useQuery({
    queryKey: ['agreements', { clientId: client.id }],
    queryFn: () => api.get<ListOf<Agreement>>(`/agreements${query({ clientId: client.id })}`),
  });
  const policies = useQuery({
    queryKey: ['sla-policies'],
    queryFn: () => api.get<ListOf<SlaPolicy>>('/sla-policies'),
  });
  const calendars = useQuery({
    queryKey: ['calendars'],
    queryFn: () => api.get<ListOf<Calendar>>('/calendars'),
  });
  const policyById = new Map((policies.data?.items ?? []).map((policy) => [policy.id, policy]));
  const calendarById = new Map((calendars.data?.items ?? []).map((calendar) => [calendar.id, calendar]));

  const items = agreements.data?.items ?? [];
  const earliest = items.reduce(
    (min, a) => (a.startsOn.slice(0, 7) < min ? a.startsOn.slice(0, 7) : min),
    current,
  );
  const first = earliest < addMonths(current, -23) ? addMonths(current, -23) : earliest;
  const options = monthsBetween(first, month > current ? month : current).reverse();
  const setMonth = (next: string) =>
    setParams(
      (previous) => {
        const copy = new URLSearchParams(previous);
        if (next === current) copy.delete('month');
        else copy.set('month', next);
        return copy;
      },
      { replace: true },
    );

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={2} size="h3" id={headingId}>
          Agreements
        </Title>
        <Group gap={4} align="flex-end" wrap="nowrap">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label="Previous month"
            disabled={month <= first}
            onClick={() => setMonth(addMonths(month, -1))}
          >
            ‹
          </ActionIcon>
          <NativeSelect
            label="Ledger month"
            value={month}
            onChange={(event) => setMonth(event.currentTarget.value)}
            data={options.map((value) => ({ value, label: monthLabel(value) }))}
            w={190}
          />
          <ActionIcon
            variant="default"
            size="lg"
            aria-label="Next month"
            disabled={month >= current}
            onClick={() => setMonth(addMonths(month, 1))}
          >
            ›
          </ActionIcon>
        </Group>
      </Group>
      {agreements.isPending ? (
        <LoadingState label="Loading agreements…" />
      ) : agreements.isError ? (
        <ErrorState error={agreements.error} onRetry={() => void agreements.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No agreements">Agreements are set up under Settings.</EmptyState>
      ) : (
        items.map((agreement) => (
          <AgreementCard
            key={agreement.id}
            agreement={agreement}
            policy={agreement.slaPolicyId ? policyById.get(agreement.slaPolicyId) : undefined}
            calendars={calendarById}
            month={month}
            canEdit={me?.role === 'agency_admin'}
          />
        ))
      )}
    </Stack>
  );
}

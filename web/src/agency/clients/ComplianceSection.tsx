import { Center, Group, Loader, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { lazy, Suspense, useId, useState } from 'react';
import { api, query } from '../../api/client';
import type { Client, Priority, SlaReport } from '../../api/types';
import { ErrorState, LoadingState } from '../../components/states';
import type { ComplianceBar } from './ComplianceChart';
import { addMonths, currentMonthIn, monthLabel } from './months';

const ComplianceChart = lazy(() => import('./ComplianceChart'));

const TIERS: Priority[] = ['critical', 'high', 'medium', 'low'];
type ClockName = 'response' | 'resolution';

/** SLA compliance per tier over the last six months (the client's months), as a chart and a table. */
export function ComplianceSection({ client }: { client: Client }) {
  const headingId = useId();
  const captionId = useId();
  const [clock, setClock] = useState<ClockName>('resolution');
  const current = currentMonthIn(client.timeZone);
  const months = Array.from({ length: 6 }, (_, index) => addMonths(current, index - 5));
  const reports = useQueries({
    queries: months.map((month) => ({
      queryKey: ['reports', 'sla', client.id, month],
      queryFn: () => api.get<SlaReport>(`/reports/sla${query({ clientId: client.id, month })}`),
    })),
  });
  const failed = reports.find((report) => report.isError);
  const loaded = reports.every((report) => report.data);

  const bars: ComplianceBar[] = months.map((month, index) => {
    const report = reports[index]?.data;
    const percent = (tier: Priority) =>
      report?.tiers.find((t) => t.priority === tier)?.[clock].compliancePercent ?? null;
    return {
      label: monthLabel(month, true),
      critical: percent('critical'),
      high: percent('high'),
      medium: percent('medium'),
      low: percent('low'),
    };
  });
  const breachTotal = reports.reduce(
    (sum, report) => sum + (report.data?.breaches.filter((b) => b.clock === clock).length ?? 0),
    0,
  );

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" gap="sm">
        <Title order={2} size="h3" id={headingId}>
          SLA compliance, last six months
        </Title>
        <SegmentedControl
          size="xs"
          aria-label="Which clock"
          value={clock}
          onChange={(value) => setClock(value)}
          data={[
            { value: 'response', label: 'Response' },
            { value: 'resolution', label: 'Resolution' },
          ]}
        />
      </Group>
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => reports.forEach((report) => void report.refetch())} />
      ) : !loaded ? (
        <LoadingState label="Loading six months of SLA reports…" />
      ) : (
        <Stack component="figure" m={0} gap="xs" aria-labelledby={captionId} data-testid="compliance-chart">
          <Suspense
            fallback={
              <Center h={240}>
                <Loader size="sm" aria-label="Loading the chart" />
              </Center>
            }
          >
            <ComplianceChart data={bars} />
          </Suspense>
          <Text component="figcaption" id={captionId} size="sm">
            {clock === 'response' ? 'Response' : 'Resolution'} compliance per tier, {monthLabel(months[0]!)}{' '}
            to {monthLabel(current)} ({client.timeZone}): {breachTotal}{' '}
            {breachTotal === 1 ? 'breach' : 'breaches'} in all. Months with nothing decided have no bar; the
            figures are in the table below.
          </Text>
          <Table.ScrollContainer minWidth={560}>
            <Table
              fz="sm"
              verticalSpacing={4}
              striped
              aria-label={`${clock === 'response' ? 'Response' : 'Resolution'} compliance per tier and month`}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Month</Table.Th>
                  {TIERS.map((tier) => (
                    <Table.Th scope="col" key={tier} tt="capitalize">
                      {tier}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">All tiers</Table.Th>
                  <Table.Th scope="col">Breaches</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {months.map((month, index) => {
                  const report = reports[index]?.data;
                  if (!report) return null;
                  const breaches = report.breaches.filter((b) => b.clock === clock).length;
                  return (
                    <Table.Tr key={month}>
                      <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                        {monthLabel(month, true)}
                      </Table.Th>
                      {TIERS.map((tier) => (
                        <Table.Td key={tier}>
                          <Figure value={report.tiers.find((t) => t.priority === tier)?.[clock]} />
                        </Table.Td>
                      ))}
                      <Table.Td>
                        <Figure value={report.total[clock]} />
                      </Table.Td>
                      <Table.Td c={breaches > 0 ? 'red.8' : undefined} fw={breaches > 0 ? 600 : undefined}>
                        {breaches}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Stack>
  );
}

function Figure({ value }: { value: SlaReport['total']['response'] | undefined }) {
  if (!value || value.compliancePercent === null)
    return (
      <Text
        span
        size="sm"
        c="dimmed"
        title={value && value.open > 0 ? `${value.open} still open` : 'nothing due'}
      >
        —
      </Text>
    );
  return (
    <Text
      span
      size="sm"
      title={`${value.met} met, ${value.breached} breached, ${value.open} open`}
      style={{ whiteSpace: 'nowrap' }}
    >
      {value.compliancePercent} %{' '}
      <Text span size="xs" c="dimmed">
        ({value.met}/{value.met + value.breached})
      </Text>
    </Text>
  );
}

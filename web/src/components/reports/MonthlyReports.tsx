import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { api, query } from '../../api/client';
import type { ListOf, MonthlyReport } from '../../api/types';
import { formatInstant, viewerTimeZone } from '../../app/format';
import { addMonths, currentMonthIn, monthLabel, monthsBetween } from '../../agency/clients/months';
import { EmptyState, ErrorState, LoadingState } from '../states';

export interface ReportClient {
  id: string;
  name: string;
  timeZone: string;
}

export const reportKeys = {
  list: (clientId: string) => ['monthly-reports', clientId] as const,
};

/** Last month in the client's time zone: the report a reader most likely wants. */
export function defaultReportMonth(timeZone: string): string {
  return addMonths(currentMonthIn(timeZone), -1);
}

export function useMonthlyReports(clientId: string) {
  return useQuery({
    queryKey: reportKeys.list(clientId),
    queryFn: () => api.get<ListOf<MonthlyReport>>(`/reports/monthly${query({ clientId })}`),
  });
}

/**
 * A client's monthly report in the page: a month picker, the report itself (the same HTML document the PDF
 * is printed from, in a frame), "Download PDF", and the archive. A month that is archived shows the
 * archived report; any other month a live preview. Agency admins archive a month that is over.
 */
export function MonthlyReports({
  client,
  month,
  onMonthChange,
  canArchive,
}: {
  client: ReportClient;
  month: string;
  onMonthChange: (month: string) => void;
  canArchive: boolean;
}) {
  const headingId = useId();
  const reports = useMonthlyReports(client.id);
  const queryClient = useQueryClient();
  const current = currentMonthIn(client.timeZone);
  const archived = reports.data?.items.find((report) => report.month === month);
  const archive = useMutation({
    mutationFn: () => api.post<MonthlyReport>('/reports/monthly', { clientId: client.id, month }),
    onSuccess: async () => {
      notifications.show({ message: `${monthLabel(month)} is archived.`, color: 'teal' });
      await queryClient.invalidateQueries({ queryKey: reportKeys.list(client.id) });
    },
    onError: (error) => notifications.show({ title: 'Not archived', message: error.message, color: 'red' }),
  });
  const archivedMonths = new Set(reports.data?.items.map((report) => report.month));
  const options = monthsBetween(addMonths(current, -23), current)
    .reverse()
    .map((value) => ({
      value,
      label: `${monthLabel(value)}${archivedMonths.has(value) ? ' · archived' : value === current ? ' · so far' : ''}`,
    }));
  const preview = query({ clientId: client.id, month });
  const htmlUrl = archived?.htmlUrl ?? `/api/v1/reports/monthly/preview/html${preview}`;
  const pdfUrl = archived?.pdfUrl ?? `/api/v1/reports/monthly/preview/pdf${preview}`;
  const zone = viewerTimeZone();

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={2} size="h3" id={headingId}>
          Monthly report
        </Title>
        <Group gap="sm" align="flex-end">
          <NativeSelect
            label="Report month"
            value={month}
            onChange={(event) => onMonthChange(event.currentTarget.value)}
            data={options}
            w={230}
          />
          <Button component="a" href={pdfUrl} download variant="default">
            Download PDF
          </Button>
          {canArchive && !archived && month < current && (
            <Button loading={archive.isPending} onClick={() => archive.mutate()}>
              Generate &amp; archive
            </Button>
          )}
        </Group>
      </Group>
      {reports.isPending ? null : archived ? (
        <Text size="sm" c="dimmed">
          <Badge color="teal" variant="light" mr="xs">
            Archived
          </Badge>
          Generated {formatInstant(archived.generatedAt, zone)}
          {archived.sentAt
            ? `; sent ${formatInstant(archived.sentAt, zone)} to ${(archived.sentTo ?? []).join(', ')}`
            : ''}
          .
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          <Badge color="yellow" variant="light" mr="xs">
            Preview
          </Badge>
          {month === current
            ? 'This month is not over: the figures so far, computed now.'
            : 'Not archived: the figures computed now from the history of the month.'}
        </Text>
      )}
      <Paper withBorder radius="sm" style={{ overflow: 'hidden' }}>
        <iframe
          key={htmlUrl}
          title={`Monthly report of ${client.name}, ${monthLabel(month)}`}
          src={htmlUrl}
          style={{ display: 'block', width: '100%', height: '80vh', border: 0, background: '#eef1f5' }}
        />
      </Paper>
      <ArchiveList reports={reports} onOpen={onMonthChange} zone={zone} />
    </Stack>
  );
}

function ArchiveList({
  reports,
  onOpen,
  zone,
}: {
  reports: ReturnType<typeof useMonthlyReports>;
  onOpen: (month: string) => void;
  zone: string;
}) {
  if (reports.isPending) return <LoadingState label="Loading the archive…" />;
  if (reports.isError) return <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />;
  const items = reports.data.items;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Archive
      </Title>
      {items.length === 0 ? (
        <EmptyState title="No archived reports yet">
          Reports are archived and sent on the first business day of each month.
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table aria-label="Archived monthly reports">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Month</Table.Th>
                <Table.Th>Generated ({zone})</Table.Th>
                <Table.Th>Sent</Table.Th>
                <Table.Th>PDF</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((report) => (
                <Table.Tr key={report.id}>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => onOpen(report.month)}>
                      {monthLabel(report.month)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatInstant(report.generatedAt, zone)}</Table.Td>
                  <Table.Td>{report.sentAt ? formatInstant(report.sentAt, zone) : 'Not sent'}</Table.Td>
                  <Table.Td>
                    <Anchor href={report.pdfUrl} download>
                      {Math.max(1, Math.round(report.pdfSize / 1024))} KB
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

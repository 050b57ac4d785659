import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { MonthlyReportDetail } from '../api/types';
import { useMe } from '../app/auth';
import { PageTitle } from '../app/Shell';
import { ErrorState, LoadingState } from '../components/states';
import { defaultReportMonth, MonthlyReports } from '../components/reports/MonthlyReports';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The client's monthly reports: last month's by default (`?month=` picks another), the archived report
 * when there is one and a live preview otherwise. `/portal/reports/:id` opens an archived report (a link
 * from the report's email); another client's id is "not found".
 */
export default function ReportsPage() {
  const { id } = useParams();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const opened = useQuery({
    queryKey: ['monthly-report', id],
    queryFn: () => api.get<MonthlyReportDetail>(`/reports/monthly/${id}`),
    enabled: id !== undefined,
    retry: false,
  });
  if (!me) return null;
  const client = { id: me.organization.id, name: me.organization.name, timeZone: me.organization.timeZone };
  if (id !== undefined && opened.isPending) return <LoadingState label="Loading the report…" />;
  if (id !== undefined && opened.isError)
    return (
      <Stack>
        <PageTitle>Reports</PageTitle>
        <ErrorState error={opened.error} />
        <Anchor component={Link} to="/portal/reports">
          ← Your reports
        </Anchor>
      </Stack>
    );
  const asked = params.get('month');
  const month =
    opened.data?.month ?? (asked && MONTH.test(asked) ? asked : defaultReportMonth(client.timeZone));
  return (
    <Stack gap="md">
      <PageTitle>Reports</PageTitle>
      <Text size="sm" c="dimmed" mt={-12}>
        What your retainer bought each month: requests, SLA compliance, hours and maintenance. Times in the
        report are in {client.timeZone}.
      </Text>
      <MonthlyReports
        client={client}
        month={month}
        canArchive={false}
        onMonthChange={(next) =>
          void navigate(`/portal/reports?month=${next}`, { replace: id === undefined })
        }
      />
    </Stack>
  );
}

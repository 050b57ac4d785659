import { useSearchParams } from 'react-router';
import type { Client } from '../../api/types';
import { useMe } from '../../app/auth';
import { defaultReportMonth, MonthlyReports } from '../../components/reports/MonthlyReports';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The client's monthly reports on its page (`?report=YYYY-MM` picks the month); admins archive them. */
export function ClientReports({ client }: { client: Client }) {
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const asked = params.get('report');
  const month = asked && MONTH.test(asked) ? asked : defaultReportMonth(client.timeZone);
  return (
    <MonthlyReports
      client={client}
      month={month}
      canArchive={me?.role === 'agency_admin'}
      onMonthChange={(next) =>
        setParams(
          (previous) => {
            const copy = new URLSearchParams(previous);
            copy.set('report', next);
            return copy;
          },
          { replace: true },
        )
      }
    />
  );
}

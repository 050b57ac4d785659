import {
  Anchor,
  Card,
  DataList,
  Group,
  Progress,
  RingProgress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, query } from '../api/client';
import type { Agreement, Me, MonthLedger, SlaReport } from '../api/types';
import { useMe } from '../app/auth';
import { formatMinutes, formatMoney } from '../app/format';
import { PageTitle } from '../app/Shell';
import { useNow } from '../components/sla';
import { EmptyState, ErrorState, LoadingState } from '../components/states';
import { clientToday, inForce, localMonthOf, portalKeys, useAgreements, useTicketList } from './portal-api';
import { RequestRows } from './RequestRows';
import { PendingProposals } from './PendingProposals';

export default function DashboardPage() {
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <>
      <PageTitle>{me.organization.name}</PageTitle>
      <Stack gap="lg">
        <PendingProposals isAdmin={me.role === 'client_admin'} />
        <Hours me={me} />
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Compliance me={me} />
          <Stack gap="lg">
            <Requests me={me} which="open" />
            <Requests me={me} which="recent" />
          </Stack>
        </SimpleGrid>
      </Stack>
    </>
  );
}

function monthName(month: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T12:00:00Z`),
  );
}

function Hours({ me }: { me: Me }) {
  const agreements = useAgreements();
  if (agreements.isPending) return <LoadingState label="Loading your agreements…" />;
  if (agreements.error)
    return <ErrorState error={agreements.error} onRetry={() => void agreements.refetch()} />;
  const current = inForce(agreements.data, clientToday(me));
  if (current.length === 0)
    return (
      <Card withBorder>
        <EmptyState title="No agreement in force">
          Your organisation has no agreement in force today, so there are no hours to show.
        </EmptyState>
      </Card>
    );
  return (
    <SimpleGrid cols={{ base: 1, md: Math.min(current.length, 2) }} spacing="lg">
      {current.map((agreement) => (
        <AgreementMonth key={agreement.id} agreement={agreement} />
      ))}
    </SimpleGrid>
  );
}

/** One agreement's month, in the agreement's own time zone, with the figures the agency sees. */
function AgreementMonth({ agreement }: { agreement: Agreement }) {
  const month = localMonthOf(Date.now(), agreement.timeZone);
  const ledger = useQuery({
    queryKey: portalKeys.ledger(agreement.id, month),
    queryFn: () => api.get<MonthLedger>(`/agreements/${agreement.id}/ledger${query({ month })}`),
  });
  return (
    <Card
      withBorder
      padding="md"
      data-testid={`agreement-${agreement.id}`}
      component="section"
      aria-label={agreement.name}
    >
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {agreement.name}
          </Title>
          <Text size="sm" c="dimmed">
            {KIND_LABEL[agreement.kind]} · {monthName(month)} ({agreement.timeZone})
          </Text>
        </div>
        {ledger.isPending ? (
          <LoadingState label="Loading the hours…" />
        ) : ledger.error ? (
          <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />
        ) : (
          <LedgerFigures ledger={ledger.data} agreement={agreement} />
        )}
      </Stack>
    </Card>
  );
}

const KIND_LABEL: Record<Agreement['kind'], string> = {
  retainer: 'Retainer',
  payg: 'Pay as you go',
  sprint: 'Sprint',
  onboarding: 'Onboarding',
  standby: 'Standby cover',
};

function Figure({
  label,
  value,
  testId,
  hint,
}: {
  label: string;
  value: string;
  testId: string;
  hint?: string;
}) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>
        <Text span fw={600} data-testid={testId}>
          {value}
        </Text>
        {hint && (
          <Text span size="xs" c="dimmed">
            {' '}
            {hint}
          </Text>
        )}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

function LedgerFigures({ ledger, agreement }: { ledger: MonthLedger; agreement: Agreement }) {
  // The server's union is not discriminated by `kind` in its type, so tell the shapes apart by their fields.
  if ('ledger' in ledger) {
    const row = ledger.ledger;
    if (!row)
      return (
        <Text size="sm" c="dimmed">
          The retainer has no allocation in this month.
        </Text>
      );
    const available = row.allocationMinutes + row.rolledInMinutes;
    const usedPercent = available > 0 ? Math.min(100, (row.usedMinutes / available) * 100) : 0;
    return (
      <Stack gap="sm">
        <div>
          <Group justify="space-between" gap="xs" mb={4}>
            <Text size="sm">
              <b>{formatMinutes(row.usedMinutes)}</b> used of {formatMinutes(available)}
            </Text>
            <Text size="sm" c={row.overageMinutes > 0 ? 'red' : 'dimmed'}>
              {row.overageMinutes > 0 ? 'over the hours' : `${formatMinutes(row.remainingMinutes)} left`}
            </Text>
          </Group>
          <Progress
            value={row.overageMinutes > 0 ? 100 : usedPercent}
            color={row.overageMinutes > 0 ? 'red' : usedPercent >= 90 ? 'orange' : 'teal'}
            size="lg"
            aria-label={`${Math.round(usedPercent)} % of this month's hours used`}
          />
        </div>
        <DataList size="sm" gap={6} labelWidth="10rem">
          <Figure label="Used this month" value={formatMinutes(row.usedMinutes)} testId="ledger-used" />
          <Figure label="Remaining" value={formatMinutes(row.remainingMinutes)} testId="ledger-remaining" />
          <Figure
            label="This month’s hours"
            value={formatMinutes(row.allocationMinutes)}
            testId="ledger-allocation"
          />
          <Figure
            label="Rolled over"
            value={formatMinutes(row.rolledInMinutes)}
            testId="ledger-rolled"
            hint="unused from earlier months"
          />
          <Figure
            label={ledger.isCurrentMonth ? 'Expiring at month end' : 'Expired at month end'}
            value={formatMinutes(ledger.isCurrentMonth ? row.expiringMinutes : row.expiredMinutes)}
            testId="ledger-expiring"
            hint={ledger.isCurrentMonth ? 'use it or lose it' : undefined}
          />
          <Figure
            label="Overage"
            value={
              row.overageMinutes > 0
                ? `${formatMinutes(row.overageMinutes)} · ${formatMoney(row.overageCents)}`
                : formatMinutes(0)
            }
            testId="ledger-overage"
            hint={row.overageMinutes > 0 ? 'billed at the overage rate' : undefined}
          />
          {row.changeWorkMinutes > 0 && (
            <Figure
              label="Change work"
              value={formatMinutes(row.changeWorkMinutes)}
              testId="ledger-change-work"
              hint="quoted separately, not from your hours"
            />
          )}
        </DataList>
      </Stack>
    );
  }
  if ('billedCents' in ledger)
    return (
      <DataList size="sm" gap={6} labelWidth="10rem">
        <Figure
          label="Billable hours"
          value={formatMinutes(ledger.billableMinutes)}
          testId="ledger-billable"
          hint="logged this month"
        />
        <Figure
          label="Billed this month"
          value={formatMoney(ledger.billedCents)}
          testId="ledger-billed"
          hint={`${ledger.billedTickets.length} resolved ${ledger.billedTickets.length === 1 ? 'request' : 'requests'}`}
        />
        <Figure label="Hourly rate" value={formatMoney(ledger.hourlyRateCents)} testId="ledger-rate" />
      </DataList>
    );
  return (
    <Stack gap="xs">
      <DataList size="sm" gap={6} labelWidth="10rem">
        <Figure label="Hours logged" value={formatMinutes(ledger.usedMinutes)} testId="ledger-used" />
      </DataList>
      <Deliverables agreement={agreement} />
    </Stack>
  );
}

function Deliverables({ agreement }: { agreement: Agreement }) {
  const list = agreement.terms.deliverables;
  if (!Array.isArray(list) || list.length === 0) return null;
  const items = list as { title: string; done: boolean }[];
  const done = items.filter((item) => item.done).length;
  return (
    <div>
      <Text size="sm" mb={4}>
        Deliverables: {done} of {items.length} done
      </Text>
      <Progress
        value={(done / items.length) * 100}
        size="sm"
        aria-label={`${done} of ${items.length} deliverables done`}
      />
    </div>
  );
}

function Compliance({ me }: { me: Me }) {
  const month = localMonthOf(Date.now(), me.organization.timeZone);
  const report = useQuery({
    queryKey: portalKeys.slaReport(me.organization.id, month),
    queryFn: () => api.get<SlaReport>(`/reports/sla${query({ clientId: me.organization.id, month })}`),
  });
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-label="SLA compliance this month"
      style={{ alignSelf: 'start' }}
    >
      <Title order={2} size="h4">
        SLA compliance
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {monthName(month)} ({me.organization.timeZone}) — deadlines that fell in the month
      </Text>
      {report.isPending ? (
        <LoadingState />
      ) : report.error ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data.total.response.due + report.data.total.resolution.due === 0 ? (
        <EmptyState title="No SLA deadlines this month">
          Deadlines appear here as requests under an agreement with response targets fall due.
        </EmptyState>
      ) : (
        <ComplianceFigures report={report.data} />
      )}
    </Card>
  );
}

// A plain table: Mantine's Table would add its scroll-area code to the first screen for eight cells.
const TABLE = { width: '100%', borderCollapse: 'collapse', fontSize: 'var(--mantine-font-size-sm)' } as const;
const CELL = {
  textAlign: 'left',
  padding: '4px 8px',
  borderBottom: '1px solid var(--mantine-color-gray-3)',
} as const;

function percentText(value: number | null): string {
  return value === null ? '—' : `${value} %`;
}

function ComplianceFigures({ report }: { report: SlaReport }) {
  const rings = [
    { label: 'Response', clocks: report.total.response, testId: 'sla-response' },
    { label: 'Resolution', clocks: report.total.resolution, testId: 'sla-resolution' },
  ];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={2} spacing="sm">
        {rings.map(({ label, clocks, testId }) => {
          const decided = clocks.met + clocks.breached;
          return (
            <Stack key={label} gap={0} align="center">
              <RingProgress
                size={110}
                thickness={10}
                roundCaps
                sections={
                  decided > 0
                    ? [
                        { value: (clocks.met / decided) * 100, color: 'teal' },
                        { value: (clocks.breached / decided) * 100, color: 'red' },
                      ]
                    : []
                }
                label={
                  <Text ta="center" fw={700} data-testid={testId}>
                    {percentText(clocks.compliancePercent)}
                  </Text>
                }
              />
              <Text size="sm" fw={600}>
                {label}
              </Text>
              <Text size="xs" c="dimmed" ta="center">
                {clocks.met} met · {clocks.breached} breached · {clocks.open} open
              </Text>
            </Stack>
          );
        })}
      </SimpleGrid>
      <div style={{ overflowX: 'auto' }}>
        <table style={TABLE}>
          <thead>
            <tr>
              <th style={CELL}>Priority</th>
              <th style={CELL}>Response met</th>
              <th style={CELL}>Resolution met</th>
            </tr>
          </thead>
          <tbody>
            {report.tiers.map((tier) => (
              <tr key={tier.priority}>
                <td style={{ ...CELL, textTransform: 'capitalize' }}>{tier.priority}</td>
                <td style={CELL}>
                  {tier.response.met} of {tier.response.met + tier.response.breached}
                  {tier.response.open > 0 ? ` (+${tier.response.open} open)` : ''}
                </td>
                <td style={CELL}>
                  {tier.resolution.met} of {tier.resolution.met + tier.resolution.breached}
                  {tier.resolution.open > 0 ? ` (+${tier.resolution.open} open)` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.breaches.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            Breaches
          </Text>
          {report.breaches.map((breach) => (
            <Text key={`${breach.ticketId}-${breach.clock}`} size="sm">
              <Anchor component={Link} to={`/portal/requests/${breach.ticketId}`}>
                #{breach.number} {breach.subject}
              </Anchor>{' '}
              <Text span c="dimmed" size="xs">
                ({breach.clock})
              </Text>
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Requests({ me, which }: { me: Me; which: 'open' | 'recent' }) {
  const now = useNow();
  const list = useTicketList(
    which === 'open' ? { open: true, sort: 'queue', limit: 5 } : { sort: 'newest', limit: 5 },
  );
  const title = which === 'open' ? 'Open requests' : 'Recently raised';
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Anchor
          component={Link}
          to={which === 'open' ? '/portal/requests?show=open' : '/portal/requests'}
          size="sm"
        >
          All requests
        </Anchor>
      </Group>
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={which === 'open' ? 'Nothing open' : 'No requests yet'}>
          <Anchor component={Link} to="/portal/requests/new">
            Raise a request
          </Anchor>
        </EmptyState>
      ) : (
        <RequestRows tickets={list.data.items} clientZone={me.organization.timeZone} now={now} />
      )}
    </Card>
  );
}

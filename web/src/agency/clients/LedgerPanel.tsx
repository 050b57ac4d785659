import { Anchor, Box, Center, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, query } from '../../api/client';
import type { Agreement, MonthLedger } from '../../api/types';
import { formatMinutes, formatMoney } from '../../app/format';
import { ErrorState, LoadingState } from '../../components/states';
import { burnDown, type RetainerLedger } from './burndown';
import { ledgerKey } from './keys';
import { dayLabel, localDateIn, monthLabel } from './months';

const BurnDownChart = lazy(() => import('./BurnDownChart'));

const CATEGORIES = ['bugfix', 'enhancement', 'advisory', 'maintenance'] as const;

/** The agreement's hour ledger of one month, with a burn-down for retainers. */
export function LedgerPanel({ agreement, month }: { agreement: Agreement; month: string }) {
  const ledger = useQuery({
    queryKey: ledgerKey(agreement.id, month),
    queryFn: () => api.get<MonthLedger>(`/agreements/${agreement.id}/ledger${query({ month })}`),
  });
  const title = `Hours, ${monthLabel(month)}${ledger.data && 'isCurrentMonth' in ledger.data && ledger.data.isCurrentMonth ? ' (this month so far)' : ''}`;
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        {title}
      </Title>
      {ledger.isPending ? (
        <LoadingState label="Loading the ledger…" />
      ) : ledger.isError ? (
        <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : ledger.data.kind === 'retainer' && 'ledger' in ledger.data ? (
        <RetainerMonth ledger={ledger.data} agreementName={agreement.name} />
      ) : (
        <OtherMonth ledger={ledger.data} />
      )}
    </Stack>
  );
}

function FigureRow({ label, children, strong }: { label: string; children: ReactNode; strong?: boolean }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={strong ? 700 : 500} w="45%">
        {label}
      </Table.Th>
      <Table.Td fw={strong ? 700 : undefined}>{children}</Table.Td>
    </Table.Tr>
  );
}

function byCategoryText(used: Record<(typeof CATEGORIES)[number], number>): string {
  const parts = CATEGORIES.filter((category) => used[category] > 0).map(
    (category) => `${category} ${formatMinutes(used[category])}`,
  );
  return parts.length ? parts.join(' · ') : 'nothing yet';
}

function RetainerMonth({ ledger, agreementName }: { ledger: RetainerLedger; agreementName: string }) {
  const row = ledger.ledger;
  if (!row)
    return (
      <Text size="sm" c="dimmed">
        The retainer does not run in {monthLabel(ledger.month)}.
      </Text>
    );
  const available = row.allocationMinutes + row.rolledInMinutes;
  return (
    <Stack gap="sm">
      <Table
        withRowBorders
        verticalSpacing={4}
        maw={560}
        aria-label={`Hour ledger, ${monthLabel(ledger.month)}, ${agreementName}`}
      >
        <Table.Tbody>
          <FigureRow label="Allocation">{formatMinutes(row.allocationMinutes)}</FigureRow>
          <FigureRow label="Rolled in">{formatMinutes(row.rolledInMinutes)}</FigureRow>
          <FigureRow label="Available">{formatMinutes(available)}</FigureRow>
          <FigureRow label="Used">
            {formatMinutes(row.usedMinutes)}
            <Text size="xs" c="dimmed">
              {byCategoryText(row.usedByCategory)}
            </Text>
          </FigureRow>
          <FigureRow label="Remaining" strong>
            {formatMinutes(row.remainingMinutes)}
          </FigureRow>
          <FigureRow label={ledger.isCurrentMonth ? 'Expiring at month end' : 'Expired at month end'}>
            {formatMinutes(ledger.isCurrentMonth ? row.expiringMinutes : row.expiredMinutes)}
          </FigureRow>
          <FigureRow label="Overage">
            {row.overageMinutes > 0 ? (
              <Text span c="red.8" size="sm" fw={600}>
                {formatMinutes(row.overageMinutes)} · {formatMoney(row.overageCents)}
              </Text>
            ) : (
              'none'
            )}
          </FigureRow>
          {(row.nonBillableMinutes > 0 || row.changeWorkMinutes > 0) && (
            <FigureRow label="Not drawn">
              {[
                row.nonBillableMinutes > 0 ? `non-billable ${formatMinutes(row.nonBillableMinutes)}` : null,
                row.changeWorkMinutes > 0 ? `change work ${formatMinutes(row.changeWorkMinutes)}` : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </FigureRow>
          )}
        </Table.Tbody>
      </Table>
      <BurnDown ledger={ledger} agreementName={agreementName} />
    </Stack>
  );
}

function BurnDown({ ledger, agreementName }: { ledger: RetainerLedger; agreementName: string }) {
  const captionId = useId();
  const points = burnDown(ledger, localDateIn(ledger.timeZone));
  const start = points[0]?.remainingMinutes ?? 0;
  const reached = points.filter((point) => point.remainingMinutes !== null);
  const last = reached.at(-1);
  const drawDays = points.filter((point) => point.drawnMinutes > 0);
  const lastDate = last?.date ?? null;
  const evenPace = last ? Math.round(last.evenPace * 60) : start;
  const summary = lastDate
    ? `${formatMinutes(last?.remainingMinutes ?? 0)} remaining ${
        lastDate === points.at(-1)?.date ? 'at month end' : `on ${dayLabel(lastDate)}`
      } (an even pace would leave ${formatMinutes(evenPace)})`
    : 'the month has not started';
  return (
    <Box component="figure" m={0} aria-labelledby={captionId} data-testid="burn-down">
      <Suspense
        fallback={
          <Center h={220}>
            <Loader size="sm" aria-label="Loading the chart" />
          </Center>
        }
      >
        <BurnDownChart points={points} />
      </Suspense>
      <Text component="figcaption" id={captionId} size="sm" mt="xs">
        Burn-down of {agreementName}, {monthLabel(ledger.month)}: {formatMinutes(start)} at the start,{' '}
        {summary}; hours drawn on {drawDays.length} {drawDays.length === 1 ? 'day' : 'days'}.
      </Text>
      {drawDays.length > 0 && (
        <details>
          <summary>
            <Text span size="sm" c="teal.8" style={{ cursor: 'pointer' }}>
              The figures behind the chart
            </Text>
          </summary>
          <Table.ScrollContainer minWidth={280}>
            <Table verticalSpacing={2} fz="sm" aria-label={`Daily draws, ${monthLabel(ledger.month)}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Drawn</Table.Th>
                  <Table.Th scope="col">Remaining after</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {drawDays.map((point) => (
                  <Table.Tr key={point.date}>
                    <Table.Td>{point.label}</Table.Td>
                    <Table.Td>{formatMinutes(point.drawnMinutes)}</Table.Td>
                    <Table.Td>{formatMinutes(point.remainingMinutes ?? 0)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </details>
      )}
    </Box>
  );
}

type OtherLedger = Exclude<MonthLedger, RetainerLedger>;

function OtherMonth({ ledger }: { ledger: OtherLedger | RetainerLedger }) {
  if (!('usedMinutes' in ledger)) return null;
  return (
    <Table
      withRowBorders
      verticalSpacing={4}
      maw={560}
      aria-label={`Hour ledger, ${monthLabel(ledger.month)}`}
    >
      <Table.Tbody>
        <FigureRow label="Logged">
          {formatMinutes(ledger.usedMinutes)}
          <Text size="xs" c="dimmed">
            {byCategoryText(ledger.usedByCategory)}
          </Text>
        </FigureRow>
        <FigureRow label="Billable" strong>
          {formatMinutes(ledger.billableMinutes)}
        </FigureRow>
        {'billedTickets' in ledger && (
          <FigureRow label="Billed on resolution">
            {ledger.billedTickets.length === 0 ? (
              'no ticket resolved this month'
            ) : (
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  {formatMoney(ledger.billedCents)} at {formatMoney(ledger.hourlyRateCents)}/h
                </Text>
                {ledger.billedTickets.map((ticket) => (
                  <Text size="xs" key={ticket.ticketId}>
                    <Anchor component={Link} to={`/tickets/${ticket.ticketId}`} size="xs">
                      #{ticket.number} {ticket.subject}
                    </Anchor>{' '}
                    · {formatMinutes(ticket.billableMinutes)} · {formatMoney(ticket.amountCents)}
                  </Text>
                ))}
              </Stack>
            )}
          </FigureRow>
        )}
      </Table.Tbody>
    </Table>
  );
}

import { Alert, Badge, Card, Checkbox, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../../api/client';
import type { Agreement, Calendar, SlaPolicy } from '../../api/types';
import { formatDate, formatMoney, humanize } from '../../app/format';
import { messageOf } from '../../components/states';
import { LedgerPanel } from './LedgerPanel';

export const AGREEMENT_KIND_LABEL: Record<Agreement['kind'], string> = {
  retainer: 'Retainer',
  payg: 'Pay as you go',
  sprint: 'Sprint',
  onboarding: 'Onboarding',
  standby: 'Standby',
};

interface Deliverable {
  title: string;
  done: boolean;
}

/** One agreement: its terms, SLA policy, coverage lists, kind-specific details and this month's ledger. */
export function AgreementCard({
  agreement,
  policy,
  calendars,
  month,
  canEdit,
}: {
  agreement: Agreement;
  policy: SlaPolicy | undefined;
  calendars: Map<string, Calendar>;
  month: string;
  canEdit: boolean;
}) {
  const headingId = `agreement-${agreement.id}`;
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby={headingId}
      data-agreement={agreement.kind}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Title order={3} size="h4" id={headingId}>
              {agreement.name}
            </Title>
            <Text size="sm" c="dimmed">
              {formatDate(agreement.startsOn)} –{' '}
              {agreement.endsOn ? formatDate(agreement.endsOn) : 'open-ended'} · {agreement.timeZone}
            </Text>
          </Stack>
          <Group gap={6}>
            <Badge variant="light">{AGREEMENT_KIND_LABEL[agreement.kind]}</Badge>
            <Badge variant="outline" color={agreement.status === 'active' ? 'green' : 'gray'}>
              {agreement.status}
            </Badge>
          </Group>
        </Group>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Fact label="Terms">{termsText(agreement)}</Fact>
          <Fact label="SLA policy">
            {agreement.slaPolicyId ? (policy?.name ?? 'A policy you cannot see') : 'No SLA policy'}
          </Fact>
        </SimpleGrid>

        <CoverageLists coverage={agreement.coverage} />

        {(agreement.kind === 'onboarding' || agreement.kind === 'sprint') && (
          <Deliverables agreement={agreement} canEdit={canEdit} />
        )}
        {agreement.kind === 'standby' && <StandbyAvailability agreement={agreement} calendars={calendars} />}

        <LedgerPanel agreement={agreement} month={month} />
      </Stack>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

function termsText(agreement: Agreement): string {
  const terms = agreement.terms;
  const cents = (key: string) => (typeof terms[key] === 'number' ? terms[key] : 0);
  switch (agreement.kind) {
    case 'retainer': {
      const rollover = typeof terms.rolloverMonths === 'number' ? terms.rolloverMonths : 1;
      return [
        `${String(terms.monthlyHours)} h a month`,
        rollover === 0
          ? 'unused hours expire at month end'
          : `unused hours roll over ${rollover} ${rollover === 1 ? 'month' : 'months'}`,
        `overage ${formatMoney(cents('overageRateCents'))}/h`,
        ...(typeof terms.projectRateCents === 'number'
          ? [`change work ${formatMoney(terms.projectRateCents)}/h`]
          : []),
      ].join(' · ');
    }
    case 'payg':
      return `${formatMoney(cents('hourlyRateCents'))}/h, billed when a ticket is resolved`;
    case 'sprint':
    case 'onboarding':
      return `Fixed fee ${formatMoney(cents('feeCents'))}`;
    case 'standby': {
      const priorities = Array.isArray(terms.priorities) ? (terms.priorities as string[]).join(', ') : '';
      return `${formatMoney(cents('monthlyFeeCents'))} a month · answers ${priorities} out of hours`;
    }
  }
}

function CoverageLists({ coverage }: { coverage: Agreement['coverage'] }) {
  const lists: [string, readonly string[], string][] = [
    ['Covered', coverage.covered, 'teal'],
    ['Estimate first', coverage.estimateRequired, 'yellow'],
    ['Change work', coverage.changeWork, 'indigo'],
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      {lists.map(([label, types, color]) => (
        <Stack gap={4} key={label}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" id={`coverage-${label}`}>
            {label}
          </Text>
          {types.length === 0 ? (
            <Text size="sm" c="dimmed">
              —
            </Text>
          ) : (
            <Group gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
              {types.map((type) => (
                <Badge key={type} component="li" color={color} variant="light" tt="none">
                  {humanize(type)}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
      ))}
    </SimpleGrid>
  );
}

function Deliverables({ agreement, canEdit }: { agreement: Agreement; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const deliverables = (agreement.terms.deliverables as Deliverable[] | undefined) ?? [];
  const toggle = useMutation({
    mutationFn: (index: number) =>
      api.patch<Agreement>(`/agreements/${agreement.id}`, {
        terms: {
          ...agreement.terms,
          deliverables: deliverables.map((item, i) => (i === index ? { ...item, done: !item.done } : item)),
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['agreements'] }),
  });
  const done = deliverables.filter((item) => item.done).length;
  if (deliverables.length === 0)
    return (
      <Fact label="Deliverables">
        <Text span c="dimmed" size="sm">
          None listed
        </Text>
      </Fact>
    );
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          Deliverables
        </Text>
        <Text size="sm">
          {done} of {deliverables.length} done
        </Text>
      </Group>
      <Progress value={(done / deliverables.length) * 100} size="sm" aria-label="Deliverables done" />
      <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {deliverables.map((item, index) => (
          <li key={`${index}-${item.title}`}>
            <Checkbox
              label={item.title}
              checked={item.done}
              disabled={!canEdit || toggle.isPending}
              onChange={() => toggle.mutate(index)}
            />
          </li>
        ))}
      </Stack>
      {!canEdit && (
        <Text size="xs" c="dimmed">
          Agency admins tick deliverables off.
        </Text>
      )}
      {toggle.isError && (
        <Alert color="red" role="alert" p="xs">
          {messageOf(toggle.error)}
        </Alert>
      )}
    </Stack>
  );
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function StandbyAvailability({
  agreement,
  calendars,
}: {
  agreement: Agreement;
  calendars: Map<string, Calendar>;
}) {
  const calendar = calendars.get(String(agreement.terms.availabilityCalendarId));
  if (!calendar) return <Fact label="Standby availability">Calendar not available</Fact>;
  const spans = (day: (typeof DAYS)[number]) =>
    (calendar.weekly[day] ?? []).map(([from, to]) => `${from}–${to}`).join(', ') || 'closed';
  // Consecutive days with the same hours read as one range: "Mon–Sun 00:00–24:00".
  const groups: { from: string; to: string; hours: string }[] = [];
  for (const day of DAYS) {
    const hours = spans(day);
    const last = groups.at(-1);
    if (last && last.hours === hours) last.to = day;
    else groups.push({ from: day, to: day, hours });
  }
  const name = (day: string) => day.charAt(0).toUpperCase() + day.slice(1);
  return (
    <Fact label="Standby availability">
      {calendar.name} ({calendar.timeZone}):{' '}
      {groups.map((g) => `${name(g.from)}${g.from === g.to ? '' : `–${name(g.to)}`} ${g.hours}`).join('; ')}
    </Fact>
  );
}

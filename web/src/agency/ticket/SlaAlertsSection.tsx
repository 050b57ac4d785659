import { Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Jsonify, ListOf } from '../../api/types';
import type { SlaAlertsService } from '../../../../src/services/sla-alerts-service';
import { formatInstant } from '../../app/format';
import { Section } from './bits';

type SlaAlert = Jsonify<Awaited<ReturnType<SlaAlertsService['listForTicket']>>>[number];

const KIND_LABEL: Record<SlaAlert['kind'], string> = {
  sla_warning: 'Warning',
  sla_breach: 'Breach',
  sla_escalation: 'Escalation',
};
const KIND_COLOR: Record<SlaAlert['kind'], string> = {
  sla_warning: 'yellow',
  sla_breach: 'red',
  sla_escalation: 'red',
};
const NOTIFY_LABEL: Record<SlaAlert['notify'], string> = {
  assignee: 'assignee',
  agency_channel: 'agency channel',
  admins: 'admins',
};

/** The SLA warnings, breach notifications and escalations already sent for this ticket. */
export function SlaAlertsSection({ ticketId, zone }: { ticketId: string; zone: string }) {
  const alerts = useQuery({
    queryKey: ['tickets', ticketId, 'sla-alerts'],
    queryFn: () => api.get<ListOf<SlaAlert>>(`/tickets/${ticketId}/sla-alerts`),
    refetchInterval: 60_000,
  });
  const items = alerts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Section title="SLA alerts sent" id="sla-alerts">
      <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {items.map((alert) => (
          <li key={`${alert.kind}-${alert.clock}-${alert.threshold}-${alert.anchorAt}`}>
            <Group gap="xs" wrap="nowrap" align="baseline">
              <Badge size="sm" variant="light" color={KIND_COLOR[alert.kind]}>
                {KIND_LABEL[alert.kind]}
              </Badge>
              <Text size="sm">
                {alert.clock} → {NOTIFY_LABEL[alert.notify]}
                {alert.paged ? '' : ' (in-app only)'}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {formatInstant(alert.handledAt, zone)}
            </Text>
          </li>
        ))}
      </Stack>
    </Section>
  );
}

import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { TicketDetail } from '../../api/types';
import {
  formatWindowDay,
  formatWindowHours,
  ItemSize,
  RolledBadge,
  UNPLANNED_TEXT,
  WindowStatusBadge,
} from '../../components/maintenance';
import { ErrorState } from '../../components/states';
import { Section } from '../ticket/bits';
import { EstimateButton, NextWindowButton } from './ItemActions';
import { useBacklog } from './maintenanceApi';
import { isOpenStatus } from '../../../../src/domain/tickets/ticket-status';

/**
 * The ticket's place in the maintenance plan: the window it is planned into (and how often it rolled), its
 * planning estimate, and triage's "next window" switch.
 */
export function TicketMaintenance({
  ticket,
  agreementZone,
}: {
  ticket: TicketDetail;
  agreementZone: string | null;
}) {
  const open = isOpenStatus(ticket.status);
  // The backlog holds open tickets only: a resolved or closed one has no place to look up.
  const backlog = useBacklog({ agreementId: ticket.agreementId }, !!ticket.agreementId && open);
  if (!ticket.agreementId) return null;
  const item = backlog.data?.items.find((candidate) => candidate.ticketId === ticket.id);
  if (!open && !item) return null;
  const zone = agreementZone ?? 'UTC';
  const canSend = open && !ticket.nextWindow && ticket.kind !== 'maintenance' && !ticket.choreId;
  return (
    <Section title="Maintenance window" id="maintenance">
      <Stack gap="sm">
        {backlog.isError ? (
          <ErrorState error={backlog.error} onRetry={() => void backlog.refetch()} />
        ) : backlog.isPending ? (
          <Text size="sm" c="dimmed">
            Loading the plan…
          </Text>
        ) : item ? (
          <Stack gap={6} data-testid="ticket-planned-window">
            {item.window ? (
              <>
                <Group gap={6}>
                  <Text size="sm">Planned into</Text>
                  <Anchor component={Link} to={`/maintenance/windows/${item.window.id}`} size="sm" fw={600}>
                    {formatWindowDay(item.window.startsAt, zone)}
                  </Anchor>
                  {item.window.status !== 'scheduled' && (
                    <WindowStatusBadge status={item.window.status} size="xs" />
                  )}
                  <RolledBadge count={item.rollCount} />
                </Group>
                <Text size="xs" c="dimmed">
                  {item.window.title}, {formatWindowHours(item.window.startsAt, item.window.endsAt, zone)} (
                  {zone})
                </Text>
              </>
            ) : (
              <Group gap={6}>
                <Text size="sm" c="orange.8">
                  {item.unplannedReason ? UNPLANNED_TEXT[item.unplannedReason] : 'Not planned yet'}
                </Text>
                <RolledBadge count={item.rollCount} />
              </Group>
            )}
            <Group gap={6}>
              <Text size="sm">Counts as</Text>
              <ItemSize minutes={item.sizeMinutes} source={item.sizeSource} />
              {open && (
                <EstimateButton
                  ticketId={ticket.id}
                  number={ticket.number}
                  minutes={ticket.estimateMinutes}
                />
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {ticket.choreId
                ? 'A recurring chore of the agreement.'
                : ticket.nextWindow
                  ? 'Triage sent it to the next window.'
                  : 'Maintenance work: it is planned into windows while it is open.'}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Not in the maintenance backlog. Low-priority and cosmetic work can wait for the next window.
          </Text>
        )}
        {(ticket.nextWindow || canSend) && (
          <NextWindowButton ticketId={ticket.id} number={ticket.number} nextWindow={ticket.nextWindow} />
        )}
      </Stack>
    </Section>
  );
}

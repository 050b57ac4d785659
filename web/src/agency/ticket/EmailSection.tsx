import { Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { MailboxesService } from '../../../../src/integrations/email/mailboxes-service';
import { api } from '../../api/client';
import type { Jsonify, ListOf } from '../../api/types';
import { formatInstant } from '../../app/format';
import { Section } from './bits';

type TicketEmail = Jsonify<Awaited<ReturnType<MailboxesService['ticketEmails']>>[number]>;

const KIND_LABEL: Record<TicketEmail['kind'], string | null> = {
  normal: null,
  auto_reply: 'auto-reply, not answered',
  bounce: 'bounce, not answered',
  list: 'mailing list',
};

const STATUS_COLOR: Record<TicketEmail['status'], string> = {
  recorded: 'gray',
  pending: 'yellow',
  sent: 'teal',
  suppressed: 'orange',
};

/** The ticket's mail in and out (staff): what came in, what Tend sent the requester, and its delivery state. */
export function EmailSection({ ticketId, zone }: { ticketId: string; zone: string }) {
  const emails = useQuery({
    queryKey: ['tickets', ticketId, 'emails'],
    queryFn: () => api.get<ListOf<TicketEmail>>(`/tickets/${ticketId}/emails`),
  });
  const items = emails.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Section title="Email" id="ticket-email">
      <Stack gap="xs">
        {items.map((email) => (
          <Stack key={email.id} gap={0}>
            <Group gap="xs" wrap="nowrap">
              <Badge variant="light" color={email.direction === 'in' ? 'blue' : 'grape'}>
                {email.direction === 'in' ? 'In' : 'Out'}
              </Badge>
              <Text size="sm" truncate>
                {email.direction === 'in' ? email.from : email.to}
              </Text>
              <Badge size="sm" variant="outline" color={STATUS_COLOR[email.status]}>
                {email.status}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {formatInstant(email.sentAt ?? email.createdAt, zone)}
              {email.purpose ? ` · ${email.purpose}` : ''}
              {KIND_LABEL[email.kind] ? ` · ${KIND_LABEL[email.kind]}` : ''}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}

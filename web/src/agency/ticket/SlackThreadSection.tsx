import { Anchor, Code, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { SlackSettingsService } from '../../../../src/services/slack/slack-settings-service';
import { api } from '../../api/client';
import type { Jsonify, TicketDetail } from '../../api/types';
import { Section } from './bits';

type SlackThread = Jsonify<Awaited<ReturnType<SlackSettingsService['ticketThread']>>>;

/** A ticket raised in Slack: the channel and thread it lives in (replies there become comments). */
export function SlackThreadSection({ ticket }: { ticket: TicketDetail }) {
  const enabled = ticket.channel === 'slack';
  const thread = useQuery({
    queryKey: ['tickets', ticket.id, 'slack'],
    queryFn: () => api.get<SlackThread>(`/tickets/${ticket.id}/slack`),
    enabled,
  });
  const found = thread.data?.thread;
  if (!enabled || !found) return null;
  return (
    <Section title="Slack" id="slack-thread">
      <Text size="sm">
        Raised in Slack channel <Code>{found.channelId}</Code>; replies in its thread are added here, and
        notices about this ticket are posted to that thread.{' '}
        <Anchor
          href={`https://slack.com/app_redirect?channel=${encodeURIComponent(found.channelId)}`}
          target="_blank"
          rel="noreferrer"
        >
          Open the channel in Slack
        </Anchor>
      </Text>
    </Section>
  );
}

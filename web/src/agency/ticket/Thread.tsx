import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { TicketDetail } from '../../api/types';
import { formatInstant } from '../../app/format';
import { AttachmentLinks, Markdown } from './bits';

/**
 * The request and the conversation: public replies, internal notes (tinted, labelled, never shown to the
 * client) and the assessment that acknowledged the ticket, each with its files.
 */
export function Thread({
  ticket,
  requesterName,
  zone,
}: {
  ticket: TicketDetail;
  requesterName: string | null;
  zone: string;
}) {
  const attachmentsOf = (commentId: string | null) =>
    ticket.attachments.filter((attachment) => attachment.commentId === commentId);

  return (
    <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Conversation">
      <Paper component="li" withBorder p="sm" radius="md">
        <Group justify="space-between" gap="xs" mb={4}>
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {requesterName ?? 'Requester'}
            </Text>
            <Badge size="xs" variant="light" color="gray">
              Request
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {formatInstant(ticket.createdAt, zone)}
          </Text>
        </Group>
        {ticket.body.trim() ? (
          <Markdown>{ticket.body}</Markdown>
        ) : (
          <Text size="sm" c="dimmed">
            No description.
          </Text>
        )}
        <AttachmentLinks attachments={attachmentsOf(null)} />
      </Paper>

      {ticket.comments.map((comment) => {
        const internal = comment.visibility === 'internal';
        return (
          <Paper
            component="li"
            key={comment.id}
            withBorder
            p="sm"
            radius="md"
            bg={internal ? 'yellow.0' : comment.byAgency ? undefined : 'gray.0'}
            style={
              internal
                ? { borderColor: 'var(--mantine-color-yellow-5)', borderLeftWidth: 4 }
                : comment.assessment
                  ? { borderLeft: '4px solid var(--mantine-color-teal-6)' }
                  : undefined
            }
            data-testid="thread-comment"
          >
            <Group justify="space-between" gap="xs" mb={4}>
              <Group gap={6}>
                <Text size="sm" fw={600}>
                  {comment.authorName ?? 'Former user'}
                </Text>
                <Badge size="xs" variant="light" color={comment.byAgency ? 'teal' : 'blue'}>
                  {comment.byAgency ? 'Agency' : 'Client'}
                </Badge>
                {internal && (
                  <Badge size="xs" color="yellow" variant="filled" autoContrast>
                    Internal note
                  </Badge>
                )}
                {comment.assessment && (
                  <Badge size="xs" color="teal" variant="filled">
                    Assessment
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {formatInstant(comment.createdAt, zone)}
              </Text>
            </Group>
            {internal && (
              <Text size="xs" c="gray.8" mb={4}>
                Only the agency sees this.
              </Text>
            )}
            <Markdown>{comment.body}</Markdown>
            <AttachmentLinks attachments={attachmentsOf(comment.id)} />
          </Paper>
        );
      })}
      {ticket.comments.length === 0 && (
        <Text size="sm" c="dimmed" component="li">
          No replies yet.
        </Text>
      )}
    </Stack>
  );
}

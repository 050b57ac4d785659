import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { Me, TicketDetail } from '../../api/types';
import { formatInstant, viewerTimeZone } from '../../app/format';
import { AttachmentLinks, AttachmentPicker, hasOversizedFile, UploadList, useUploads } from '../attachments';
import Markdown from '../../components/Markdown';
import { portalKeys } from '../portal-api';

/** The public conversation: the request itself, then every public reply (the API never sends internal notes). */
export function Thread({
  ticket,
  nameOf,
}: {
  ticket: TicketDetail;
  nameOf: (userId: string | null) => string;
}) {
  const zone = viewerTimeZone();
  const byComment = (commentId: string | null) => ticket.attachments.filter((a) => a.commentId === commentId);
  return (
    <Stack gap="sm" component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Conversation">
      <Paper component="li" withBorder p="md">
        <Group justify="space-between" gap="xs" mb="xs">
          <Text size="sm" fw={600}>
            {ticket.requesterId ? `${nameOf(ticket.requesterId)} wrote` : 'The request'}
          </Text>
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
        <AttachmentLinks attachments={byComment(null)} />
      </Paper>
      {ticket.comments.map((comment) => (
        <Paper
          key={comment.id}
          component="li"
          withBorder
          p="md"
          bg={comment.byAgency ? 'gray.0' : undefined}
          data-testid="thread-comment"
        >
          <Group justify="space-between" gap="xs" mb="xs">
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {nameOf(comment.authorId)}
              </Text>
              {comment.byAgency && (
                <Badge size="xs" variant="light" color="teal">
                  agency
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {formatInstant(comment.createdAt, zone)}
            </Text>
          </Group>
          <Markdown>{comment.body}</Markdown>
          <AttachmentLinks attachments={byComment(comment.id)} />
        </Paper>
      ))}
    </Stack>
  );
}

export function ReplyForm({ ticket, me }: { ticket: TicketDetail; me: Me }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [touched, setTouched] = useState(false);
  const { uploads, start, reset } = useUploads();

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: portalKeys.ticket(ticket.id) });
    void queryClient.invalidateQueries({ queryKey: portalKeys.events(ticket.id) });
    void queryClient.invalidateQueries({ queryKey: portalKeys.tickets });
  };

  const reply = useMutation({
    mutationFn: () =>
      api.post<TicketDetail>(`/tickets/${ticket.id}/comments`, { body, visibility: 'public' }),
    onSuccess: async (updated) => {
      const mine = updated.comments.filter((comment) => comment.authorId === me.id).at(-1);
      const toSend = files;
      setBody('');
      setFiles([]);
      setTouched(false);
      queryClient.setQueryData(portalKeys.ticket(ticket.id), updated);
      if (toSend.length > 0 && mine) {
        const ok = await start(ticket.id, toSend, mine.id);
        if (ok) reset();
      }
      refresh();
    },
  });
  const error = reply.error instanceof ApiError ? reply.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!body.trim() || hasOversizedFile(files)) return;
    reply.mutate();
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label="Reply">
      <Stack gap="sm">
        {ticket.status === 'waiting_on_client' && (
          <Alert color="grape" title="The agency is waiting for your answer">
            {ticket.sla
              ? 'Replying resumes the SLA clocks, which are paused until you answer.'
              : 'Reply below so the work can go on.'}
          </Alert>
        )}
        <Textarea
          label="Your reply"
          description="Markdown works. The agency and your colleagues see your reply."
          autosize
          minRows={3}
          maxRows={14}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={error?.fieldError('body') ?? (touched && !body.trim() ? 'Write a reply first.' : undefined)}
        />
        <AttachmentPicker files={files} onChange={setFiles} disabled={reply.isPending} label="Attach files" />
        <UploadList uploads={uploads} />
        {reply.isError && !error?.fieldError('body') && (
          <Alert color="red" role="alert">
            {error?.message ?? 'The reply was not sent.'}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={reply.isPending}>
            Send reply
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

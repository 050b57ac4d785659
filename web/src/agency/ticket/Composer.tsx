import {
  Button,
  CloseButton,
  FileButton,
  Group,
  Input,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent, type RefObject } from 'react';
import { api, ApiError } from '../../api/client';
import type { TicketDetail } from '../../api/types';
import { messageOf } from '../../components/states';
import { Markdown, ServerError } from './bits';
import { formatBytes, MAX_ATTACHMENT_BYTES, useTicketChange, type TicketAttachment } from './ticketApi';

export type ComposerMode = 'public' | 'internal' | 'assessment';

const COPY: Record<ComposerMode, { label: string; description: string; submit: string }> = {
  public: {
    label: 'Reply to the client',
    description: 'The client sees this reply. Markdown works.',
    submit: 'Send reply',
  },
  internal: {
    label: 'Note for the agency',
    description: 'Only the agency sees internal notes; the client never does.',
    submit: 'Add internal note',
  },
  assessment: {
    label: 'Initial assessment',
    description:
      'A public reply with your first assessment. Sending it acknowledges the ticket and stops the response clock.',
    submit: 'Acknowledge with assessment',
  },
};

interface Sent {
  ticket: TicketDetail;
  uploadError: string | null;
}

/** Reply publicly, add an internal note, or acknowledge a new ticket with the assessment; files may go along. */
export function Composer({
  ticket,
  meId,
  mode,
  onModeChange,
  textareaRef,
}: {
  ticket: TicketDetail;
  meId: string;
  mode: ComposerMode;
  onModeChange: (mode: ComposerMode) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [tab, setTab] = useState<string | null>('write');
  const canAcknowledge = ticket.status === 'new';

  // Once acknowledged, the assessment mode has done its work.
  useEffect(() => {
    if (mode === 'assessment' && !canAcknowledge) onModeChange('public');
  }, [mode, canAcknowledge, onModeChange]);

  const send = useTicketChange(
    ticket.id,
    async (input: { mode: ComposerMode; body: string; files: File[] }) => {
      const updated =
        input.mode === 'assessment'
          ? await api.post<TicketDetail>(`/tickets/${ticket.id}/transitions`, {
              status: 'acknowledged',
              comment: input.body,
            })
          : await api.post<TicketDetail>(`/tickets/${ticket.id}/comments`, {
              body: input.body,
              visibility: input.mode === 'internal' ? 'internal' : 'public',
            });
      let uploadError: string | null = null;
      if (input.files.length > 0) {
        const mine = updated.comments.filter((comment) => comment.authorId === meId).at(-1);
        const form = new FormData();
        for (const file of input.files) form.append('file', file, file.name);
        if (mine) form.append('commentId', mine.id);
        try {
          const { items } = await api.post<{ items: TicketAttachment[] }>(
            `/tickets/${ticket.id}/attachments`,
            form,
          );
          return { ticket: { ...updated, attachments: [...updated.attachments, ...items] }, uploadError };
        } catch (error) {
          uploadError = messageOf(error);
        }
      }
      return { ticket: updated, uploadError } satisfies Sent;
    },
  );

  const tooLarge = files.filter((file) => file.size > MAX_ATTACHMENT_BYTES);
  const apiError = send.error instanceof ApiError ? send.error : null;
  const bodyError = apiError?.fieldError('body') ?? apiError?.fieldError('comment');

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!body.trim() || tooLarge.length > 0) return;
    send.mutate(
      { mode, body, files },
      {
        onSuccess: ({ uploadError }) => {
          setBody('');
          setFiles([]);
          setTab('write');
          notifications.show({
            color: uploadError ? 'orange' : 'teal',
            message: uploadError
              ? `Sent, but the files were not attached: ${uploadError}`
              : mode === 'assessment'
                ? 'Acknowledged: the assessment went to the client.'
                : mode === 'internal'
                  ? 'Internal note added.'
                  : 'Reply sent.',
          });
        },
      },
    );
  };

  const copy = COPY[mode];
  const options = [
    ...(canAcknowledge ? [{ value: 'assessment', label: 'Assessment (acknowledge)' }] : []),
    { value: 'public', label: 'Public reply' },
    { value: 'internal', label: 'Internal note' },
  ];

  return (
    <Stack
      component="form"
      gap="sm"
      onSubmit={submit}
      aria-label="Write a reply"
      p="sm"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        border: `1px solid var(--mantine-color-${mode === 'internal' ? 'yellow-5' : 'gray-3'})`,
        background: mode === 'internal' ? 'var(--mantine-color-yellow-0)' : undefined,
      }}
    >
      <SegmentedControl
        value={mode}
        onChange={(value) => onModeChange(value as ComposerMode)}
        data={options}
        fullWidth
        orientation="horizontal"
        aria-label="Kind of reply"
        styles={{ label: { whiteSpace: 'normal' } }}
      />
      <Tabs value={tab} onChange={setTab} variant="outline">
        <Tabs.List>
          <Tabs.Tab value="write">Write</Tabs.Tab>
          <Tabs.Tab value="preview" disabled={!body.trim()}>
            Preview
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            ref={textareaRef}
            label={copy.label}
            description={copy.description}
            required
            autosize
            minRows={4}
            maxRows={16}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
            }}
            error={bodyError}
          />
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs">
          <div style={{ minHeight: 96 }}>
            <Markdown>{body}</Markdown>
          </div>
        </Tabs.Panel>
      </Tabs>

      <Input.Wrapper
        label="Files"
        description="Up to 10 MB each."
        error={
          tooLarge.length > 0
            ? `${tooLarge.map((file) => file.name).join(', ')}: larger than 10 MB.`
            : undefined
        }
      >
        <Stack gap={4} mt={4}>
          {files.map((file, index) => (
            <Group key={`${file.name}-${index}`} gap="xs" wrap="nowrap">
              <Text size="sm" truncate c={file.size > MAX_ATTACHMENT_BYTES ? 'red' : undefined}>
                {file.name}{' '}
                <Text span size="xs" c="dimmed">
                  ({formatBytes(file.size)})
                </Text>
              </Text>
              <CloseButton
                size="sm"
                aria-label={`Remove ${file.name}`}
                onClick={() => setFiles(files.filter((_, i) => i !== index))}
              />
            </Group>
          ))}
          <FileButton
            multiple
            onChange={(picked) => setFiles([...files, ...picked])}
            inputProps={{ 'aria-label': 'Attach files' }}
          >
            {(props) => (
              <Button variant="default" size="xs" w="fit-content" {...props}>
                Attach files
              </Button>
            )}
          </FileButton>
        </Stack>
      </Input.Wrapper>

      <ServerError error={send.error} fields={['body', 'comment']} />
      <Group justify="space-between">
        <Text size="xs" c="dimmed" visibleFrom="sm">
          Ctrl+Enter sends
        </Text>
        <Button type="submit" loading={send.isPending} disabled={!body.trim() || tooLarge.length > 0}>
          {copy.submit}
        </Button>
      </Group>
    </Stack>
  );
}

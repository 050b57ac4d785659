import { Anchor, Button, CloseButton, FileButton, Group, Input, Progress, Stack, Text } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { messageOf } from '../components/states';
import { formatBytes, MAX_ATTACHMENT_BYTES, uploadAttachment, type Attachment } from './portal-api';

/** Files chosen to go with a request or a reply, each checked against the 10 MB limit before anything is sent. */
export function AttachmentPicker({
  files,
  onChange,
  disabled,
  label = 'Attachments',
}: {
  files: File[];
  onChange: (files: File[]) => void;
  disabled?: boolean;
  label?: string;
}) {
  const tooLarge = files.filter((file) => file.size > MAX_ATTACHMENT_BYTES);
  return (
    <Input.Wrapper
      label={label}
      description="Screenshots, logs or documents — several files, up to 10 MB each."
      error={
        tooLarge.length > 0
          ? `${tooLarge.map((file) => file.name).join(', ')}: larger than 10 MB — remove ${tooLarge.length === 1 ? 'it' : 'them'} to continue.`
          : undefined
      }
    >
      <Stack gap={6} mt={6}>
        {files.length > 0 && (
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {files.map((file, index) => (
              <Group
                key={`${file.name}-${index}`}
                component="li"
                gap="xs"
                wrap="nowrap"
                justify="space-between"
              >
                <Text size="sm" truncate c={file.size > MAX_ATTACHMENT_BYTES ? 'red' : undefined}>
                  {file.name}{' '}
                  <Text span size="xs" c="dimmed">
                    ({formatBytes(file.size)})
                  </Text>
                </Text>
                <CloseButton
                  size="sm"
                  disabled={disabled}
                  aria-label={`Remove ${file.name}`}
                  onClick={() => onChange(files.filter((_, i) => i !== index))}
                />
              </Group>
            ))}
          </Stack>
        )}
        <FileButton
          multiple
          disabled={disabled}
          onChange={(picked) => onChange([...files, ...picked])}
          inputProps={{ 'aria-label': label }}
        >
          {(props) => (
            <Button variant="default" size="xs" w="fit-content" disabled={disabled} {...props}>
              {files.length > 0 ? 'Add more files' : 'Add files'}
            </Button>
          )}
        </FileButton>
      </Stack>
    </Input.Wrapper>
  );
}

export function hasOversizedFile(files: readonly File[]): boolean {
  return files.some((file) => file.size > MAX_ATTACHMENT_BYTES);
}

export interface UploadState {
  file: File;
  progress: number;
  status: 'waiting' | 'uploading' | 'done' | 'failed';
  error?: string;
}

/** Uploads files one after another (so each shows its own progress and error). */
export function useUploads() {
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const running = useRef(false);

  const patch = (index: number, change: Partial<UploadState>) =>
    setUploads((current) => current.map((u, i) => (i === index ? { ...u, ...change } : u)));

  const run = useCallback(
    async (ticketId: string, states: UploadState[], commentId?: string): Promise<boolean> => {
      if (running.current) return false;
      running.current = true;
      setUploads(states);
      let allDone = true;
      for (const [index, state] of states.entries()) {
        if (state.status === 'done') continue;
        patch(index, { status: 'uploading', progress: 0, error: undefined });
        try {
          await uploadAttachment(ticketId, state.file, {
            commentId,
            onProgress: (progress) => patch(index, { progress }),
          });
          patch(index, { status: 'done', progress: 1 });
        } catch (error) {
          allDone = false;
          patch(index, { status: 'failed', error: messageOf(error) });
        }
      }
      running.current = false;
      return allDone;
    },
    [],
  );

  const start = useCallback(
    (ticketId: string, files: File[], commentId?: string) =>
      run(
        ticketId,
        files.map((file) => ({ file, progress: 0, status: 'waiting' as const })),
        commentId,
      ),
    [run],
  );

  return { uploads, start, retry: run, reset: () => setUploads([]) };
}

export function UploadList({ uploads }: { uploads: UploadState[] }) {
  if (uploads.length === 0) return null;
  return (
    <Stack gap="xs" aria-live="polite">
      {uploads.map((upload, index) => (
        <Stack key={`${upload.file.name}-${index}`} gap={2}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" truncate>
              {upload.file.name}
            </Text>
            <Text size="xs" c={upload.status === 'failed' ? 'red' : 'dimmed'} style={{ flexShrink: 0 }}>
              {upload.status === 'done'
                ? 'uploaded'
                : upload.status === 'failed'
                  ? 'failed'
                  : upload.status === 'waiting'
                    ? 'waiting'
                    : `${Math.round(upload.progress * 100)} %`}
            </Text>
          </Group>
          <Progress
            value={upload.status === 'done' ? 100 : upload.progress * 100}
            color={upload.status === 'failed' ? 'red' : upload.status === 'done' ? 'teal' : 'blue'}
            size="sm"
            aria-label={`Upload of ${upload.file.name}`}
          />
          {upload.error && (
            <Text size="xs" c="red" role="alert">
              {upload.error}
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}

export function AttachmentLinks({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <Group gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <Anchor href={attachment.url} size="sm" target="_blank" rel="noopener">
            {attachment.filename}
          </Anchor>{' '}
          <Text span size="xs" c="dimmed">
            ({formatBytes(attachment.size)})
          </Text>
        </li>
      ))}
    </Group>
  );
}

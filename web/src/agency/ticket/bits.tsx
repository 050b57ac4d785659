import { Alert, Anchor, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { messageOf } from '../../components/states';
export { default as Markdown } from '../../components/Markdown';
import { formatBytes, type TicketAttachment } from './ticketApi';

/** The server's refusal, for what no single field explains (field messages sit next to their field). */
export function ServerError({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const fieldIssues = api?.issues.filter((issue) => fields.includes(issue.path)) ?? [];
  const otherIssues = api?.issues.filter((issue) => !fields.includes(issue.path)) ?? [];
  // Every issue sits next to its field: the alert then only says that something needs fixing.
  if (api && fieldIssues.length > 0 && otherIssues.length === 0) return null;
  return (
    <Alert color="red" role="alert" py="xs">
      <Text size="sm">{messageOf(error)}</Text>
      {otherIssues.map((issue) => (
        <Text size="sm" key={issue.path}>
          {issue.path}: {issue.message}
        </Text>
      ))}
    </Alert>
  );
}

/** A titled card of the ticket page. */
export function Section({
  title,
  children,
  actions,
  id,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  id?: string;
}) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId} id={id}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h5" id={headingId}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

export function AttachmentLinks({ attachments }: { attachments: TicketAttachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <Group gap="xs" mt="xs" component="ul" p={0} style={{ listStyle: 'none' }} aria-label="Attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <Anchor href={attachment.url} size="sm" download={attachment.filename}>
            <PaperclipIcon />
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

function PaperclipIcon() {
  return (
    <svg
      aria-hidden="true"
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      style={{ verticalAlign: '-2px', marginRight: 4 }}
    >
      <path d="M21.44 11.05l-9.19 9.19a6 6 0 0 1-8.49-8.49l9.19-9.19a4 4 0 0 1 5.66 5.66l-9.2 9.19a2 2 0 0 1-2.83-2.83l8.49-8.48" />
    </svg>
  );
}

import { Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { explainTransitionRefusal } from '../../../../src/domain/tickets/ticket-status';
import { api, ApiError } from '../../api/client';
import {
  KINDS,
  PRIORITIES,
  STATUSES,
  type Priority,
  type TicketDetail,
  type TicketKind,
  type TicketStatus,
  type User,
} from '../../api/types';
import { humanize } from '../../app/format';
import { Section, ServerError } from './bits';
import { useTicketChange } from './ticketApi';

const STATUS_HINT: Partial<Record<TicketStatus, string>> = {
  waiting_on_client: 'The clocks pause until the client answers.',
  resolved: 'The resolution clock stops; the client may reopen it.',
  closed: 'Closed tickets leave the queue.',
};

/** Status, assignee, priority and kind: each change shows at once and lands in the history. */
export function Actions({
  ticket,
  staff,
  meId,
  onAcknowledge,
}: {
  ticket: TicketDetail;
  staff: User[];
  meId: string;
  onAcknowledge: () => void;
}) {
  return (
    <Section title="Actions" id="actions">
      <Stack gap="lg">
        {ticket.status === 'new' && (
          <Stack gap={6}>
            <Text size="sm">
              This ticket is new: the response clock runs until someone acknowledges it with an initial
              assessment.
            </Text>
            <Button onClick={onAcknowledge} variant="filled">
              Write the assessment
            </Button>
          </Stack>
        )}
        <AssignForm ticket={ticket} staff={staff} meId={meId} />
        <StatusForm ticket={ticket} />
        <TriageForm ticket={ticket} />
      </Stack>
    </Section>
  );
}

function AssignForm({ ticket, staff, meId }: { ticket: TicketDetail; staff: User[]; meId: string }) {
  const assign = useTicketChange(ticket.id, (assigneeId: string | null) =>
    api.patch<TicketDetail>(`/tickets/${ticket.id}`, { assigneeId }),
  );
  const apiError = assign.error instanceof ApiError ? assign.error : null;
  const options = staff
    .filter((user) => !user.disabled || user.id === ticket.assigneeId)
    .map((user) => ({ value: user.id, label: user.id === meId ? `${user.name} (me)` : user.name }));
  return (
    <Stack gap={6}>
      <Select
        label="Assignee"
        placeholder="Unassigned"
        data={options}
        value={ticket.assigneeId}
        onChange={(value) => {
          if (value !== ticket.assigneeId) assign.mutate(value);
        }}
        clearable
        searchable
        disabled={assign.isPending}
        error={apiError?.fieldError('assigneeId')}
        nothingFoundMessage="No agency user by that name"
      />
      {ticket.assigneeId !== meId && (
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          loading={assign.isPending}
          onClick={() => assign.mutate(meId)}
        >
          Assign to me
        </Button>
      )}
      <ServerError error={assign.error} fields={['assigneeId']} />
    </Stack>
  );
}

function StatusForm({ ticket }: { ticket: TicketDetail }) {
  const [status, setStatus] = useState<TicketStatus | null>(null);
  const [reason, setReason] = useState('');
  const change = useTicketChange(ticket.id, (input: { status: TicketStatus; reason: string }) =>
    api.post<TicketDetail>(`/tickets/${ticket.id}/transitions`, {
      status: input.status,
      ...(input.reason ? { reason: input.reason } : {}),
    }),
  );
  const apiError = change.error instanceof ApiError ? change.error : null;
  // Acknowledging needs the assessment, which the composer writes.
  const next = STATUSES.filter(
    (candidate) =>
      candidate !== 'acknowledged' && explainTransitionRefusal(ticket.status, candidate, false) === null,
  );
  const reopening = ticket.status === 'resolved' || ticket.status === 'closed';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!status) return;
    change.mutate(
      { status, reason: reason.trim() },
      {
        onSuccess: () => {
          setStatus(null);
          setReason('');
        },
      },
    );
  };
  return (
    <Stack component="form" gap={6} onSubmit={submit} aria-label="Change status">
      <Select
        label="Change status"
        placeholder="Choose the next status"
        data={next.map((value) => ({
          value,
          label: reopening && value === 'in_progress' ? 'Reopen (in progress)' : humanize(value),
        }))}
        value={status}
        onChange={(value) => setStatus(value)}
        error={apiError?.fieldError('status')}
        description={status ? STATUS_HINT[status] : undefined}
      />
      {status && (
        <Textarea
          label="Reason"
          description="Optional; kept in the history."
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={apiError?.fieldError('reason')}
        />
      )}
      <ServerError error={change.error} fields={['status', 'reason']} />
      <Button type="submit" variant="light" w="fit-content" disabled={!status} loading={change.isPending}>
        Change status
      </Button>
    </Stack>
  );
}

function TriageForm({ ticket }: { ticket: TicketDetail }) {
  const [priority, setPriority] = useState<Priority>(ticket.priority);
  const [kind, setKind] = useState<TicketKind>(ticket.kind);
  const [reason, setReason] = useState('');
  const [base, setBase] = useState({ priority: ticket.priority, kind: ticket.kind });
  // Follow the ticket when it changes elsewhere (another action, a refetch).
  if (base.priority !== ticket.priority || base.kind !== ticket.kind) {
    setBase({ priority: ticket.priority, kind: ticket.kind });
    setPriority(ticket.priority);
    setKind(ticket.kind);
  }
  const save = useTicketChange(
    ticket.id,
    (input: { priority?: Priority; kind?: TicketKind; reason: string }) =>
      api.patch<TicketDetail>(`/tickets/${ticket.id}`, input),
  );
  const apiError = save.error instanceof ApiError ? save.error : null;
  const changed = priority !== ticket.priority || kind !== ticket.kind;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changed || !reason.trim()) return;
    save.mutate(
      {
        ...(priority !== ticket.priority ? { priority } : {}),
        ...(kind !== ticket.kind ? { kind } : {}),
        reason: reason.trim(),
      },
      { onSuccess: () => setReason('') },
    );
  };
  return (
    <Stack component="form" gap={6} onSubmit={submit} aria-label="Change priority or kind">
      <Group grow gap="xs" align="flex-start">
        <Select
          label="Priority"
          data={PRIORITIES}
          value={priority}
          onChange={(value) => value && setPriority(value)}
          allowDeselect={false}
          error={apiError?.fieldError('priority')}
        />
        <Select
          label="Kind"
          data={KINDS}
          value={kind}
          onChange={(value) => value && setKind(value)}
          allowDeselect={false}
          error={apiError?.fieldError('kind')}
        />
      </Group>
      {changed && (
        <Textarea
          label="Reason"
          description={
            priority !== ticket.priority
              ? 'Kept in the history. A new priority re-targets the SLA clocks.'
              : 'Kept in the history.'
          }
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={apiError?.fieldError('reason')}
        />
      )}
      <ServerError error={save.error} fields={['priority', 'kind', 'reason']} />
      <Button
        type="submit"
        variant="light"
        w="fit-content"
        disabled={!changed || !reason.trim()}
        loading={save.isPending}
      >
        Save priority and kind
      </Button>
    </Stack>
  );
}

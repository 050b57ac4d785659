import { Badge, Button, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { Agreement, Estimate, TicketDetail } from '../../api/types';
import { formatInstant, formatMinutes, formatMoney } from '../../app/format';
import { ErrorState, LoadingState } from '../../components/states';
import { Section, ServerError } from './bits';
import { useEstimates, useTicketChange } from './ticketApi';

const STATUS_COLOR: Record<Estimate['status'], string> = {
  pending: 'orange',
  approved: 'teal',
  declined: 'red',
  withdrawn: 'gray',
};

const OPEN = ['new', 'acknowledged', 'in_progress', 'waiting_on_client'];

/** Estimates for pay-as-you-go (or estimate-first) work: what was asked, and what the client decided. */
export function Estimates({
  ticket,
  agreement,
  userName,
  zone,
}: {
  ticket: TicketDetail;
  agreement: Agreement | undefined;
  userName: Map<string, string>;
  zone: string;
}) {
  const estimates = useEstimates(ticket.id);
  const needsEstimate = agreement?.kind === 'payg' || ticket.coverage === 'estimate_required';
  const items = estimates.data ?? [];
  if (!needsEstimate && items.length === 0) return null;
  return (
    <Section title="Estimates" id="estimates">
      <Stack gap="sm">
        {estimates.isPending ? (
          <LoadingState label="Loading estimates…" />
        ) : estimates.isError ? (
          <ErrorState error={estimates.error} onRetry={() => void estimates.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No estimate yet. This work needs the client&apos;s approval of an estimate before it starts.
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((estimate) => (
              <Stack component="li" key={estimate.id} gap={2} data-testid="estimate">
                <Group gap="xs">
                  <Badge color={STATUS_COLOR[estimate.status]} variant="light">
                    {estimate.status}
                  </Badge>
                  <Text size="sm" fw={600}>
                    {formatMinutes(estimate.minutes)} · {formatMoney(estimate.amountCents)}
                  </Text>
                </Group>
                {estimate.note && <Text size="sm">{estimate.note}</Text>}
                <Text size="xs" c="dimmed">
                  Sent {formatInstant(estimate.createdAt, zone)} by{' '}
                  {userName.get(estimate.requestedBy ?? '') ?? 'someone'}
                  {estimate.decidedAt &&
                    estimate.status !== 'pending' &&
                    ` · ${estimate.status} ${formatInstant(estimate.decidedAt, zone)}${
                      estimate.decidedBy ? ` by ${userName.get(estimate.decidedBy) ?? 'someone'}` : ''
                    }`}
                </Text>
                {estimate.decisionNote && (
                  <Text size="xs" c="dimmed">
                    “{estimate.decisionNote}”
                  </Text>
                )}
              </Stack>
            ))}
          </Stack>
        )}
        {OPEN.includes(ticket.status) && ticket.agreementId && <RequestEstimate ticket={ticket} />}
      </Stack>
    </Section>
  );
}

function RequestEstimate({ ticket }: { ticket: TicketDetail }) {
  const [minutes, setMinutes] = useState<number | string>('');
  const [note, setNote] = useState('');
  const request = useTicketChange(ticket.id, (input: { minutes: number; note: string }) =>
    api.post<Estimate>(`/tickets/${ticket.id}/estimates`, input),
  );
  const apiError = request.error instanceof ApiError ? request.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(
      { minutes: Number(minutes), note: note.trim() },
      {
        onSuccess: () => {
          setMinutes('');
          setNote('');
        },
      },
    );
  };
  return (
    <Stack component="form" gap={6} onSubmit={submit} aria-label="Request an estimate">
      <NumberInput
        label="Estimate (minutes)"
        description="Priced at the agreement's hourly rate."
        required
        min={1}
        step={30}
        allowDecimal={false}
        value={minutes}
        onChange={setMinutes}
        error={apiError?.fieldError('minutes')}
      />
      <Textarea
        label="Note to the client"
        autosize
        minRows={2}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        error={apiError?.fieldError('note')}
      />
      <Text size="xs" c="dimmed">
        Sending it withdraws any pending estimate and puts the ticket on waiting for the client (the clocks
        pause).
      </Text>
      <ServerError error={request.error} fields={['minutes', 'note']} />
      <Button
        type="submit"
        variant="light"
        w="fit-content"
        disabled={minutes === ''}
        loading={request.isPending}
      >
        Request estimate
      </Button>
    </Stack>
  );
}

import { Anchor, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { Agreement, TicketDetail } from '../../api/types';
import { humanize } from '../../app/format';
import { Section, ServerError } from './bits';
import { useTicketChange } from './ticketApi';

type Coverage = NonNullable<TicketDetail['coverage']>;

const COVERAGE: Record<Coverage, { label: string; color: string; explain: string }> = {
  covered: {
    label: 'Covered',
    color: 'teal',
    explain: 'The agreement covers this type of request: the work counts against it, no estimate needed.',
  },
  estimate_required: {
    label: 'Estimate required',
    color: 'orange',
    explain:
      'The client approves an estimate before work starts (pay-as-you-go work always needs one; the agreement may also list this type as estimate-first).',
  },
  change_work: {
    label: 'Change work',
    color: 'indigo',
    explain:
      'The agreement lists this type as change work: it is never drawn from retainer hours and needs a project proposal.',
  },
  not_listed: {
    label: 'Not listed',
    color: 'gray',
    explain:
      'The agreement does not list this type of request: decide with the client whether it is covered, needs an estimate, or is change work.',
  },
};

const AGREEMENT_KIND: Record<Agreement['kind'], string> = {
  retainer: 'retainer',
  payg: 'pay-as-you-go',
  sprint: 'sprint',
  onboarding: 'onboarding',
  standby: 'standby cover',
};

/** What the agreement says about this ticket, and the change-work switch. */
export function CoverageSection({
  ticket,
  agreement,
}: {
  ticket: TicketDetail;
  agreement: Agreement | undefined;
}) {
  const decision = ticket.coverage ? COVERAGE[ticket.coverage] : null;
  return (
    <Section title="Coverage" id="coverage">
      <Stack gap="xs">
        {decision ? (
          <>
            <Group gap="xs">
              <Badge color={decision.color} variant="light" data-testid="coverage-decision">
                {decision.label}
              </Badge>
              {ticket.requestType && (
                <Text size="sm" c="dimmed">
                  request type “{humanize(ticket.requestType)}”
                </Text>
              )}
            </Group>
            <Text size="sm">{decision.explain}</Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            No coverage decision:{' '}
            {!ticket.agreementId
              ? 'the ticket falls under no agreement.'
              : 'the ticket was raised without a request type, so the coverage lists were not consulted.'}
          </Text>
        )}
        {agreement && (
          <Text size="xs" c="dimmed">
            Agreement: {agreement.name} ({AGREEMENT_KIND[agreement.kind]})
          </Text>
        )}
        <ChangeWork ticket={ticket} />
      </Stack>
    </Section>
  );
}

function ChangeWork({ ticket }: { ticket: TicketDetail }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const mark = useTicketChange(ticket.id, (why: string) =>
    api.patch<TicketDetail>(`/tickets/${ticket.id}`, { kind: 'change', reason: why }),
  );
  const apiError = mark.error instanceof ApiError ? mark.error : null;
  const isChange = ticket.kind === 'change' || ticket.coverage === 'change_work';

  if (isChange)
    return (
      <Text size="sm" p="xs" bg="indigo.0" style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
        This is change work: it is quoted as a project of its own — scope, estimate, price at the
        agreement&apos;s project rate — and the client approves it before work starts. See the{' '}
        <Anchor href="#proposals" inherit>
          proposal
        </Anchor>
        ; its time is never drawn from retainer hours.
      </Text>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mark.mutate(reason.trim(), {
      onSuccess: () => {
        setReason('');
        setOpen(false);
      },
    });
  };
  if (!open)
    return (
      <Button variant="subtle" color="indigo" size="compact-sm" w="fit-content" onClick={() => setOpen(true)}>
        Mark as change work…
      </Button>
    );
  return (
    <Stack component="form" gap="xs" onSubmit={submit} aria-label="Mark as change work">
      <Textarea
        label="Mark as change work"
        description="New functionality rather than support: it will not be drawn from retainer hours."
        placeholder="Why this is change work"
        required
        autosize
        autoFocus
        minRows={2}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={apiError?.fieldError('reason') ?? apiError?.fieldError('kind')}
      />
      <ServerError error={mark.error} fields={['reason', 'kind']} />
      <Group gap="xs">
        <Button
          type="submit"
          variant="light"
          color="indigo"
          loading={mark.isPending}
          disabled={!reason.trim()}
        >
          Mark as change work
        </Button>
        <Button variant="subtle" color="gray" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

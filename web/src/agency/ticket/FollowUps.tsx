import { Anchor, Button, Group, Select, Stack, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import { KINDS, PRIORITIES, type Priority, type TicketDetail, type TicketKind } from '../../api/types';
import { humanize } from '../../app/format';
import { StatusBadge } from '../../components/badges';
import { Section, ServerError } from './bits';
import { useClientTickets, useTicketChange } from './ticketApi';

type LinkKind = 'follow_up' | 'related' | 'duplicate';

const LINK_WORDS: Record<LinkKind, { outgoing: string; incoming: string }> = {
  follow_up: { outgoing: 'Follow-up', incoming: 'Follow-up of' },
  related: { outgoing: 'Related', incoming: 'Related' },
  duplicate: { outgoing: 'Duplicate', incoming: 'Duplicate of this' },
};

/** Linked tickets, and linking a follow-up: an existing ticket of the same client, or a new one. */
export function FollowUps({ ticket }: { ticket: TicketDetail }) {
  return (
    <Section title="Linked tickets" id="links">
      <Stack gap="sm">
        {ticket.links.length === 0 ? (
          <Text size="sm" c="dimmed">
            No linked tickets.
          </Text>
        ) : (
          <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {ticket.links.map((link) => (
              <Group component="li" key={`${link.direction}-${link.ticket.id}`} gap="xs" wrap="nowrap">
                <Text size="xs" c="dimmed" w={84} style={{ flex: 'none' }}>
                  {LINK_WORDS[link.kind][link.direction]}
                </Text>
                <Anchor component={Link} to={`/tickets/${link.ticket.id}`} size="sm" lineClamp={2}>
                  #{link.ticket.number} {link.ticket.subject}
                </Anchor>
                <StatusBadge status={link.ticket.status} />
              </Group>
            ))}
          </Stack>
        )}
        <Tabs defaultValue="existing" variant="pills" radius="sm">
          <Tabs.List>
            <Tabs.Tab value="existing">Link a ticket</Tabs.Tab>
            <Tabs.Tab value="new">New follow-up</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="existing" pt="sm">
            <LinkExisting ticket={ticket} />
          </Tabs.Panel>
          <Tabs.Panel value="new" pt="sm">
            <NewFollowUp ticket={ticket} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Section>
  );
}

function LinkExisting({ ticket }: { ticket: TicketDetail }) {
  const candidates = useClientTickets(ticket.clientId);
  const [other, setOther] = useState<string | null>(null);
  const [kind, setKind] = useState<LinkKind>('follow_up');
  const link = useTicketChange(ticket.id, (input: { ticketId: string; kind: LinkKind }) =>
    api.post(`/tickets/${ticket.id}/links`, input),
  );
  const apiError = link.error instanceof ApiError ? link.error : null;
  const linked = new Set(ticket.links.map((l) => l.ticket.id));
  const options = (candidates.data ?? [])
    .filter((candidate) => candidate.id !== ticket.id && !linked.has(candidate.id))
    .map((candidate) => ({
      value: candidate.id,
      label: `#${candidate.number} ${candidate.subject} (${humanize(candidate.status)})`,
    }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!other) return;
    link.mutate({ ticketId: other, kind }, { onSuccess: () => setOther(null) });
  };
  return (
    <Stack component="form" gap={6} onSubmit={submit} aria-label="Link an existing ticket">
      <Select
        label="Ticket of the same client"
        placeholder={candidates.isPending ? 'Loading…' : 'Type a number or words of the subject'}
        data={options}
        value={other}
        onChange={setOther}
        searchable
        clearable
        nothingFoundMessage={candidates.isError ? 'Could not load the tickets' : 'No such ticket'}
        error={apiError?.fieldError('ticketId')}
      />
      <Select
        label="Link as"
        data={(['follow_up', 'related', 'duplicate'] as const).map((value) => ({
          value,
          label: humanize(value),
        }))}
        value={kind}
        onChange={(value) => value && setKind(value)}
        allowDeselect={false}
      />
      <ServerError error={link.error} fields={['ticketId']} />
      <Button type="submit" variant="light" w="fit-content" disabled={!other} loading={link.isPending}>
        Link
      </Button>
    </Stack>
  );
}

interface Created {
  id: string;
  number: number;
}

function NewFollowUp({ ticket }: { ticket: TicketDetail }) {
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [priority, setPriority] = useState<Priority>('low');
  const [kind, setKind] = useState<TicketKind>('maintenance');
  const [created, setCreated] = useState<Created | null>(null);
  const create = useTicketChange(
    ticket.id,
    async (input: { subject: string; body: string; priority: Priority; kind: TicketKind }) => {
      const followUp = await api.post<TicketDetail>('/tickets', {
        clientId: ticket.clientId,
        ...(ticket.agreementId ? { agreementId: ticket.agreementId } : {}),
        ...input,
      });
      setCreated({ id: followUp.id, number: followUp.number });
      await api.post(`/tickets/${ticket.id}/links`, { ticketId: followUp.id, kind: 'follow_up' });
      return followUp;
    },
  );
  const apiError = create.error instanceof ApiError ? create.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate(
      { subject: subject.trim(), body, priority, kind },
      {
        onSuccess: () => {
          setSubject('');
          setBody('');
        },
      },
    );
  };
  return (
    <Stack component="form" gap={6} onSubmit={submit} aria-label="Create a follow-up ticket">
      <TextInput
        label="Subject"
        placeholder="Root cause: …"
        required
        value={subject}
        onChange={(event) => setSubject(event.currentTarget.value)}
        error={apiError?.fieldError('subject')}
      />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        error={apiError?.fieldError('body')}
      />
      <Group grow gap="xs" align="flex-start">
        <Select
          label="Priority"
          data={PRIORITIES}
          value={priority}
          onChange={(value) => value && setPriority(value)}
          allowDeselect={false}
        />
        <Select
          label="Kind"
          data={KINDS}
          value={kind}
          onChange={(value) => value && setKind(value)}
          allowDeselect={false}
        />
      </Group>
      <Text size="xs" c="dimmed">
        Created for the same client{ticket.agreementId ? ' under the same agreement' : ''} and linked as this
        ticket&apos;s follow-up.
      </Text>
      {create.isError && created && (
        <Text size="sm" c="red" role="alert">
          Created{' '}
          <Anchor component={Link} to={`/tickets/${created.id}`}>
            #{created.number}
          </Anchor>
          , but could not link it — link it from &ldquo;Link a ticket&rdquo;.
        </Text>
      )}
      <ServerError error={create.error} fields={['subject', 'body']} />
      {create.isSuccess && created && (
        <Text size="sm" c="teal.8" role="status">
          Created and linked{' '}
          <Anchor component={Link} to={`/tickets/${created.id}`}>
            #{created.number}
          </Anchor>
          .
        </Text>
      )}
      <Button
        type="submit"
        variant="light"
        w="fit-content"
        disabled={!subject.trim()}
        loading={create.isPending}
      >
        Create follow-up
      </Button>
    </Stack>
  );
}

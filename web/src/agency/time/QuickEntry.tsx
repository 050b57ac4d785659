import { Alert, Button, Card, Input, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Agreement, TicketSummary, TimeEntry } from '../../api/types';
import { formatDate, formatMinutes } from '../../app/format';
import { invalidateTimeViews } from './invalidate';
import { parseDuration } from './duration';
import { EntryFields, fieldError, formError, type EntryValues } from './fields';

type Target = 'ticket' | 'agreement';

/** Logs time against an open ticket (its agreement is drawn) or straight against an agreement. */
export function QuickEntry({
  today,
  tickets,
  agreements,
  clientName,
  agreementLabel,
}: {
  today: string;
  tickets: TicketSummary[];
  agreements: Agreement[];
  clientName: Map<string, string>;
  agreementLabel: (id: string | null) => string;
}) {
  const headingId = useId();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<Target>('ticket');
  const [ticketId, setTicketId] = useState<string | null>(null);
  const [agreementId, setAgreementId] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [values, setValues] = useState<EntryValues>({
    date: today,
    duration: '',
    category: 'bugfix',
    billable: true,
    description: '',
  });

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<TimeEntry>('/time-entries', body),
    onSuccess: async (entry) => {
      notifications.show({
        color: 'teal',
        title: 'Time logged',
        message: `${formatMinutes(entry.minutes)} on ${formatDate(entry.date)} against ${agreementLabel(entry.agreementId)}`,
      });
      setValues((previous) => ({ ...previous, duration: '', description: '' }));
      setTouched(false);
      await invalidateTimeViews(queryClient);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const minutes = parseDuration(values.duration);
    if (minutes === null) return;
    create.mutate({
      ...(target === 'ticket'
        ? { ticketId: ticketId ?? undefined }
        : { agreementId: agreementId ?? undefined }),
      date: values.date,
      minutes,
      category: values.category,
      billable: values.billable,
      description: values.description,
    });
  };

  const picked = target === 'ticket' ? tickets.find((ticket) => ticket.id === ticketId) : undefined;
  const ticketOptions = tickets.map((ticket) => ({
    value: ticket.id,
    label: `#${ticket.number} ${ticket.subject} · ${clientName.get(ticket.clientId) ?? 'client'}`,
  }));
  const byClient = new Map<string, { value: string; label: string }[]>();
  for (const agreement of agreements.filter((a) => a.status === 'active')) {
    const group = clientName.get(agreement.clientId) ?? 'Other';
    byClient.set(group, [...(byClient.get(group) ?? []), { value: agreement.id, label: agreement.name }]);
  }
  const agreementOptions = [...byClient.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, items]) => ({ group, items }));
  const missingTarget =
    touched && (target === 'ticket' ? !ticketId : !agreementId)
      ? `Choose ${target === 'ticket' ? 'a ticket' : 'an agreement'}`
      : undefined;
  const shown = ['ticketId', 'agreementId', 'date', 'minutes', 'category', 'billable', 'description'];
  const general = formError(create.error, shown);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id={headingId}>
            Log time
          </Title>
          <Input.Wrapper label="Log against" id="log-against" labelElement="div">
            <SegmentedControl
              fullWidth
              value={target}
              onChange={(value) => {
                setTarget(value);
                create.reset();
              }}
              data={[
                { value: 'ticket', label: 'A ticket' },
                { value: 'agreement', label: 'An agreement' },
              ]}
              aria-labelledby="log-against-label"
            />
          </Input.Wrapper>
          {target === 'ticket' ? (
            <Select
              label="Ticket"
              required
              searchable
              clearable
              placeholder="Search open tickets by number or subject"
              nothingFoundMessage="No open ticket matches"
              data={ticketOptions}
              value={ticketId}
              onChange={setTicketId}
              description={
                picked
                  ? picked.agreementId
                    ? `Draws on ${agreementLabel(picked.agreementId)}`
                    : 'This ticket has no agreement'
                  : undefined
              }
              error={
                missingTarget ??
                fieldError(create.error, 'ticketId') ??
                fieldError(create.error, 'agreementId')
              }
            />
          ) : (
            <Select
              label="Agreement"
              required
              searchable
              placeholder="Choose a client’s agreement"
              nothingFoundMessage="No active agreement matches"
              data={agreementOptions}
              value={agreementId}
              onChange={setAgreementId}
              error={missingTarget ?? fieldError(create.error, 'agreementId')}
            />
          )}
          <EntryFields values={values} onChange={setValues} error={create.error} durationTouched={touched} />
          {general && (
            <Alert color="red" role="alert" p="xs">
              {general}
            </Alert>
          )}
          <Button type="submit" loading={create.isPending}>
            Log time
          </Button>
          <Text size="xs" c="dimmed">
            The date is the work date in the agreement’s time zone.
          </Text>
        </Stack>
      </form>
    </Card>
  );
}

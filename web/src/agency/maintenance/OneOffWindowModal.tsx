import { Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import type { Client } from '../../api/types';
import { formatWindowTimes } from '../../components/maintenance';
import { AGREEMENT_KIND_LABEL } from '../clients/AgreementCard';
import { wallTimeToInstant } from '../settings/zoned';
import { parseDuration } from '../time/duration';
import { DurationInput, FormActions } from './form-parts';
import { useClientAgreements, useCreateOneOffWindow } from './maintenanceApi';

const DAY_MS = 86_400_000;

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * A one-off window for one agreement, set in the agreement's time zone. An end at or before the start means
 * the window runs past midnight into the next day.
 */
export function OneOffWindowModal({
  clients,
  clientId: initialClientId,
  onClose,
}: {
  clients: Client[];
  clientId: string | null;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [clientId, setClientId] = useState<string | null>(initialClientId);
  const [agreementId, setAgreementId] = useState<string | null>(null);
  const [title, setTitle] = useState('One-off maintenance');
  const [date, setDate] = useState('');
  const [from, setFrom] = useState('18:00');
  const [to, setTo] = useState('20:00');
  const [capacity, setCapacity] = useState('2h');
  const agreements = useClientAgreements(clientId);
  const create = useCreateOneOffWindow();
  const agreementList = (agreements.data ?? []).filter((a) => a.status === 'active');
  const chosen =
    agreementList.find((a) => a.id === agreementId) ??
    (agreementList.length === 1 ? agreementList[0] : undefined);
  const zone = chosen?.timeZone ?? null;
  const capacityMinutes = parseDuration(capacity);

  const times = (() => {
    if (!zone || !date) return null;
    const start = wallTimeToInstant(`${date}T${from}`, zone);
    let end = wallTimeToInstant(`${date}T${to}`, zone);
    if (!start || !end) return null;
    if (end <= start) end = wallTimeToInstant(`${nextDate(date)}T${to}`, zone);
    return end ? { startsAt: start.toISOString(), endsAt: end.toISOString() } : null;
  })();

  const apiError = create.error instanceof ApiError ? create.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !times || !capacityMinutes) return;
    create.mutate(
      { agreementId: chosen.id, title: title.trim(), capacityMinutes, ...times },
      { onSuccess: (window) => void navigate(`/maintenance/windows/${window.id}`) },
    );
  };

  return (
    <Modal opened onClose={onClose} title="New one-off window" size="lg">
      <Stack component="form" gap="sm" onSubmit={submit} aria-label="New one-off window">
        <Select
          label="Client"
          required
          placeholder="Choose a client"
          data={clients.map((client) => ({ value: client.id, label: client.name }))}
          value={clientId}
          onChange={(value) => {
            setClientId(value);
            setAgreementId(null);
          }}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Agreement"
          required
          placeholder={clientId ? 'Choose an agreement' : 'Choose a client first'}
          disabled={!clientId || agreements.isPending}
          data={agreementList.map((a) => ({
            value: a.id,
            label: `${a.name} (${AGREEMENT_KIND_LABEL[a.kind]})`,
          }))}
          value={chosen?.id ?? null}
          onChange={setAgreementId}
          nothingFoundMessage="This client has no active agreement"
          error={
            clientId && agreements.isSuccess && agreementList.length === 0
              ? 'This client has no active agreement'
              : undefined
          }
        />
        <TextInput
          label="Title"
          required
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={apiError?.fieldError('title')}
        />
        <Group grow align="flex-start" gap="xs">
          <TextInput
            type="date"
            label="Date"
            required
            value={date}
            onChange={(event) => setDate(event.currentTarget.value)}
            description={zone ? `In ${zone}` : 'In the agreement’s time zone'}
            error={apiError?.fieldError('startsAt')}
          />
          <TextInput
            type="time"
            label="Starts"
            required
            value={from}
            onChange={(event) => setFrom(event.currentTarget.value)}
          />
          <TextInput
            type="time"
            label="Ends"
            required
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            error={apiError?.fieldError('endsAt')}
          />
        </Group>
        <DurationInput
          label="Capacity"
          value={capacity}
          onChange={setCapacity}
          minutes={capacityMinutes}
          suffix=" of work"
          hint="Hours of work it holds: 4h, 90, 1h30"
          unreadable="Write minutes (90), hours and minutes (1h30) or hours (4h)"
          serverError={apiError?.fieldError('capacityMinutes')}
        />
        {times && zone && (
          <Text size="sm" data-testid="one-off-preview">
            {formatWindowTimes(times.startsAt, times.endsAt, zone)}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          The backlog is planned again at once: items that fit move into the new window by priority, then due
          date, then age.
        </Text>
        <FormActions
          error={create.error}
          fields={['title', 'startsAt', 'endsAt', 'capacityMinutes']}
          onCancel={onClose}
          saving={create.isPending}
          disabled={!chosen || !times || !capacityMinutes || !title.trim()}
          submitLabel="Create window"
        />
      </Stack>
    </Modal>
  );
}

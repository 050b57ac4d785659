import { Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { PRIORITIES, type MaintenanceChore, type Priority } from '../../api/types';
import { formatMinutes } from '../../app/format';
import { parseDuration } from '../time/duration';
import { DurationInput, FormActions } from './form-parts';
import { useSaveChore } from './maintenanceApi';

const CADENCES = [
  { value: '1', label: 'Every month' },
  { value: '2', label: 'Every 2 months' },
  { value: '3', label: 'Every quarter' },
  { value: '6', label: 'Every 6 months' },
  { value: '12', label: 'Every year' },
];

const FIELDS = ['title', 'description', 'cadenceMonths', 'estimateMinutes', 'priority', 'nextDueOn'];

/** A recurring chore: what, how often, how long it takes, and when it is next due. */
export function ChoreForm({
  agreementId,
  timeZone,
  chore,
  today,
  onDone,
}: {
  agreementId: string;
  timeZone: string;
  chore?: MaintenanceChore;
  today: string;
  onDone: () => void;
}) {
  const [title, setTitle] = useState(chore?.title ?? '');
  const [description, setDescription] = useState(chore?.description ?? '');
  const [cadence, setCadence] = useState(String(chore?.cadenceMonths ?? 1));
  const [estimate, setEstimate] = useState(
    chore ? formatMinutes(chore.estimateMinutes).replace(/ /g, '') : '1h',
  );
  const [priority, setPriority] = useState<Priority>(chore?.priority ?? 'low');
  const [nextDueOn, setNextDueOn] = useState(chore?.nextDueOn ?? today);
  const save = useSaveChore(agreementId);
  const apiError = save.error instanceof ApiError ? save.error : null;
  const estimateMinutes = parseDuration(estimate);
  const cadenceOptions = CADENCES.some((c) => c.value === cadence)
    ? CADENCES
    : [...CADENCES, { value: cadence, label: `Every ${cadence} months` }];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!estimateMinutes) return;
    const body = {
      title: title.trim(),
      description: description.trim(),
      cadenceMonths: Number(cadence),
      estimateMinutes,
      priority,
      nextDueOn,
    };
    save.mutate(chore ? { id: chore.id, ...body } : body, { onSuccess: onDone });
  };

  return (
    <Stack component="form" gap="sm" onSubmit={submit} aria-label={chore ? 'Edit chore' : 'New chore'}>
      <TextInput
        label="Title"
        placeholder="Update dependencies"
        required
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
        error={apiError?.fieldError('title')}
      />
      <Textarea
        label="What to do"
        autosize
        minRows={2}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        error={apiError?.fieldError('description')}
      />
      <Group grow gap="xs" align="flex-start">
        <NativeSelect
          label="Cadence"
          value={cadence}
          onChange={(event) => setCadence(event.currentTarget.value)}
          data={cadenceOptions}
          error={apiError?.fieldError('cadenceMonths')}
        />
        <DurationInput
          label="Estimate"
          value={estimate}
          onChange={setEstimate}
          minutes={estimateMinutes}
          hint="1h, 45, 1h30"
          unreadable="Write 1h, 45 or 1h30"
          serverError={apiError?.fieldError('estimateMinutes')}
        />
      </Group>
      <Group grow gap="xs" align="flex-start">
        <NativeSelect
          label="Priority"
          value={priority}
          onChange={(event) => setPriority(event.currentTarget.value as Priority)}
          data={PRIORITIES}
          error={apiError?.fieldError('priority')}
        />
        <TextInput
          type="date"
          label="Next due"
          description={`A date in ${timeZone}`}
          required
          value={nextDueOn}
          onChange={(event) => setNextDueOn(event.currentTarget.value)}
          error={apiError?.fieldError('nextDueOn')}
        />
      </Group>
      <Text size="xs" c="dimmed">
        A ticket for the chore appears when it falls due for the next window, and is planned with the backlog.
      </Text>
      <FormActions
        error={save.error}
        fields={FIELDS}
        onCancel={onDone}
        saving={save.isPending}
        disabled={!title.trim() || !estimateMinutes || !nextDueOn}
        submitLabel={chore ? 'Save chore' : 'Add chore'}
      />
    </Stack>
  );
}

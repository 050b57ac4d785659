import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { TimeEntry } from '../../api/types';
import { parseDuration } from './duration';
import { EntryFields, formError, type EntryValues } from './fields';
import { invalidateTimeViews } from './invalidate';

/** Edits one of my entries; what it was logged against stays as it is. */
export function EditEntryModal({
  entry,
  target,
  onClose,
}: {
  entry: TimeEntry | null;
  target: string;
  onClose: () => void;
}) {
  return (
    <Modal opened={entry !== null} onClose={onClose} title="Edit time entry" centered>
      {entry && <EditForm key={entry.id} entry={entry} target={target} onDone={onClose} />}
    </Modal>
  );
}

function EditForm({ entry, target, onDone }: { entry: TimeEntry; target: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [touched, setTouched] = useState(false);
  const [values, setValues] = useState<EntryValues>({
    date: entry.date,
    duration: String(entry.minutes),
    category: entry.category,
    billable: entry.billable,
    description: entry.description,
  });
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<TimeEntry>(`/time-entries/${entry.id}`, body),
    onSuccess: async () => {
      await invalidateTimeViews(queryClient);
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const minutes = parseDuration(values.duration);
    if (minutes === null) return;
    save.mutate({
      date: values.date,
      minutes,
      category: values.category,
      billable: values.billable,
      description: values.description,
    });
  };
  const general = formError(save.error, ['date', 'minutes', 'category', 'billable', 'description']);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Against {target}
        </Text>
        <EntryFields values={values} onChange={setValues} error={save.error} durationTouched={touched} />
        {general && (
          <Alert color="red" role="alert" p="xs">
            {general}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Select, Switch, Textarea, TextInput } from '@mantine/core';
import { ApiError } from '../../api/client';
import { formatMinutes } from '../../app/format';
import { parseDuration } from './duration';

export const CATEGORIES = [
  { value: 'bugfix', label: 'Bug fix' },
  { value: 'enhancement', label: 'Enhancement' },
  { value: 'advisory', label: 'Advisory' },
  { value: 'maintenance', label: 'Maintenance' },
] as const;
export type Category = (typeof CATEGORIES)[number]['value'];

export const CATEGORY_LABEL: Record<Category, string> = Object.fromEntries(
  CATEGORIES.map((c) => [c.value, c.label]),
) as Record<Category, string>;

/** What the entry's fields hold while being edited (create and edit share them). */
export interface EntryValues {
  date: string;
  duration: string;
  category: Category;
  billable: boolean;
  description: string;
}

export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(path) : undefined;
}

/** The server's message when no field shows it. */
export function formError(error: unknown, shownPaths: string[]): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.issues.some((issue) => shownPaths.includes(issue.path))) return null;
  return error instanceof Error ? error.message : 'Something went wrong';
}

/** Date, duration, category, billable and description, with the server's errors next to each. */
export function EntryFields({
  values,
  onChange,
  error,
  durationTouched,
}: {
  values: EntryValues;
  onChange: (values: EntryValues) => void;
  error: unknown;
  durationTouched: boolean;
}) {
  const minutes = parseDuration(values.duration);
  const durationProblem =
    durationTouched && values.duration.trim() !== '' && minutes === null
      ? 'Write minutes (90), hours and minutes (1h30) or hours (1.5h)'
      : undefined;
  return (
    <>
      <TextInput
        type="date"
        label="Date"
        required
        value={values.date}
        onChange={(event) => onChange({ ...values, date: event.currentTarget.value })}
        error={fieldError(error, 'date')}
      />
      <TextInput
        label="Duration"
        required
        placeholder="1h30"
        description={minutes !== null && minutes > 0 ? `= ${formatMinutes(minutes)}` : '90, 1h30 or 1.5h'}
        value={values.duration}
        onChange={(event) => onChange({ ...values, duration: event.currentTarget.value })}
        error={durationProblem ?? fieldError(error, 'minutes')}
        inputMode="text"
        autoComplete="off"
      />
      <Select
        label="Category"
        required
        data={CATEGORIES.map((c) => ({ value: c.value, label: c.label }))}
        value={values.category}
        onChange={(value) => value && onChange({ ...values, category: value })}
        allowDeselect={false}
        error={fieldError(error, 'category')}
      />
      <Switch
        label="Billable"
        checked={values.billable}
        onChange={(event) => onChange({ ...values, billable: event.currentTarget.checked })}
        error={fieldError(error, 'billable')}
      />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        maxRows={6}
        value={values.description}
        onChange={(event) => onChange({ ...values, description: event.currentTarget.value })}
        error={fieldError(error, 'description')}
      />
    </>
  );
}

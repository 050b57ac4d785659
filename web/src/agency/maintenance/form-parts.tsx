import { Button, Group, TextInput } from '@mantine/core';
import { formatMinutes } from '../../app/format';
import { ServerError } from '../ticket/bits';

/*
 * Pieces the maintenance forms (schedule, chore, one-off window) share: a duration typed as people write it,
 * and the closing row of server error, Cancel and submit.
 */

/** A duration field: "= 1 h 30 min" under it once it reads, the hint before, and why it does not read. */
export function DurationInput({
  label,
  value,
  onChange,
  minutes,
  hint,
  unreadable,
  serverError,
  suffix = '',
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** The parsed value of `value` (null when it does not read as a duration). */
  minutes: number | null;
  hint: string;
  /** Shown when something is typed that does not read as a duration. */
  unreadable: string;
  serverError: string | undefined;
  /** Said after the read-back figure ("of work"). */
  suffix?: string;
}) {
  return (
    <TextInput
      label={label}
      required
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      description={minutes ? `= ${formatMinutes(minutes)}${suffix}` : hint}
      error={value.trim() && minutes === null ? unreadable : serverError}
    />
  );
}

/** The server's error not shown at a field, then Cancel and the submit button. */
export function FormActions({
  error,
  fields,
  onCancel,
  saving,
  disabled,
  submitLabel,
}: {
  error: unknown;
  fields: string[];
  onCancel: () => void;
  saving: boolean;
  disabled: boolean;
  submitLabel: string;
}) {
  return (
    <>
      <ServerError error={error} fields={fields} />
      <Group gap="xs" justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={saving} disabled={disabled}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}

import { Group, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import type { MaintenanceSchedule } from '../../api/types';
import { formatMinutes } from '../../app/format';
import { parseDuration } from '../time/duration';
import { DurationInput, FormActions } from './form-parts';
import { useSaveSchedule } from './maintenanceApi';
import { NTHS, previewRule, WEEKDAYS, type Nth, type ScheduleRule, type Weekday } from './schedule-rule';

const FIELDS = [
  'name',
  'capacityMinutes',
  'rule',
  'rule.startTime',
  'rule.durationMinutes',
  'rule.firstMonth',
];

const UNREADABLE = 'Write 4h, 90 or 1h30';

/**
 * A recurring window: which day of the month (the nth weekday or a fixed day), when it starts and how long it
 * lasts in the agreement's time zone, monthly or quarterly, and how much work it holds.
 */
export function ScheduleForm({
  agreementId,
  timeZone,
  schedule,
  defaultMonth,
  onDone,
}: {
  agreementId: string;
  timeZone: string;
  schedule?: MaintenanceSchedule;
  defaultMonth: string;
  onDone: () => void;
}) {
  const rule = schedule?.rule;
  const [name, setName] = useState(schedule?.name ?? 'Monthly maintenance');
  const [frequency, setFrequency] = useState<ScheduleRule['frequency']>(rule?.frequency ?? 'monthly');
  const [kind, setKind] = useState<ScheduleRule['on']['kind']>(rule?.on.kind ?? 'nth_weekday');
  const [nth, setNth] = useState<Nth>(rule?.on.kind === 'nth_weekday' ? rule.on.nth : 2);
  const [weekday, setWeekday] = useState<Weekday>(rule?.on.kind === 'nth_weekday' ? rule.on.weekday : 'TU');
  const [day, setDay] = useState(rule?.on.kind === 'day_of_month' ? String(rule.on.day) : '1');
  const [startTime, setStartTime] = useState(rule?.startTime ?? '18:00');
  const [duration, setDuration] = useState(
    rule ? formatMinutes(rule.durationMinutes).replace(/ /g, '') : '4h',
  );
  const [capacity, setCapacity] = useState(
    schedule ? formatMinutes(schedule.capacityMinutes).replace(/ /g, '') : '4h',
  );
  const [firstMonth, setFirstMonth] = useState(rule?.firstMonth ?? defaultMonth);
  const save = useSaveSchedule(agreementId);
  const apiError = save.error instanceof ApiError ? save.error : null;

  const durationMinutes = parseDuration(duration);
  const capacityMinutes = parseDuration(capacity);
  const draft: ScheduleRule | null =
    durationMinutes && /^\d{2}:\d{2}$/.test(startTime)
      ? {
          frequency,
          on: kind === 'nth_weekday' ? { kind, nth, weekday } : { kind, day: Number(day) },
          startTime,
          durationMinutes,
          firstMonth,
        }
      : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft || !capacityMinutes) return;
    const body = { name: name.trim(), rule: draft, capacityMinutes };
    save.mutate(schedule ? { id: schedule.id, ...body } : body, { onSuccess: onDone });
  };

  return (
    <Stack
      component="form"
      gap="sm"
      onSubmit={submit}
      aria-label={schedule ? 'Edit schedule' : 'New schedule'}
    >
      <TextInput
        label="Name"
        description="Also the title of each window"
        required
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={apiError?.fieldError('name')}
      />
      <SegmentedControl
        aria-label="How often"
        value={frequency}
        onChange={(value) => setFrequency(value)}
        data={[
          { value: 'monthly', label: 'Monthly' },
          { value: 'quarterly', label: 'Quarterly' },
        ]}
      />
      <SegmentedControl
        aria-label="Which day"
        value={kind}
        onChange={(value) => setKind(value)}
        data={[
          { value: 'nth_weekday', label: 'A weekday of the month' },
          { value: 'day_of_month', label: 'A date' },
        ]}
      />
      {kind === 'nth_weekday' ? (
        <Group grow gap="xs">
          <NativeSelect
            label="Which"
            value={String(nth)}
            onChange={(event) => setNth(Number(event.currentTarget.value) as Nth)}
            data={NTHS.map((n) => ({ value: String(n.value), label: n.label }))}
          />
          <NativeSelect
            label="Weekday"
            value={weekday}
            onChange={(event) => setWeekday(event.currentTarget.value as Weekday)}
            data={WEEKDAYS}
          />
        </Group>
      ) : (
        <TextInput
          label="Day of the month"
          description="29–31 fall on the last day of shorter months"
          type="number"
          min={1}
          max={31}
          value={day}
          onChange={(event) => setDay(event.currentTarget.value)}
          error={apiError?.fieldError('rule.on.day')}
        />
      )}
      <Group grow gap="xs" align="flex-start">
        <TextInput
          type="time"
          label="Starts"
          description={`In ${timeZone}`}
          required
          value={startTime}
          onChange={(event) => setStartTime(event.currentTarget.value)}
          error={apiError?.fieldError('rule.startTime')}
        />
        <DurationInput
          label="Lasts"
          value={duration}
          onChange={setDuration}
          minutes={durationMinutes}
          hint="4h, 90, 1h30"
          unreadable={UNREADABLE}
          serverError={apiError?.fieldError('rule.durationMinutes')}
        />
      </Group>
      <Group grow gap="xs" align="flex-start">
        <DurationInput
          label="Capacity"
          value={capacity}
          onChange={setCapacity}
          minutes={capacityMinutes}
          suffix=" of work"
          hint="Hours of work it holds"
          unreadable={UNREADABLE}
          serverError={apiError?.fieldError('capacityMinutes')}
        />
        <TextInput
          type="month"
          label="From"
          description={frequency === 'quarterly' ? 'Every third month from this one' : 'The first month'}
          required
          value={firstMonth}
          onChange={(event) => setFirstMonth(event.currentTarget.value)}
          error={apiError?.fieldError('rule.firstMonth')}
        />
      </Group>
      {draft && (
        <Text size="sm" data-testid="schedule-preview">
          {previewRule(draft)} ({timeZone})
          {capacityMinutes ? `, capacity ${formatMinutes(capacityMinutes)}` : ''}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        Saving creates (or moves) its windows for the next 12 months and plans the backlog again.
      </Text>
      <FormActions
        error={save.error}
        fields={FIELDS}
        onCancel={onDone}
        saving={save.isPending}
        disabled={!draft || !capacityMinutes || !name.trim()}
        submitLabel={schedule ? 'Save schedule' : 'Add schedule'}
      />
    </Stack>
  );
}

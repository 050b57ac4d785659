import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  FileInput,
  Grid,
  Group,
  InputBase,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { Calendar, ListOf, SlaPolicy } from '../../api/types';
import { useMe } from '../../app/auth';
import { formatDate } from '../../app/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import {
  EditorActions,
  RemoveButton,
  SaveErrorAlert,
  fieldErrorFrom,
  timeZoneOptions,
  useCanEdit,
} from './shared';
import {
  SlaPreviewPanel,
  createdAtInstant,
  useCreatedAt,
  useSlaPreview,
  type CalendarSpecBody,
  type PreviewBody,
} from './SlaPreviewPanel';
import { instantToWallTime } from './zoned';

const DAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;
type Day = (typeof DAYS)[number][0];
type Span = [string, string];

interface HolidayRow {
  date: string;
  name: string;
}

interface CalendarForm {
  name: string;
  timeZone: string;
  weekly: Record<Day, Span[]>;
  holidays: HolidayRow[];
}

export function useCalendars() {
  return useQuery({ queryKey: ['calendars'], queryFn: () => api.get<ListOf<Calendar>>('/calendars') });
}

export function useSlaPolicies() {
  return useQuery({ queryKey: ['sla-policies'], queryFn: () => api.get<ListOf<SlaPolicy>>('/sla-policies') });
}

function toForm(calendar: Calendar): CalendarForm {
  const weekly = Object.fromEntries(
    DAYS.map(([day]) => [day, calendar.weekly[day].map(([start, end]) => [start, end] as Span)]),
  ) as Record<Day, Span[]>;
  return {
    name: calendar.name,
    timeZone: calendar.timeZone,
    weekly,
    holidays: (calendar.holidays ?? []).map((holiday) =>
      typeof holiday === 'string'
        ? { date: holiday, name: '' }
        : { date: holiday.date, name: holiday.name ?? '' },
    ),
  };
}

function toSpec(form: CalendarForm): CalendarSpecBody {
  return {
    name: form.name,
    timeZone: form.timeZone,
    weekly: form.weekly,
    holidays: form.holidays.map((holiday) =>
      holiday.name.trim() ? { date: holiday.date, name: holiday.name.trim() } : holiday.date,
    ),
  };
}

function newCalendarForm(timeZone: string): CalendarForm {
  const office: Span[] = [['09:00', '17:00']];
  return {
    name: '',
    timeZone,
    weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
    holidays: [],
  };
}

function minutesOf(hhmm: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function hhmm(minutes: number): string {
  if (minutes >= 1440) return '24:00';
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A sensible next span: office hours on a closed day, otherwise two hours an hour after the last one. */
function nextSpan(spans: Span[]): Span {
  const last = spans[spans.length - 1];
  if (!last) return ['09:00', '17:00'];
  const end = minutesOf(last[1]) ?? 1020;
  const start = Math.min(end + 60, 1380);
  return [hhmm(start), hhmm(Math.min(start + 120, 1440))];
}

/** "Mon–Fri 09:00–17:00", "Sat 10:00–14:00" … a short summary of the week. */
function summarizeWeek(weekly: Calendar['weekly']): string {
  const groups: { days: string[]; text: string }[] = [];
  for (const [day, label] of DAYS) {
    const text = weekly[day].map(([start, end]) => `${start}–${end}`).join(', ');
    if (!text) continue;
    const last = groups[groups.length - 1];
    const previousDay = DAYS[DAYS.findIndex(([d]) => d === day) - 1]?.[1].slice(0, 3);
    if (last && last.text === text && last.days[last.days.length - 1] === previousDay)
      last.days.push(label.slice(0, 3));
    else groups.push({ days: [label.slice(0, 3)], text });
  }
  return groups
    .map(
      (g) =>
        `${g.days.length > 2 ? `${g.days[0]}–${g.days[g.days.length - 1]}` : g.days.join(', ')} ${g.text}`,
    )
    .join(' · ');
}

export function CalendarsList() {
  const calendars = useCalendars();
  const policies = useSlaPolicies();
  const canEdit = useCanEdit();
  if (calendars.isPending) return <LoadingState label="Loading calendars…" />;
  if (calendars.error) return <ErrorState error={calendars.error} onRetry={() => void calendars.refetch()} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={560}>
          Business calendars say when SLA clocks run: opening hours per weekday, holidays and the time zone.
        </Text>
        {canEdit && (
          <Button component={Link} to="new" size="sm">
            New calendar
          </Button>
        )}
      </Group>
      {calendars.data.items.length === 0 ? (
        <EmptyState title="No calendars yet">
          Create one to give SLA policies their business hours.
        </EmptyState>
      ) : (
        calendars.data.items.map((calendar) => {
          const usedBy = policies.data?.items.filter((policy) => policy.calendarId === calendar.id) ?? [];
          return (
            <Paper key={calendar.id} withBorder p="md">
              <Stack gap={4}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Anchor component={Link} to={calendar.id} fw={600}>
                    {calendar.name}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {calendar.timeZone}
                  </Text>
                </Group>
                <Text size="sm">{summarizeWeek(calendar.weekly)}</Text>
                <Text size="sm" c="dimmed">
                  {(calendar.holidays ?? []).length} holidays ·{' '}
                  {usedBy.length
                    ? `used by ${usedBy.map((policy) => policy.name).join(', ')}`
                    : 'not used by any SLA policy'}
                </Text>
              </Stack>
            </Paper>
          );
        })
      )}
    </Stack>
  );
}

export function CalendarEditor() {
  const { id } = useParams();
  const isNew = id === undefined;
  const calendar = useQuery({
    queryKey: ['calendars', id],
    queryFn: () => api.get<Calendar>(`/calendars/${id}`),
    enabled: !isNew,
  });
  const { data: me } = useMe();
  if (!isNew && calendar.isPending) return <LoadingState label="Loading the calendar…" />;
  if (!isNew && calendar.error)
    return <ErrorState error={calendar.error} onRetry={() => void calendar.refetch()} />;
  const initial = calendar.data ? toForm(calendar.data) : newCalendarForm(me?.organization.timeZone ?? 'UTC');
  return <CalendarFormView key={id ?? 'new'} id={id} initial={initial} />;
}

function CalendarFormView({ id, initial: loaded }: { id: string | undefined; initial: CalendarForm }) {
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // What is saved (the form's starting point), and the form as edited.
  const [initial, setInitial] = useState<CalendarForm>(loaded);
  const [form, setForm] = useState<CalendarForm>(loaded);
  const adopt = (saved: Calendar) => {
    setInitial(toForm(saved));
    setForm(toForm(saved));
  };
  const [newHoliday, setNewHoliday] = useState<HolidayRow>({ date: '', name: '' });
  const spec = useMemo(() => toSpec(form), [form]);
  const dirty = JSON.stringify(spec) !== JSON.stringify(toSpec(initial));

  const save = useMutation({
    mutationFn: (body: CalendarSpecBody) =>
      id ? api.put<Calendar>(`/calendars/${id}`, body) : api.post<Calendar>('/calendars', body),
    onSuccess: async (saved) => {
      notifications.show({ color: 'teal', message: `Calendar “${saved.name}” saved.` });
      queryClient.setQueryData(['calendars', saved.id], saved);
      adopt(saved);
      await queryClient.invalidateQueries({ queryKey: ['calendars'], exact: true });
      if (!id) void navigate(`../calendars/${saved.id}`, { replace: true, relative: 'path' });
    },
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/calendars/${id}`),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Calendar deleted.' });
      await queryClient.invalidateQueries({ queryKey: ['calendars'] });
      void navigate('/settings/calendars');
    },
  });
  // A change to the form makes the last save's errors stale.
  const resetSave = save.reset;
  useEffect(() => resetSave(), [form, resetSave]);

  // Preview: the unsaved calendar with the targets of a policy of the user's choice.
  const policies = useSlaPolicies();
  const policyOptions = useMemo(() => {
    const items = [...(policies.data?.items ?? [])];
    items.sort((a, b) => Number(b.calendarId === id) - Number(a.calendarId === id));
    return items;
  }, [policies.data, id]);
  const [policyId, setPolicyId] = useState<string | null>(null);
  const policy = policyOptions.find((p) => p.id === policyId) ?? policyOptions[0];
  const [createdAt, setCreatedAt] = useCreatedAt();
  const at = createdAtInstant(createdAt, form.timeZone);
  const body: PreviewBody | null =
    policy && at !== null ? { calendar: spec, tiers: policy.tiers, ...(at ? { at } : {}) } : null;
  const { query: preview, settling } = useSlaPreview(body);

  const sources = [{ error: save.error }, { error: preview.error, prefix: 'calendar.' }];
  const err = (path: string) => fieldErrorFrom(sources, path);

  const setDay = (day: Day, spans: Span[]) =>
    setForm((f) => ({ ...f, weekly: { ...f.weekly, [day]: spans } }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(spec);
  };

  const addHoliday = () => {
    if (!newHoliday.date) return;
    setForm((f) => ({
      ...f,
      holidays: [...f.holidays.filter((h) => h.date !== newHoliday.date), newHoliday].sort((a, b) =>
        a.date.localeCompare(b.date),
      ),
    }));
    setNewHoliday({ date: '', name: '' });
  };

  const zones = useMemo(() => timeZoneOptions(form.timeZone), [form.timeZone]);
  // Today in the calendar's zone, to tell past holidays apart.
  const today = instantToWallTime(Date.now(), form.timeZone).slice(0, 10);

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <form onSubmit={submit} aria-labelledby="calendar-form-title">
          <Stack>
            <Group justify="space-between" wrap="wrap">
              <Title order={2} size="h3" id="calendar-form-title">
                {id ? initial.name : 'New calendar'}
              </Title>
              <Anchor component={Link} to="/settings/calendars" size="sm">
                All calendars
              </Anchor>
            </Group>
            <Fieldset variant="unstyled" disabled={!canEdit}>
              <Stack>
                <SaveErrorAlert error={save.error} />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    label="Name"
                    required
                    value={form.name}
                    onChange={(e) => {
                      const name = e.currentTarget.value;
                      setForm((f) => ({ ...f, name }));
                    }}
                    error={err('name')}
                  />
                  <Select
                    label="Time zone"
                    required
                    searchable
                    data={zones}
                    value={form.timeZone}
                    onChange={(value) => value && setForm((f) => ({ ...f, timeZone: value }))}
                    error={err('timeZone')}
                    limit={50}
                  />
                </SimpleGrid>

                <Paper withBorder p="md" component="section" aria-labelledby="weekly-title">
                  <Stack gap="sm">
                    <div>
                      <Title order={3} size="h5" id="weekly-title">
                        Opening hours
                      </Title>
                      <Text size="xs" c="dimmed">
                        Local times in {form.timeZone}, “HH:MM”. A day may have several spans; “24:00” is the
                        end of the day.
                      </Text>
                    </div>
                    {err('weekly') && (
                      <Text size="sm" c="red" role="alert">
                        {err('weekly')}
                      </Text>
                    )}
                    {DAYS.map(([day, label]) => (
                      <DayRow
                        key={day}
                        day={day}
                        label={label}
                        spans={form.weekly[day]}
                        onChange={(spans) => setDay(day, spans)}
                        error={err}
                      />
                    ))}
                  </Stack>
                </Paper>

                <Paper withBorder p="md" component="section" aria-labelledby="holidays-title">
                  <Stack gap="sm">
                    <div>
                      <Title order={3} size="h5" id="holidays-title">
                        Holidays
                      </Title>
                      <Text size="xs" c="dimmed">
                        Whole days on which SLA clocks stand still.
                      </Text>
                    </div>
                    {err('holidays') && (
                      <Text size="sm" c="red" role="alert">
                        {err('holidays')}
                      </Text>
                    )}
                    {form.holidays.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        No holidays.
                      </Text>
                    ) : (
                      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                        {form.holidays.map((holiday, index) => {
                          const problem = err(`holidays.${index}`) ?? err(`holidays.${index}.date`);
                          const past = holiday.date < today;
                          return (
                            <li key={holiday.date + String(index)}>
                              <Group gap="xs" wrap="nowrap" justify="space-between">
                                <Text size="sm" style={{ minWidth: 0 }} c={past ? 'dimmed' : undefined}>
                                  <Text span fw={500}>
                                    {/^\d{4}-\d{2}-\d{2}$/.test(holiday.date)
                                      ? formatDate(holiday.date)
                                      : holiday.date}
                                  </Text>
                                  {holiday.name && (
                                    <Text span c="dimmed">
                                      {' '}
                                      · {holiday.name}
                                    </Text>
                                  )}
                                </Text>
                                {canEdit && (
                                  <RemoveButton
                                    label={`Remove holiday ${holiday.date}`}
                                    onClick={() =>
                                      setForm((f) => ({
                                        ...f,
                                        holidays: f.holidays.filter((_, i) => i !== index),
                                      }))
                                    }
                                  />
                                )}
                              </Group>
                              {problem && (
                                <Text size="xs" c="red">
                                  {problem}
                                </Text>
                              )}
                            </li>
                          );
                        })}
                      </Stack>
                    )}
                    <Group align="flex-end" gap="xs" wrap="wrap">
                      <TextInput
                        type="date"
                        label="Holiday date"
                        value={newHoliday.date}
                        onChange={(e) => {
                          const date = e.currentTarget.value;
                          setNewHoliday((h) => ({ ...h, date }));
                        }}
                      />
                      <TextInput
                        label="Holiday name"
                        placeholder="optional"
                        value={newHoliday.name}
                        onChange={(e) => {
                          const name = e.currentTarget.value;
                          setNewHoliday((h) => ({ ...h, name }));
                        }}
                        style={{ flex: 1, minWidth: 140 }}
                      />
                      <Button variant="light" onClick={addHoliday} disabled={!newHoliday.date}>
                        Add holiday
                      </Button>
                    </Group>
                  </Stack>
                </Paper>

                <EditorActions
                  noun="calendar"
                  isNew={!id}
                  dirty={dirty}
                  saving={save.isPending}
                  onDiscard={() => setForm(initial)}
                  removeQuestion="Delete this calendar? A calendar an SLA policy uses cannot be deleted."
                  removing={remove.isPending}
                  onRemove={() => remove.mutate()}
                />
                {remove.error && (
                  <Alert color="red" role="alert">
                    {remove.error.message}
                  </Alert>
                )}
              </Stack>
            </Fieldset>
            {id && <IcsImport calendarId={id} dirty={dirty} onImported={adopt} />}
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <div style={{ position: 'sticky', top: 72 }}>
          <SlaPreviewPanel
            preview={preview.data}
            settling={settling && body !== null}
            error={preview.error}
            available={!!policy}
            zone={form.timeZone}
            createdAt={createdAt}
            onCreatedAtChange={setCreatedAt}
            emptyText={
              policies.isPending
                ? 'Loading SLA policies…'
                : 'Create an SLA policy to see deadlines under this calendar.'
            }
            header={
              policyOptions.length > 0 && (
                <Select
                  label="Targets from SLA policy"
                  data={policyOptions.map((p) => ({
                    value: p.id,
                    label: p.calendarId === id ? `${p.name} (uses this calendar)` : p.name,
                  }))}
                  value={policy?.id ?? null}
                  onChange={setPolicyId}
                  allowDeselect={false}
                />
              )
            }
          />
        </div>
      </Grid.Col>
    </Grid>
  );
}

function DayRow({
  day,
  label,
  spans,
  onChange,
  error,
}: {
  day: Day;
  label: string;
  spans: Span[];
  onChange: (spans: Span[]) => void;
  error: (path: string) => string | undefined;
}) {
  const setTime = (index: number, side: 0 | 1, value: string) =>
    onChange(
      spans.map((span, i) => (i === index ? (side === 0 ? [value, span[1]] : [span[0], value]) : span)),
    );
  const dayError = error(`weekly.${day}`);
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" role="group" aria-label={label}>
      <Text size="sm" fw={500} w={72} pt={6} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Stack gap={6} align="flex-start" style={{ flex: 1, minWidth: 0 }}>
        {spans.length === 0 && (
          <Text size="sm" c="dimmed" pt={6}>
            Closed
          </Text>
        )}
        {spans.map((span, index) => {
          const startError = error(`weekly.${day}.${index}.0`);
          const endError = error(`weekly.${day}.${index}.1`);
          const spanError = error(`weekly.${day}.${index}`);
          const message = spanError ?? startError ?? endError;
          const messageId = `span-error-${day}-${index}`;
          return (
            <div key={index}>
              <Group gap={6} wrap="nowrap">
                <InputBase
                  aria-label={`${label} span ${index + 1} opens`}
                  placeholder="09:00"
                  w={72}
                  maxLength={5}
                  inputMode="numeric"
                  value={span[0]}
                  onChange={(e) => setTime(index, 0, e.currentTarget.value)}
                  error={!!(spanError ?? startError)}
                  // Mantine would replace aria-describedby with its own (empty) one: the message is ours.
                  withAria={false}
                  aria-invalid={(spanError ?? startError) ? true : undefined}
                  aria-describedby={message ? messageId : undefined}
                />
                <Text size="sm" aria-hidden>
                  –
                </Text>
                <InputBase
                  aria-label={`${label} span ${index + 1} closes`}
                  placeholder="17:00"
                  w={72}
                  maxLength={5}
                  inputMode="numeric"
                  value={span[1]}
                  onChange={(e) => setTime(index, 1, e.currentTarget.value)}
                  error={!!(spanError ?? endError)}
                  // Mantine would replace aria-describedby with its own (empty) one: the message is ours.
                  withAria={false}
                  aria-invalid={(spanError ?? endError) ? true : undefined}
                  aria-describedby={message ? messageId : undefined}
                />
                <RemoveButton
                  label={`Remove ${label} span ${index + 1}`}
                  onClick={() => onChange(spans.filter((_, i) => i !== index))}
                />
              </Group>
              {message && (
                <Text size="xs" c="red" id={messageId} mt={2}>
                  {message}
                </Text>
              )}
            </div>
          );
        })}
        <Button
          variant="subtle"
          size="compact-xs"
          onClick={() => onChange([...spans, nextSpan(spans)])}
          aria-label={`Add a span on ${label}`}
        >
          Add span
        </Button>
        {dayError && (
          <Text size="xs" c="red">
            {dayError}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

function IcsImport({
  calendarId,
  dirty,
  onImported,
}: {
  calendarId: string;
  dirty: boolean;
  onImported: (calendar: Calendar) => void;
}) {
  const canEdit = useCanEdit();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const importIcs = useMutation({
    mutationFn: async () => {
      const ics = await file!.text();
      return api.post<{ calendar: Calendar; importedCount: number }>(
        `/calendars/${calendarId}/holidays/import`,
        {
          ics,
          replace,
        },
      );
    },
    onSuccess: async (result) => {
      notifications.show({
        color: 'teal',
        message: `Imported ${result.importedCount} holiday${result.importedCount === 1 ? '' : 's'} from ${file?.name ?? 'the file'}.`,
      });
      setFile(null);
      queryClient.setQueryData(['calendars', calendarId], result.calendar);
      onImported(result.calendar);
      await queryClient.invalidateQueries({ queryKey: ['calendars'], exact: true });
    },
  });
  const error = importIcs.error instanceof ApiError ? importIcs.error : null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ics-title">
      <Fieldset variant="unstyled" disabled={!canEdit || dirty}>
        <Stack gap="sm">
          <div>
            <Title order={3} size="h5" id="ics-title">
              Import holidays
            </Title>
            <Text size="xs" c="dimmed">
              From an iCalendar (.ics) file, e.g. a public-holiday feed. Imported days are saved to the
              calendar at once.
            </Text>
          </div>
          {dirty && canEdit && (
            <Text size="sm" c="orange.9">
              Save or discard your changes first: the import is saved straight to the calendar.
            </Text>
          )}
          <FileInput
            label=".ics file"
            placeholder="Choose a file"
            accept=".ics,text/calendar"
            value={file}
            onChange={(value) => {
              setFile(value);
              importIcs.reset();
            }}
            clearable
            error={error ? (error.fieldError('ics') ?? error.message) : undefined}
          />
          <Checkbox
            label="Replace the current holidays instead of adding to them"
            checked={replace}
            onChange={(e) => setReplace(e.currentTarget.checked)}
          />
          <Group>
            <Button
              variant="light"
              disabled={!file}
              loading={importIcs.isPending}
              onClick={() => importIcs.mutate()}
            >
              Import holidays
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </Paper>
  );
}

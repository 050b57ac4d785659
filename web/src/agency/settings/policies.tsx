import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Grid,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { PRIORITIES, type Priority, type SlaPolicy } from '../../api/types';
import { PRIORITY_COLOR, formatMinutes } from '../../app/format';
import { PriorityBadge } from '../../components/badges';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useCalendars, useSlaPolicies } from './calendars';
import { EditorActions, SaveErrorAlert, fieldErrorFrom, useCanEdit } from './shared';
import {
  SlaPreviewPanel,
  createdAtInstant,
  useCreatedAt,
  useSlaPreview,
  type PreviewBody,
  type SlaTiers,
} from './SlaPreviewPanel';
import { AlertFields, toAlerts, toAlertsForm, type AlertsForm } from './policy-alerts';

type Target = SlaTiers[Priority]['response'];
type TargetKind = Target['kind'];
type Unit = 'minutes' | 'hours';

interface TargetForm {
  kind: TargetKind;
  amount: number | string;
  unit: Unit;
  /** Maintenance-window targets only: whether a rolled item's due moves to its new window. */
  movesWhenRolled?: boolean;
}
interface TierForm {
  definition: string;
  response: TargetForm;
  resolution: TargetForm;
}
interface PolicyForm {
  name: string;
  calendarId: string | null;
  tiers: Record<Priority, TierForm>;
  alerts: AlertsForm;
}

const KIND_OPTIONS: { value: TargetKind; label: string }[] = [
  { value: 'business_minutes', label: 'Business hours' },
  { value: 'clock_minutes', label: '24×7 clock' },
  { value: 'end_of_business_day', label: 'End of business day' },
  { value: 'next_maintenance_window', label: 'End of the next maintenance window' },
];
/** A response cannot wait for a maintenance window (the server refuses it too). */
const RESPONSE_KIND_OPTIONS = KIND_OPTIONS.filter((o) => o.value !== 'next_maintenance_window');

const hasAmount = (kind: TargetKind): kind is 'business_minutes' | 'clock_minutes' =>
  kind === 'business_minutes' || kind === 'clock_minutes';

function toTargetForm(target: Target): TargetForm {
  if (target.kind === 'end_of_business_day') return { kind: target.kind, amount: '', unit: 'hours' };
  if (target.kind === 'next_maintenance_window')
    return { kind: target.kind, amount: '', unit: 'hours', movesWhenRolled: target.movesWhenRolled };
  return target.minutes % 60 === 0
    ? { kind: target.kind, amount: target.minutes / 60, unit: 'hours' }
    : { kind: target.kind, amount: target.minutes, unit: 'minutes' };
}

function toTarget(form: TargetForm): Target {
  if (form.kind === 'end_of_business_day') return { kind: form.kind };
  if (form.kind === 'next_maintenance_window')
    return { kind: form.kind, movesWhenRolled: form.movesWhenRolled ?? false };
  const amount = typeof form.amount === 'number' ? form.amount : Number.NaN;
  // An empty amount is sent without minutes: the server names the missing field.
  if (!Number.isFinite(amount)) return { kind: form.kind } as Target;
  return { kind: form.kind, minutes: form.unit === 'hours' ? Math.round(amount * 60) : amount };
}

function toForm(policy: Pick<SlaPolicy, 'name' | 'calendarId' | 'tiers' | 'alerts'>): PolicyForm {
  const tiers = Object.fromEntries(
    PRIORITIES.map((priority) => {
      const tier = policy.tiers[priority];
      return [
        priority,
        {
          definition: tier.definition,
          response: toTargetForm(tier.response),
          resolution: toTargetForm(tier.resolution),
        },
      ];
    }),
  ) as Record<Priority, TierForm>;
  return { name: policy.name, calendarId: policy.calendarId, tiers, alerts: toAlertsForm(policy.alerts) };
}

function toTiers(form: PolicyForm): SlaTiers {
  return Object.fromEntries(
    PRIORITIES.map((priority) => {
      const tier = form.tiers[priority];
      return [
        priority,
        {
          definition: tier.definition,
          response: toTarget(tier.response),
          resolution: toTarget(tier.resolution),
        },
      ];
    }),
  ) as SlaTiers;
}

function blankForm(calendarId: string | null): PolicyForm {
  const target: TargetForm = { kind: 'business_minutes', amount: '', unit: 'hours' };
  const tier: TierForm = { definition: '', response: target, resolution: target };
  return {
    name: '',
    calendarId,
    tiers: { critical: tier, high: tier, medium: tier, low: tier },
    alerts: toAlertsForm(undefined),
  };
}

export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'business_minutes':
      return `${formatMinutes(target.minutes)} business`;
    case 'clock_minutes':
      return `${formatMinutes(target.minutes)} 24×7`;
    case 'end_of_business_day':
      return 'end of business day';
    case 'next_maintenance_window':
      return target.movesWhenRolled ? 'end of planned window (moves)' : 'end of planned window';
  }
}

export function PoliciesList() {
  const policies = useSlaPolicies();
  const calendars = useCalendars();
  const canEdit = useCanEdit();
  if (policies.isPending) return <LoadingState label="Loading SLA policies…" />;
  if (policies.error) return <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />;
  const calendarName = (id: string) => calendars.data?.items.find((c) => c.id === id)?.name ?? '…';
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={560}>
          An SLA policy gives each priority a definition clients read and response and resolution targets, on
          a business calendar. Agreements point at a policy.
        </Text>
        {canEdit && (
          <Button component={Link} to="new" size="sm">
            New SLA policy
          </Button>
        )}
      </Group>
      {policies.data.items.length === 0 ? (
        <EmptyState title="No SLA policies yet">Create one to put SLA clocks on tickets.</EmptyState>
      ) : (
        policies.data.items.map((policy) => (
          <Paper key={policy.id} withBorder p="md">
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Anchor component={Link} to={policy.id} fw={600}>
                  {policy.name}
                </Anchor>
                <Text size="sm" c="dimmed">
                  Calendar: {calendarName(policy.calendarId)}
                </Text>
              </Group>
              <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm" layout="fixed">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Priority</Table.Th>
                    <Table.Th>Response</Table.Th>
                    <Table.Th>Resolution</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {PRIORITIES.map((priority) => (
                    <Table.Tr key={priority}>
                      <Table.Td>
                        <PriorityBadge priority={priority} />
                      </Table.Td>
                      <Table.Td>{describeTarget(policy.tiers[priority].response)}</Table.Td>
                      <Table.Td>{describeTarget(policy.tiers[priority].resolution)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          </Paper>
        ))
      )}
    </Stack>
  );
}

export function PolicyEditor() {
  const { id } = useParams();
  const policies = useSlaPolicies();
  const policy = useQuery({
    queryKey: ['sla-policies', id],
    queryFn: () => api.get<SlaPolicy>(`/sla-policies/${id}`),
    enabled: id !== undefined,
  });
  const calendars = useCalendars();
  if (id !== undefined && policy.isPending) return <LoadingState label="Loading the SLA policy…" />;
  if (id !== undefined && policy.error)
    return <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />;
  if (id === undefined && (policies.isPending || calendars.isPending)) return <LoadingState />;
  let initial: PolicyForm;
  if (policy.data) initial = toForm(policy.data);
  else {
    // A new policy starts as a copy of an existing one's targets (or blank when there is none).
    const template = policies.data?.items[0];
    initial = template ? { ...toForm(template), name: '' } : blankForm(calendars.data?.items[0]?.id ?? null);
  }
  return <PolicyFormView key={id ?? 'new'} id={id} loaded={initial} />;
}

function PolicyFormView({ id, loaded }: { id: string | undefined; loaded: PolicyForm }) {
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const calendars = useCalendars();
  const [initial, setInitial] = useState(loaded);
  const [form, setForm] = useState(loaded);
  const tiers = useMemo(() => toTiers(form), [form]);
  const body = { name: form.name, calendarId: form.calendarId, tiers, alerts: toAlerts(form.alerts) };
  const dirty =
    JSON.stringify(body) !==
    JSON.stringify({ ...initial, tiers: toTiers(initial), alerts: toAlerts(initial.alerts) });

  const save = useMutation({
    mutationFn: () =>
      id ? api.put<SlaPolicy>(`/sla-policies/${id}`, body) : api.post<SlaPolicy>('/sla-policies', body),
    onSuccess: async (saved) => {
      notifications.show({ color: 'teal', message: `SLA policy “${saved.name}” saved.` });
      queryClient.setQueryData(['sla-policies', saved.id], saved);
      setInitial(toForm(saved));
      setForm(toForm(saved));
      await queryClient.invalidateQueries({ queryKey: ['sla-policies'], exact: true });
      if (!id) void navigate(`/settings/sla-policies/${saved.id}`, { replace: true });
    },
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/sla-policies/${id}`),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'SLA policy deleted.' });
      await queryClient.invalidateQueries({ queryKey: ['sla-policies'] });
      void navigate('/settings/sla-policies');
    },
  });
  const resetSave = save.reset;
  useEffect(() => resetSave(), [form, resetSave]);

  const calendar = calendars.data?.items.find((c) => c.id === form.calendarId);
  const [createdAt, setCreatedAt] = useCreatedAt();
  const at = createdAtInstant(createdAt, calendar?.timeZone);
  const previewBody: PreviewBody | null =
    form.calendarId && at !== null ? { calendarId: form.calendarId, tiers, ...(at ? { at } : {}) } : null;
  const { query: preview, settling } = useSlaPreview(previewBody);

  const sources = [{ error: save.error }, { error: preview.error }];
  const err = (path: string) => fieldErrorFrom(sources, path);

  const setTier = (priority: Priority, tier: TierForm) =>
    setForm((f) => ({ ...f, tiers: { ...f.tiers, [priority]: tier } }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <form onSubmit={submit} aria-labelledby="policy-form-title">
          <Stack>
            <Group justify="space-between" wrap="wrap">
              <Title order={2} size="h3" id="policy-form-title">
                {id ? initial.name : 'New SLA policy'}
              </Title>
              <Anchor component={Link} to="/settings/sla-policies" size="sm">
                All SLA policies
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
                    label="Business calendar"
                    required
                    data={(calendars.data?.items ?? []).map((c) => ({
                      value: c.id,
                      label: `${c.name} (${c.timeZone})`,
                    }))}
                    value={form.calendarId}
                    onChange={(value) => setForm((f) => ({ ...f, calendarId: value }))}
                    error={err('calendarId')}
                    allowDeselect={false}
                  />
                </SimpleGrid>
                {PRIORITIES.map((priority) => (
                  <TierFields
                    key={priority}
                    priority={priority}
                    tier={form.tiers[priority]}
                    onChange={(tier) => setTier(priority, tier)}
                    error={err}
                  />
                ))}
                <AlertFields
                  form={form.alerts}
                  onChange={(alerts) => setForm((f) => ({ ...f, alerts }))}
                  error={err}
                />
                <EditorActions
                  noun="SLA policy"
                  isNew={!id}
                  dirty={dirty}
                  saving={save.isPending}
                  onDiscard={() => setForm(initial)}
                  removeQuestion="Delete this SLA policy? A policy an agreement uses cannot be deleted."
                  removing={remove.isPending}
                  onRemove={() => remove.mutate()}
                />
                {id && (
                  <Text size="xs" c="dimmed">
                    Saving re-targets the open tickets under this policy from now on; deadlines already
                    breached stay breached.
                  </Text>
                )}
                {remove.error && (
                  <Alert color="red" role="alert">
                    {remove.error.message}
                  </Alert>
                )}
              </Stack>
            </Fieldset>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <div style={{ position: 'sticky', top: 72 }}>
          <SlaPreviewPanel
            preview={preview.data}
            settling={settling && previewBody !== null}
            error={preview.error}
            available={!!form.calendarId}
            zone={calendar?.timeZone}
            createdAt={createdAt}
            onCreatedAtChange={setCreatedAt}
            emptyText="Choose a business calendar to see deadlines."
          />
        </div>
      </Grid.Col>
    </Grid>
  );
}

function TierFields({
  priority,
  tier,
  onChange,
  error,
}: {
  priority: Priority;
  tier: TierForm;
  onChange: (tier: TierForm) => void;
  error: (path: string) => string | undefined;
}) {
  const label = priority.charAt(0).toUpperCase() + priority.slice(1);
  const tierError = error(`tiers.${priority}`);
  return (
    <Fieldset
      legend={
        <Badge
          component="span"
          color={PRIORITY_COLOR[priority]}
          variant={priority === 'critical' ? 'filled' : 'light'}
        >
          {label}
        </Badge>
      }
      aria-label={label}
      radius="md"
    >
      <Stack gap="sm">
        {tierError && (
          <Text size="sm" c="red" role="alert">
            {tierError}
          </Text>
        )}
        <Textarea
          label="Definition"
          description="Clients read this to choose the priority."
          autosize
          minRows={2}
          value={tier.definition}
          onChange={(e) => {
            const definition = e.currentTarget.value;
            onChange({ ...tier, definition });
          }}
          error={error(`tiers.${priority}.definition`)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TargetFields
            label="Response"
            kinds={RESPONSE_KIND_OPTIONS}
            path={`tiers.${priority}.response`}
            target={tier.response}
            onChange={(response) => onChange({ ...tier, response })}
            error={error}
          />
          <TargetFields
            label="Resolution"
            kinds={KIND_OPTIONS}
            path={`tiers.${priority}.resolution`}
            target={tier.resolution}
            onChange={(resolution) => onChange({ ...tier, resolution })}
            error={error}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

function TargetFields({
  label,
  kinds,
  path,
  target,
  onChange,
  error,
}: {
  label: string;
  kinds: typeof KIND_OPTIONS;
  path: string;
  target: TargetForm;
  onChange: (target: TargetForm) => void;
  error: (path: string) => string | undefined;
}) {
  const amountError =
    hasAmount(target.kind) && target.amount === ''
      ? error(`${path}.minutes`) && 'Enter how long'
      : error(`${path}.minutes`);
  return (
    <Fieldset
      legend={label}
      p="sm"
      styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' } }}
    >
      <Stack gap="xs">
        <Select
          label="Counted on"
          data={kinds}
          value={target.kind}
          onChange={(kind) => kind && onChange({ ...target, kind: kind })}
          allowDeselect={false}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          error={error(`${path}.kind`) ?? error(path)}
          description={
            target.kind === 'end_of_business_day'
              ? 'The close of the business day the ticket arrives on (the next one when it arrives outside hours).'
              : target.kind === 'next_maintenance_window'
                ? 'The end of the maintenance window the planner puts the item into.'
                : target.kind === 'business_minutes'
                  ? 'Counts only the calendar’s open hours.'
                  : 'Counts every minute, nights and holidays too.'
          }
        />
        {target.kind === 'next_maintenance_window' && (
          <Checkbox
            label="Move the due when the item rolls to a later window"
            description="Off: a rolled item keeps the first window's end and breaches."
            checked={target.movesWhenRolled ?? false}
            onChange={(event) => onChange({ ...target, movesWhenRolled: event.currentTarget.checked })}
          />
        )}
        {hasAmount(target.kind) && (
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <NumberInput
              label="Within"
              min={target.unit === 'hours' ? 0.25 : 1}
              step={target.unit === 'hours' ? 0.5 : 15}
              decimalScale={target.unit === 'hours' ? 2 : 0}
              allowNegative={false}
              value={target.amount}
              onChange={(amount) => onChange({ ...target, amount })}
              error={amountError}
              style={{ flex: 1 }}
            />
            <Select
              label="Unit"
              w={110}
              data={[
                { value: 'minutes', label: 'minutes' },
                { value: 'hours', label: 'hours' },
              ]}
              value={target.unit}
              onChange={(unit) => unit && onChange({ ...target, unit: unit })}
              allowDeselect={false}
            />
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}

import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client';
import { PRIORITIES, type Agreement, type Priority, type SlaPolicy, type TicketDetail } from '../api/types';
import { useMe } from '../app/auth';
import { PageTitle } from '../app/Shell';
import { PriorityBadge } from '../components/badges';
import { ErrorState, LoadingState } from '../components/states';
import { AttachmentPicker, hasOversizedFile, UploadList, useUploads } from './attachments';
import { CoverageNotice } from './CoverageNotice';
import {
  agreementForNewRequest,
  clientToday,
  coverageOf,
  inForce,
  portalKeys,
  requestTypeLabel,
  useAgreements,
  useCalendar,
  useSlaPolicies,
  type CoverageDecision,
} from './portal-api';
import { businessDayMinutes, describeBusinessHours, describeTarget } from './sla-words';

/** No request type: the agency triages it. Not a valid snake_case type, so it cannot clash with one. */
const OTHER = '-other';

const GROUP_LABEL: Record<CoverageDecision, string> = {
  covered: 'Covered by your agreement',
  estimate_required: 'Estimate first',
  change_work: 'Change work (project proposal)',
  not_listed: 'Not in your agreement',
};

export default function NewRequestPage() {
  const { data: me } = useMe();
  const agreements = useAgreements();

  if (!me) return null;
  if (agreements.isPending) return <LoadingState label="Loading your agreements…" />;
  if (agreements.error)
    return <ErrorState error={agreements.error} onRetry={() => void agreements.refetch()} />;

  const today = clientToday(me);
  const picked = agreementForNewRequest(agreements.data, today);
  return (
    <>
      <PageTitle>Raise a request</PageTitle>
      <NewRequestForm agreement={picked} all={inForce(agreements.data, today)} />
    </>
  );
}

function NewRequestForm({ agreement, all }: { agreement: Agreement | null; all: Agreement[] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [requestType, setRequestType] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  const [files, setFiles] = useState<File[]>([]);
  const [touched, setTouched] = useState(false);
  const [created, setCreated] = useState<TicketDetail | null>(null);
  const { uploads, start, retry } = useUploads();

  const typeOptions = useMemo(() => requestTypeOptions(agreement, all), [agreement, all]);
  const decision =
    agreement && requestType && requestType !== OTHER ? coverageOf(agreement, requestType) : null;

  const create = useMutation({
    mutationFn: () =>
      api.post<TicketDetail>('/tickets', {
        subject,
        body,
        priority,
        channel: 'portal',
        ...(requestType && requestType !== OTHER ? { requestType } : {}),
      }),
    onSuccess: async (ticket) => {
      void queryClient.invalidateQueries({ queryKey: portalKeys.tickets });
      setCreated(ticket);
      const ok = files.length === 0 || (await start(ticket.id, files));
      if (ok) void navigate(`/portal/requests/${ticket.id}`, { state: { created: true } });
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!subject.trim() || !requestType || hasOversizedFile(files)) return;
    create.mutate();
  };

  if (created && uploads.length > 0) {
    const failed = uploads.some((u) => u.status === 'failed');
    const busy = uploads.some((u) => u.status === 'uploading' || u.status === 'waiting');
    return (
      <Paper withBorder p="md" maw={720}>
        <Stack>
          <Text fw={600}>
            Request #{created.number} is raised. {busy ? 'Uploading the attachments…' : ''}
          </Text>
          <UploadList uploads={uploads} />
          {failed && !busy && (
            <Alert color="red" title="Some files were not uploaded">
              The request itself is saved. Try the failed files again, or go on to the request and add them to
              a reply later.
            </Alert>
          )}
          {!busy && (
            <Group>
              {failed && (
                <Button
                  onClick={() =>
                    void retry(created.id, uploads).then(
                      (ok) =>
                        ok && void navigate(`/portal/requests/${created.id}`, { state: { created: true } }),
                    )
                  }
                >
                  Try the failed files again
                </Button>
              )}
              <Button
                variant={failed ? 'default' : 'filled'}
                component={Link}
                to={`/portal/requests/${created.id}`}
                state={{ created: true }}
              >
                Go to the request
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper withBorder p="md" maw={820} component="form" onSubmit={submit} noValidate>
      <Stack gap="lg">
        {create.isError && (
          <Alert color="red" role="alert" title="The request was not raised">
            {error?.message ?? 'Something went wrong.'}
          </Alert>
        )}
        <TextInput
          label="Subject"
          description="One line: what is wrong or what you need."
          required
          maxLength={300}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          error={
            error?.fieldError('subject') ??
            (touched && !subject.trim() ? 'Give the request a subject.' : undefined)
          }
        />
        <Textarea
          label="Description"
          description={
            <>
              Markdown works: **bold**, `code`, lists with “- ”, [links](https://…). For a bug: what you did,
              what you expected, what happened, and where (page, browser).
            </>
          }
          autosize
          minRows={5}
          maxRows={16}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={error?.fieldError('body')}
        />

        <Stack gap="xs">
          {agreement ? (
            <NativeSelect
              label="Request type"
              description={`Your agreement “${agreement.name}” decides how each type is handled.`}
              required
              value={requestType}
              onChange={(e) => setRequestType(e.currentTarget.value)}
              data={[{ value: '', label: 'Choose a type…', disabled: true }, ...typeOptions]}
              error={
                error?.fieldError('requestType') ??
                (touched && !requestType ? 'Choose the type of request.' : undefined)
              }
            />
          ) : (
            <Alert color="gray" title="No agreement in force today">
              Your organisation has no agreement in force today, so there is nothing to check the request
              against: the agency triages it and tells you how it is handled.
            </Alert>
          )}
          {agreement && decision && <CoverageNotice decision={decision} agreement={agreement} />}
          {agreement && requestType === OTHER && (
            <Alert color="gray" title="The agency decides">
              Without a type the agency triages the request and tells you whether “{agreement.name}” covers
              it.
            </Alert>
          )}
        </Stack>

        <PriorityPicker
          agreement={agreement}
          value={priority}
          onChange={setPriority}
          error={error?.fieldError('priority')}
        />

        <AttachmentPicker files={files} onChange={setFiles} disabled={create.isPending} />

        <Group justify="flex-end">
          <Button variant="default" component={Link} to="/portal/requests">
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Raise request
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The request types the agreements list, grouped by what the agreement the server will pick says of them. */
function requestTypeOptions(agreement: Agreement | null, all: Agreement[]) {
  if (!agreement) return [];
  const ordered = [agreement, ...all.filter((a) => a.id !== agreement.id)];
  const types: string[] = [];
  for (const a of ordered)
    for (const type of [...a.coverage.covered, ...a.coverage.estimateRequired, ...a.coverage.changeWork])
      if (!types.includes(type)) types.push(type);
  const groups = (['covered', 'estimate_required', 'change_work', 'not_listed'] as const)
    .map((decision) => ({
      group: GROUP_LABEL[decision],
      items: types
        .filter((type) => coverageOf(agreement, type) === decision)
        .map((type) => ({ value: type, label: requestTypeLabel(type) })),
    }))
    .filter((group) => group.items.length > 0);
  return [...groups, { group: 'Other', items: [{ value: OTHER, label: 'Something else / not sure' }] }];
}

function PriorityPicker({
  agreement,
  value,
  onChange,
  error,
}: {
  agreement: Agreement | null;
  value: Priority;
  onChange: (priority: Priority) => void;
  error: string | undefined;
}) {
  const policies = useSlaPolicies(!!agreement?.slaPolicyId);
  const policy = policies.data?.find((p) => p.id === agreement?.slaPolicyId);
  const calendar = useCalendar(policy?.calendarId);
  const dayMinutes = businessDayMinutes(calendar.data);

  if (agreement?.slaPolicyId && policies.isPending) return <LoadingState label="Loading the priorities…" />;
  if (policies.error) return <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />;

  return (
    <Radio.Group
      label="Priority"
      description={
        policy
          ? `Choose honestly: the priority sets the response and resolution targets of your agreement${
              calendar.data ? ` — counted in business hours, ${describeBusinessHours(calendar.data)}` : ''
            }.`
          : 'Your agreement has no response-time targets: requests are handled best effort, and the priority tells the agency what to do first.'
      }
      value={value}
      onChange={onChange}
      error={error}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="sm">
        {PRIORITIES.map((priority) => (
          <PriorityCard
            key={priority}
            priority={priority}
            tier={policy?.tiers[priority]}
            dayMinutes={dayMinutes}
            checked={value === priority}
          />
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}

function PriorityCard({
  priority,
  tier,
  dayMinutes,
  checked,
}: {
  priority: Priority;
  tier: SlaPolicy['tiers'][Priority] | undefined;
  dayMinutes: number | null;
  checked: boolean;
}) {
  return (
    <Radio.Card
      value={priority}
      p="sm"
      radius="sm"
      withBorder
      aria-label={`${priority} priority`}
      // A button centres its content; the cards of a row share a height, so keep each one's text at the top.
      style={{
        display: 'flex',
        alignItems: 'flex-start',
        ...(checked
          ? { borderColor: 'var(--mantine-color-teal-6)', background: 'var(--mantine-color-teal-0)' }
          : {}),
      }}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator mt={2} />
        <Stack gap={4}>
          <PriorityBadge priority={priority} />
          {tier ? (
            <>
              <Text size="sm">{tier.definition}</Text>
              <Text size="xs" c="dimmed">
                First response {describeTarget(tier.response, dayMinutes)}; resolved{' '}
                {describeTarget(tier.resolution, dayMinutes)}.
              </Text>
            </>
          ) : null}
        </Stack>
      </Group>
    </Radio.Card>
  );
}

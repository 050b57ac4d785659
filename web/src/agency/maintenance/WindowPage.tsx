import { Anchor, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { MaintenanceWindowDetail } from '../../api/types';
import { formatInstant, formatMinutes, viewerTimeZone } from '../../app/format';
import { CapacityBar, formatWindowTimes, WindowStatusBadge } from '../../components/maintenance';
import { ReleaseNotesText } from '../../components/ReleaseNotesText';
import { ErrorState, LoadingState } from '../../components/states';
import { useLookups } from '../queue/lookups';
import { Section, ServerError } from '../ticket/bits';
import { localDateIn } from '../clients/months';
import { useWindow, useWindowAction, type WindowAction } from './maintenanceApi';
import { WindowItems } from './WindowItems';
import { WindowTimeLog } from './WindowTimeLog';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One maintenance window for agency staff: what is planned, running it, the time in it, its release notes. */
export default function WindowPage() {
  const { id = '' } = useParams();
  if (!UUID.test(id)) return <ErrorState error={new ApiError(404, 'not_found', 'Not found')} />;
  return <WindowView key={id} id={id} />;
}

function WindowView({ id }: { id: string }) {
  const window = useWindow(id);
  const { clientName, userName } = useLookups();
  if (window.isPending) return <LoadingState label="Loading the window…" />;
  if (window.isError) return <ErrorState error={window.error} onRetry={() => void window.refetch()} />;
  return (
    <WindowScreen
      window={window.data}
      clientLabel={clientName.get(window.data.clientId) ?? 'Client'}
      userName={userName}
    />
  );
}

function WindowScreen({
  window,
  clientLabel,
  userName,
}: {
  window: MaintenanceWindowDetail;
  clientLabel: string;
  userName: Map<string, string>;
}) {
  const viewer = useMemo(() => viewerTimeZone(), []);
  const month = localDateIn(window.timeZone, Date.parse(window.startsAt)).slice(0, 7);
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Anchor
          component={Link}
          to={`/maintenance?client=${window.clientId}&month=${month}`}
          size="sm"
          w="fit-content"
        >
          ← Maintenance calendar
        </Anchor>
        <Group gap="sm" align="center">
          <Title order={1} size="h3">
            {window.title}
          </Title>
          <span data-testid="window-status">
            <WindowStatusBadge status={window.status} />
          </span>
          {!window.scheduleId && (
            <Badge variant="outline" color="gray" size="sm">
              one-off
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          <Anchor component={Link} to={`/clients/${window.clientId}`} size="sm" fw={600}>
            {clientLabel}
          </Anchor>
          <Text size="sm" c="dimmed">
            · {window.agreement.name}
          </Text>
        </Group>
      </Stack>

      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
          <Fact label="When">
            <Text size="sm" data-testid="window-when">
              {formatWindowTimes(window.startsAt, window.endsAt, window.timeZone)}
            </Text>
            {viewer !== window.timeZone && (
              <Text size="xs" c="dimmed">
                Starts {formatInstant(window.startsAt, viewer)} your time
              </Text>
            )}
          </Fact>
          <Fact label="Planned">
            <CapacityBar planned={window.plannedMinutes} capacity={window.capacityMinutes} />
          </Fact>
          <Fact label="Items">
            <Text size="sm">
              {window.itemCount} {window.itemCount === 1 ? 'item' : 'items'}
              {window.status === 'closed' && ` · ${window.doneCount} done · ${window.rolledCount} rolled`}
            </Text>
          </Fact>
          <Fact label="Time logged">
            <Text size="sm" data-testid="window-time-total">
              {formatMinutes(window.time.totalMinutes)}
            </Text>
            {window.time.otherMinutes > 0 && (
              <Text size="xs" c="dimmed">
                {formatMinutes(window.time.onItemsMinutes)} on its items,{' '}
                {formatMinutes(window.time.otherMinutes)} on the window itself
              </Text>
            )}
          </Fact>
        </SimpleGrid>
        {(window.startedAt ?? window.closedAt) && (
          <Text size="xs" c="dimmed" mt="sm">
            {window.startedAt && `Started ${formatInstant(window.startedAt, viewer)}`}
            {window.closedAt && ` · closed ${formatInstant(window.closedAt, viewer)}`}
          </Text>
        )}
        <WindowActions window={window} clientLabel={clientLabel} />
      </Paper>

      {window.status === 'closed' && <ReleaseNotes window={window} clientLabel={clientLabel} />}
      <WindowItems window={window} />
      {window.status === 'in_progress' || window.status === 'closed' ? (
        <WindowTimeLog window={window} userName={userName} />
      ) : window.status === 'scheduled' ? (
        <Text size="sm" c="dimmed">
          Time is logged in the window once it has started.
        </Text>
      ) : null}
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

const CONFIRM: Record<Exclude<WindowAction, 'start'>, { title: string; button: string; color: string }> = {
  close: { title: 'Close the window?', button: 'Close window', color: 'teal' },
  cancel: { title: 'Cancel the window?', button: 'Cancel window', color: 'red' },
};

/** Start a scheduled window; close one in progress (with a confirmation); cancel one still to come. */
function WindowActions({ window, clientLabel }: { window: MaintenanceWindowDetail; clientLabel: string }) {
  const action = useWindowAction(window.id);
  const [confirming, setConfirming] = useState<'close' | 'cancel' | null>(null);
  const open = window.items.filter((item) => item.status !== 'resolved' && item.status !== 'closed');
  if (window.status === 'closed' || window.status === 'cancelled') return null;
  const run = (what: WindowAction) => action.mutate(what, { onSuccess: () => setConfirming(null) });
  return (
    <Stack gap="xs" mt="md">
      <Group gap="xs">
        {window.status === 'scheduled' && (
          <>
            <Button onClick={() => run('start')} loading={action.isPending && action.variables === 'start'}>
              Start window
            </Button>
            <Button variant="subtle" color="red" onClick={() => setConfirming('cancel')}>
              Cancel window
            </Button>
          </>
        )}
        {window.status === 'in_progress' && (
          <Button onClick={() => setConfirming('close')}>Close window</Button>
        )}
      </Group>
      {window.status === 'scheduled' && (
        <Text size="xs" c="dimmed">
          Starting keeps the items planned into it now; time can be logged against it from then on.
        </Text>
      )}
      {!confirming && <ServerError error={action.error} />}
      {confirming && (
        <Modal opened onClose={() => setConfirming(null)} title={CONFIRM[confirming].title}>
          <Stack gap="sm">
            {confirming === 'close' ? (
              <>
                <Text size="sm">
                  {window.items.length - open.length} of {window.items.length} items are done (their tickets
                  are resolved or closed).{' '}
                  {open.length > 0
                    ? `${open.length} ${open.length === 1 ? 'item rolls' : 'items roll'} over to the next window.`
                    : 'Nothing rolls over.'}
                </Text>
                <Text size="sm">
                  Release notes are written from what was done and sent to {clientLabel}. This cannot be
                  undone.
                </Text>
              </>
            ) : (
              <Text size="sm">
                Its {window.items.length} planned {window.items.length === 1 ? 'item moves' : 'items move'} on
                to the next window (and count as rolled).
              </Text>
            )}
            <ServerError error={action.error} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setConfirming(null)}>
                Keep it
              </Button>
              <Button
                color={CONFIRM[confirming].color}
                loading={action.isPending}
                onClick={() => run(confirming)}
              >
                {CONFIRM[confirming].button}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}

function ReleaseNotes({ window, clientLabel }: { window: MaintenanceWindowDetail; clientLabel: string }) {
  return (
    <Section title="Release notes" id="release-notes">
      {window.releaseNotes ? (
        <Stack gap="xs">
          <Text size="sm" c="dimmed" data-testid="release-notes-delivery">
            Written when the window closed and sent to {clientLabel}: by email to its admins (when this Tend
            sends mail) and to its Slack channel (when Slack is connected). They read them in the portal under
            Maintenance.
          </Text>
          <Paper bg="gray.0" p="md" radius="sm">
            <ReleaseNotesText notes={window.releaseNotes} testId="release-notes" />
          </Paper>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          This window closed without release notes.
        </Text>
      )}
    </Section>
  );
}

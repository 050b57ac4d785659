import { Anchor, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { TicketDetail } from '../../api/types';
import { useMe } from '../../app/auth';
import { formatInstant, viewerTimeZone } from '../../app/format';
import { KindBadge, PriorityBadge, StatusBadge } from '../../components/badges';
import { ErrorState, LoadingState } from '../../components/states';
import { useLookups } from '../queue/lookups';
import { Actions } from './Actions';
import { Section } from './bits';
import { Thread } from './Thread';
import { Composer, type ComposerMode } from './Composer';
import { CoverageSection } from './CoverageSection';
import { Estimates } from './Estimates';
import { Proposals } from './Proposals';
import { FollowUps } from './FollowUps';
import { History } from './History';
import { SlaAlertsSection } from './SlaAlertsSection';
import { SlaSection } from './SlaSection';
import { SlackThreadSection } from './SlackThreadSection';
import { EmailSection } from './EmailSection';
import { useAgreement, useClient, useTicket } from './ticketApi';
import { TimeLog } from './TimeLog';
import { TicketMaintenance } from '../maintenance/TicketMaintenance';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One ticket for agency staff: the conversation, the clocks, and everything done to it. */
export default function TicketPage() {
  const { id = '' } = useParams();
  if (!UUID.test(id)) return <ErrorState error={new ApiError(404, 'not_found', 'Not found')} />;
  return <TicketView key={id} id={id} />;
}

function TicketView({ id }: { id: string }) {
  const ticket = useTicket(id);
  const me = useMe();
  const { clients, users } = useLookups();
  const client = useClient(ticket.data?.clientId);
  const agreement = useAgreement(ticket.data?.agreementId);
  if (ticket.isError) return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  // Names, the client's zone and the agreement's date come with the ticket, so nothing flashes a placeholder.
  const waiting =
    ticket.isPending ||
    me.isPending ||
    clients.isPending ||
    users.isPending ||
    (!!ticket.data?.clientId && client.isPending) ||
    (!!ticket.data?.agreementId && agreement.isPending);
  if (waiting) return <LoadingState label="Loading the ticket…" />;
  if (!me.data) return <ErrorState error={me.error} />;
  return <TicketScreen ticket={ticket.data} meId={me.data.id} />;
}

function TicketScreen({ ticket, meId }: { ticket: TicketDetail; meId: string }) {
  const zone = useMemo(() => viewerTimeZone(), []);
  const compact = useMediaQuery('(max-width: 62em)', false, { getInitialValueInEffect: false });
  const { clientName, userName, staff, clients } = useLookups();
  const client = useClient(ticket.clientId);
  const agreement = useAgreement(ticket.agreementId);
  const clientZone =
    client.data?.timeZone ?? clients.data?.find((c) => c.id === ticket.clientId)?.timeZone ?? zone;
  const [mode, setMode] = useState<ComposerMode>(ticket.status === 'new' ? 'assessment' : 'public');
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const startAssessment = useCallback(() => {
    setMode('assessment');
    const area = textareaRef.current;
    if (area) {
      area.scrollIntoView({ behavior: 'smooth', block: 'center' });
      area.focus({ preventScroll: true });
    }
  }, []);

  const clientLabel = client.data?.name ?? clientName.get(ticket.clientId) ?? 'Client';
  const assignee = ticket.assigneeId ? (userName.get(ticket.assigneeId) ?? 'Someone') : null;
  const requester = ticket.requesterId ? (userName.get(ticket.requesterId) ?? null) : null;

  const header = (
    <Stack gap={6}>
      <Anchor component={Link} to="/queue" size="sm" w="fit-content">
        ← Queue
      </Anchor>
      <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
        <Text span inherit c="dimmed">
          #{ticket.number}
        </Text>{' '}
        {ticket.subject}
      </Title>
      <Group gap="xs" wrap="wrap">
        <Anchor component={Link} to={`/clients/${ticket.clientId}`} size="sm" fw={600}>
          {clientLabel}
        </Anchor>
        <PriorityBadge priority={ticket.priority} />
        <KindBadge kind={ticket.kind} />
        <span data-testid="ticket-status">
          <StatusBadge status={ticket.status} />
        </span>
        <Text size="sm">
          Assignee:{' '}
          {assignee ?? (
            <Text span inherit c="dimmed">
              unassigned
            </Text>
          )}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        Raised {formatInstant(ticket.createdAt, zone)}
        {requester ? ` by ${requester}` : ''} via {ticket.channel}
        {ticket.resolvedAt ? ` · resolved ${formatInstant(ticket.resolvedAt, zone)}` : ''}
      </Text>
    </Stack>
  );

  const sla = (
    <>
      <SlaSection ticket={ticket} viewerZone={zone} clientZone={clientZone} />
      <SlaAlertsSection ticketId={ticket.id} zone={zone} />
    </>
  );
  const conversation = (
    <Section title="Conversation" id="conversation">
      <Stack gap="md">
        <Thread ticket={ticket} requesterName={requester} zone={zone} />
        <Composer ticket={ticket} meId={meId} mode={mode} onModeChange={setMode} textareaRef={textareaRef} />
      </Stack>
    </Section>
  );
  const side = (
    <>
      <Actions ticket={ticket} staff={staff} meId={meId} onAcknowledge={startAssessment} />
      <CoverageSection ticket={ticket} agreement={agreement.data} />
      <TicketMaintenance ticket={ticket} agreementZone={agreement.data?.timeZone ?? null} />
      <SlackThreadSection ticket={ticket} />
      <EmailSection ticketId={ticket.id} zone={zone} />
      <Estimates ticket={ticket} agreement={agreement.data} userName={userName} zone={zone} />
    </>
  );
  const work = (
    <>
      <Proposals ticket={ticket} agreement={agreement.data} userName={userName} zone={zone} />
      <TimeLog ticket={ticket} agreementZone={agreement.data?.timeZone ?? null} userName={userName} />
      <FollowUps ticket={ticket} />
    </>
  );
  const history = <History ticket={ticket} userName={userName} zone={zone} />;

  if (compact)
    return (
      <Stack gap="md">
        {header}
        {sla}
        {conversation}
        {side}
        {work}
        {history}
      </Stack>
    );
  return (
    <Stack gap="md">
      {header}
      <Grid gap="md">
        <Grid.Col span={8}>
          <Stack gap="md">
            {conversation}
            {work}
            {history}
          </Stack>
        </Grid.Col>
        <Grid.Col span={4}>
          <Stack gap="md">
            {sla}
            {side}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

import { Alert, Anchor, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { Agreement, Me, TicketDetail } from '../api/types';
import { useMe } from '../app/auth';
import { viewerTimeZone } from '../app/format';
import { PageTitle } from '../app/Shell';
import { KindBadge, PriorityBadge, StatusBadge } from '../components/badges';
import { SlaClockPanel, SlaCountdown, useNow } from '../components/sla';
import { ErrorState, LoadingState } from '../components/states';
import { CoverageNotice, coveragePhrase } from './CoverageNotice';
import { requestTypeLabel, useAgreements, useOwnUsers, useTicket } from './portal-api';
import { Estimates } from './request/Estimates';
import { Proposals } from './request/Proposals';
import { History } from './request/History';
import { StatusActions } from './request/StatusActions';
import { ReplyForm, Thread } from './request/Thread';

export default function RequestPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const ticket = useTicket(id);

  if (!me) return null;
  if (ticket.isPending) return <LoadingState label="Loading the request…" />;
  if (ticket.error)
    return (
      <Stack>
        <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />
        <Anchor component={Link} to="/portal/requests">
          Back to my requests
        </Anchor>
      </Stack>
    );
  return <Request ticket={ticket.data} me={me} />;
}

function Request({ ticket, me }: { ticket: TicketDetail; me: Me }) {
  const location = useLocation();
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;
  const agreements = useAgreements();
  const users = useOwnUsers();
  const agreement = agreements.data?.find((a) => a.id === ticket.agreementId) ?? null;

  const names = new Map<string, string>();
  for (const user of users.data ?? []) names.set(user.id, user.name);
  for (const comment of ticket.comments)
    if (comment.authorId && comment.authorName) names.set(comment.authorId, comment.authorName);
  const nameOf = (actorId: string | null) =>
    actorId === me.id ? 'You' : actorId ? (names.get(actorId) ?? 'The agency') : 'The agency';

  return (
    <>
      <PageTitle>
        #{ticket.number} {ticket.subject}
      </PageTitle>
      <Group gap="xs" mb="md" mt={-8}>
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        <KindBadge kind={ticket.kind} />
        {ticket.requestType && (
          <Text size="sm" c="dimmed">
            {requestTypeLabel(ticket.requestType)}
          </Text>
        )}
      </Group>
      {justCreated && (
        <Alert color="teal" title={`Request #${ticket.number} raised`} mb="md" data-testid="created-notice">
          The agency has it.{' '}
          {ticket.coverage
            ? `Under your agreement: ${coveragePhrase(ticket.coverage)}.`
            : 'The agency triages it.'}{' '}
          Kind: {ticket.kind}.
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            {/* First in the reading order: a pending estimate is the one thing waiting on the client. */}
            <Estimates
              ticketId={ticket.id}
              isAdmin={me.role === 'client_admin'}
              hasSla={ticket.sla !== null}
            />
            <Proposals
              ticketId={ticket.id}
              isAdmin={me.role === 'client_admin'}
              hasSla={ticket.sla !== null}
            />
            <Thread ticket={ticket} nameOf={nameOf} />
            {ticket.status === 'closed' ? (
              <Text size="sm" c="dimmed">
                This request is closed.{' '}
                <Anchor component={Link} to="/portal/requests/new">
                  Raise a new request
                </Anchor>{' '}
                if something else comes up.
              </Text>
            ) : (
              <ReplyForm ticket={ticket} me={me} />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md">
            <Side title="Response times">
              <Clocks ticket={ticket} me={me} />
            </Side>
            <Side title="How it is handled">
              <Handling ticket={ticket} agreement={agreement} />
            </Side>
            <StatusActions ticket={ticket} />
            <Side title="History">
              <History ticketId={ticket.id} nameOf={nameOf} hasSla={ticket.sla !== null} />
            </Side>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Side({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Title order={2} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Clocks({ ticket, me }: { ticket: TicketDetail; me: Me }) {
  const now = useNow();
  if (!ticket.sla)
    return (
      <Text size="sm" c="dimmed">
        Your agreement sets no response-time targets for this request: it is handled best effort.
      </Text>
    );
  const viewer = viewerTimeZone();
  return (
    <Stack gap="sm">
      <SlaCountdown sla={ticket.sla} timeZone={me.organization.timeZone} now={now} />
      <SlaClockPanel
        name="First response"
        clock={ticket.sla.response}
        viewerZone={viewer}
        clientZone={me.organization.timeZone}
      />
      <SlaClockPanel
        name="Resolution"
        clock={ticket.sla.resolution}
        viewerZone={viewer}
        clientZone={me.organization.timeZone}
      />
    </Stack>
  );
}

function Handling({ ticket, agreement }: { ticket: TicketDetail; agreement: Agreement | null }) {
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm">Kind:</Text>
        <span data-testid="ticket-kind">
          <KindBadge kind={ticket.kind} />
        </span>
      </Group>
      {agreement ? (
        ticket.coverage ? (
          <CoverageNotice decision={ticket.coverage} agreement={agreement} future={false} />
        ) : (
          <Text size="sm">
            Under “{agreement.name}”. No request type was given, so the agency decides how it is handled.
          </Text>
        )
      ) : ticket.agreementId ? null : (
        <Text size="sm" c="dimmed">
          Not under an agreement: the agency tells you how it is handled.
        </Text>
      )}
    </Stack>
  );
}

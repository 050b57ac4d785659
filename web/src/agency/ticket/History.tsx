import { Text, Timeline } from '@mantine/core';
import type { TicketDetail, TicketEvent } from '../../api/types';
import { formatInstant, formatMinutes, formatMoney, humanize } from '../../app/format';
import { ErrorState, LoadingState } from '../../components/states';
import { Section } from './bits';
import { useTicketEvents } from './ticketApi';

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** One event as a sentence, naming people and tickets. */
export function describeEvent(
  event: TicketEvent,
  userName: (id: string | null) => string,
  assessments: ReadonlySet<string> = new Set(),
): string {
  const data = event.data ?? {};
  const who = userName(event.actorId);
  const reason = str(data.reason);
  const because = reason ? ` — “${reason}”` : '';
  switch (event.type) {
    case 'created': {
      const coverage = str(data.coverage);
      return `${who} created the ticket via ${str(data.channel) ?? 'an unknown channel'}: ${str(data.priority) ?? ''} priority, ${str(data.kind) ?? ''}${coverage ? `, ${humanize(coverage)}` : ''}`;
    }
    case 'assignee_changed': {
      const to = str(data.to);
      return to ? `${who} assigned it to ${userName(to)}${because}` : `${who} unassigned it${because}`;
    }
    case 'comment_added':
      if (data.visibility === 'internal') return `${who} added an internal note`;
      if (assessments.has(str(data.commentId) ?? '')) return `${who} sent the initial assessment`;
      return data.byClient ? `${who} (client) replied` : `${who} replied publicly`;
    case 'acknowledged':
      return `${who} acknowledged it — the response clock stopped`;
    case 'status_changed':
      return `${who} ${data.reopened ? 'reopened it' : 'changed the status'}: ${humanize(str(data.from) ?? '?')} → ${humanize(str(data.to) ?? '?')}${because}`;
    case 'priority_changed':
      return `${who} changed the priority: ${str(data.from) ?? '?'} → ${str(data.to) ?? '?'}${because}`;
    case 'kind_changed':
      return `${who} changed the kind: ${str(data.from) ?? '?'} → ${str(data.to) ?? '?'}${because}`;
    case 'linked':
      return `${who} linked #${num(data.number) ?? '?'} as ${humanize(str(data.kind) ?? 'related')}`;
    case 'linked_from':
      return `${who} linked this ticket from #${num(data.number) ?? '?'} as its ${humanize(str(data.kind) ?? 'related')}`;
    case 'estimate_requested': {
      const minutes = num(data.minutes);
      const cents = num(data.amountCents);
      return `${who} sent an estimate: ${minutes === null ? '?' : formatMinutes(minutes)}${cents === null ? '' : ` (${formatMoney(cents)})`}`;
    }
    case 'estimate_decided': {
      const note = str(data.note);
      return `${who} ${str(data.decision) ?? 'decided on'} the estimate${note ? ` — “${note}”` : ''}`;
    }
    case 'attachments_added': {
      const count = Array.isArray(data.attachmentIds) ? data.attachmentIds.length : 0;
      return `${who} attached ${count === 1 ? 'a file' : `${count} files`}${data.visibility === 'internal' ? ' to an internal note' : ''}`;
    }
    case 'proposal_sent': {
      const minutes = num(data.estimateMinutes);
      const cents = num(data.amountCents);
      return `${who} sent the proposal “${str(data.title) ?? ''}”: ${minutes === null ? '?' : formatMinutes(minutes)}${cents === null ? '' : ` (${formatMoney(cents)})`}`;
    }
    case 'proposal_decided': {
      const note = str(data.note);
      return `${who} ${str(data.decision) ?? 'decided on'} the proposal “${str(data.title) ?? ''}”${note ? ` — “${note}”` : ''}`;
    }
    case 'proposal_withdrawn':
      return `${who} withdrew the proposal “${str(data.title) ?? ''}”`;
    case 'next_window_changed':
      return data.to
        ? `${who} sent it to the next maintenance window${because}`
        : `${who} took it out of the next maintenance window${because}`;
    case 'effort_estimated': {
      const minutes = num(data.to);
      return minutes === null
        ? `${who} cleared the planning estimate${because}`
        : `${who} estimated the work at ${formatMinutes(minutes)}${because}`;
    }
    case 'window_planned': {
      // The planner's move, on whoever's change set it off.
      const rolls = num(data.rollCount) ?? 0;
      if (!str(data.windowId)) return 'No maintenance window has room for it (planner)';
      return rolls > 0
        ? `Rolled to a later maintenance window, ×${rolls} (planner)`
        : 'Planned into a maintenance window (planner)';
    }
    default:
      return `${who}: ${humanize(event.type)}`;
  }
}

/** The ticket's append-only history, oldest first, each line with its time. */
export function History({
  ticket,
  userName,
  zone,
}: {
  ticket: TicketDetail;
  userName: Map<string, string>;
  zone: string;
}) {
  const events = useTicketEvents(ticket.id);
  const assessments = new Set(ticket.comments.filter((c) => c.assessment).map((c) => c.id));
  const nameOf = (id: string | null) => (id ? (userName.get(id) ?? 'Someone') : 'Tend');
  return (
    <Section title="History" id="history">
      {events.isPending ? (
        <LoadingState label="Loading the history…" />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <Timeline bulletSize={10} lineWidth={2} aria-label="Event history">
          {events.data.map((event) => (
            <Timeline.Item key={event.id}>
              <Text size="sm">{describeEvent(event, nameOf, assessments)}</Text>
              <Text size="xs" c="dimmed">
                <time dateTime={event.at}>{formatInstant(event.at, zone)}</time>
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Section>
  );
}

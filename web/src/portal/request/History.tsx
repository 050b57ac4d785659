import { Text, Timeline } from '@mantine/core';
import type { TicketEvent } from '../../api/types';
import { formatInstant, formatMinutes, formatMoney, humanize, viewerTimeZone } from '../../app/format';
import { ErrorState, LoadingState } from '../../components/states';
import { STATUS_WORDS, useTicketEvents } from '../portal-api';
import type { TicketStatus } from '../../api/types';

type Data = Record<string, unknown>;

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function statusWord(value: unknown): string {
  const status = str(value) as TicketStatus;
  return STATUS_WORDS[status] ?? humanize(status);
}

/** One line of the history in plain words, or null for what a client need not read. */
export function describeEvent(event: TicketEvent, who: string, hasSla: boolean): string | null {
  // A quote that ends a sentence itself needs no second full stop: “Go ahead, thanks.”
  return sentence(event, who, hasSla)?.replace(/([.!?…])”\.$/, '$1”') ?? null;
}

function sentence(event: TicketEvent, who: string, hasSla: boolean): string | null {
  const data: Data = event.data ?? {};
  const reason = str(data.reason) ? ` — “${str(data.reason)}”` : '';
  switch (event.type) {
    case 'created':
      return `${who} raised the request (via ${str(data.channel) || 'the portal'}, priority ${str(data.priority)}).`;
    case 'acknowledged':
      return 'The agency acknowledged the request: the response clock stopped.';
    case 'status_changed': {
      if (data.reopened === true) return `${who} reopened the request${reason}.`;
      const to = str(data.to);
      if (to === 'closed') return `${who} closed the request${reason}.`;
      if (to === 'resolved') return `${who} marked the request resolved${reason}.`;
      if (to === 'waiting_on_client')
        return `The agency is waiting for you${reason}${hasSla ? ': the SLA clocks are paused' : ''}.`;
      if (str(data.from) === 'waiting_on_client')
        return `Work resumed${reason}${hasSla ? ': the SLA clocks run again' : ''}.`;
      return `Status changed from ${statusWord(data.from)} to ${statusWord(to)}${reason}.`;
    }
    case 'priority_changed':
      return `${who} changed the priority from ${str(data.from)} to ${str(data.to)}${reason}.`;
    case 'kind_changed':
      return `The agency classified the request as ${str(data.to)} work (was ${str(data.from)})${reason}.`;
    case 'assignee_changed':
      return data.to ? 'An engineer was assigned to the request.' : 'The request was unassigned.';
    case 'comment_added':
      return `${who} replied.`;
    case 'estimate_requested': {
      const minutes = typeof data.minutes === 'number' ? formatMinutes(data.minutes) : '';
      const amount = typeof data.amountCents === 'number' ? `, ${formatMoney(data.amountCents)}` : '';
      return `The agency sent an estimate: ${minutes}${amount}.`;
    }
    case 'estimate_decided':
      return `${who} ${str(data.decision) || 'decided on'} the estimate${str(data.note) ? ` — “${str(data.note)}”` : ''}.`;
    case 'proposal_sent': {
      const minutes = typeof data.estimateMinutes === 'number' ? formatMinutes(data.estimateMinutes) : '';
      const amount = typeof data.amountCents === 'number' ? `, ${formatMoney(data.amountCents)}` : '';
      return `The agency sent a project proposal, “${str(data.title)}”: ${minutes}${amount}.`;
    }
    case 'proposal_decided':
      return `${who} ${str(data.decision) || 'decided on'} the proposal “${str(data.title)}”${str(data.note) ? ` — “${str(data.note)}”` : ''}.`;
    case 'proposal_withdrawn':
      return `The agency withdrew the proposal “${str(data.title)}”.`;
    case 'next_window_changed':
      return data.to
        ? `${who} scheduled it for the next maintenance window.`
        : `${who} took it out of the maintenance windows.`;
    case 'window_planned': {
      // The planner's decision: when the window ends (in the viewer's zone) and whether it rolled.
      const endsAt = str(data.windowEndsAt);
      if (!endsAt) return 'No maintenance window has room for it yet.';
      const when = formatInstant(endsAt, viewerTimeZone());
      const rolls = typeof data.rollCount === 'number' ? data.rollCount : 0;
      return rolls > 0
        ? `Moved to the maintenance window ending ${when} (moved ${rolls === 1 ? 'once' : `${rolls} times`}).`
        : `Planned into the maintenance window ending ${when}.`;
    }
    case 'linked':
    case 'linked_from':
      return `Linked with request #${typeof data.number === 'number' ? data.number : ''} (${humanize(str(data.kind))}).`;
    case 'attachments_added': {
      const count = Array.isArray(data.attachmentIds) ? data.attachmentIds.length : 0;
      return `${who} attached ${count === 1 ? 'a file' : `${count} files`}.`;
    }
    default:
      return null;
  }
}

export function History({
  ticketId,
  nameOf,
  hasSla,
}: {
  ticketId: string;
  nameOf: (actorId: string | null) => string;
  hasSla: boolean;
}) {
  const events = useTicketEvents(ticketId, true);
  if (events.isPending) return <LoadingState label="Loading the history…" />;
  if (events.error) return <ErrorState error={events.error} onRetry={() => void events.refetch()} />;
  const lines = events.data.flatMap((event) => {
    const text = describeEvent(event, nameOf(event.actorId), hasSla);
    return text ? [{ event, text }] : [];
  });
  const zone = viewerTimeZone();
  return (
    <Timeline bulletSize={12} lineWidth={2} active={lines.length - 1}>
      {lines.map(({ event, text }) => (
        <Timeline.Item key={event.id}>
          <Text size="sm">{text}</Text>
          <Text size="xs" c="dimmed">
            {formatInstant(event.at, zone)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

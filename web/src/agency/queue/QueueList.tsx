import { Text } from '@mantine/core';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { SlaBlock, TicketSummary } from '../../api/types';
import { formatCountdown, humanize } from '../../app/format';
import { KindBadge, PriorityBadge, StatusBadge } from '../../components/badges';
import { SlaCountdown, awaitsWindow, runningWithDue } from '../../components/sla';
import './queue.css';

export interface QueueListProps {
  tickets: TicketSummary[];
  clientName: Map<string, string>;
  userName: Map<string, string>;
  viewerZone: string;
  now: number;
  compact: boolean;
}

/** The row's deadline in words, for the link's accessible name (the badge's text, said plainly). */
function slaWords(sla: SlaBlock | null, now: number): string {
  if (!sla) return 'no SLA';
  const next = runningWithDue(sla)[0];
  if (!next) {
    if (awaitsWindow(sla)) return 'resolution awaiting a maintenance window';
    if ([sla.response, sla.resolution].some((clock) => clock.phase === 'paused'))
      return 'SLA paused, waiting on the client';
    const breached = sla.response.status === 'breached' || sla.resolution.status === 'breached';
    return breached ? 'SLA breached' : 'SLA met';
  }
  const which = next === sla.response ? 'response' : 'resolution';
  return `${which} ${formatCountdown(next.dueAt, now)}`;
}

/** Keys that move the focus through the rows; j and k work like the arrows. */
const STEP: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 };

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The open tickets as rows that are links. Only the rows near the viewport are in the DOM, so thousands of
 * tickets scroll smoothly; arrow keys (or j/k) move a visible focus, Enter opens the focused ticket.
 */
export function QueueList({ tickets, clientName, userName, viewerZone, now, compact }: QueueListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [activeId, setActiveId] = useState<string | null>(null);
  const pendingFocus = useRef<string | null>(null);

  // The list starts below the title and filters; the virtualiser needs that offset within the page.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const top = Math.round(list.getBoundingClientRect().top + window.scrollY);
    if (top !== scrollMargin) setScrollMargin(top);
  });

  const virtualizer = useWindowVirtualizer({
    count: tickets.length,
    estimateSize: () => (compact ? 132 : 61),
    overscan: 8,
    scrollMargin,
    scrollPaddingStart: 72,
    getItemKey: (index) => tickets[index]?.id ?? index,
  });

  // Remeasure when the layout switches between rows and cards.
  useEffect(() => {
    virtualizer.measure();
  }, [compact, virtualizer]);

  const activeIndex = activeId ? tickets.findIndex((ticket) => ticket.id === activeId) : -1;

  const rowElement = useCallback(
    (id: string) => listRef.current?.querySelector<HTMLAnchorElement>(`a[data-ticket-id="${id}"]`) ?? null,
    [],
  );

  const moveTo = useCallback(
    (index: number) => {
      const ticket = tickets[index];
      if (!ticket) return;
      setActiveId(ticket.id);
      const element = rowElement(ticket.id);
      if (element) {
        element.focus();
      } else {
        pendingFocus.current = ticket.id;
        virtualizer.scrollToIndex(index, { align: 'auto' });
      }
    },
    [tickets, rowElement, virtualizer],
  );

  // A row scrolled into the DOM after a jump takes the focus it was promised.
  const virtualItems = virtualizer.getVirtualItems();
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const element = rowElement(id);
    if (element) {
      pendingFocus.current = null;
      element.focus({ preventScroll: true });
    }
  }, [virtualItems, rowElement]);

  const step = useCallback(
    (key: string): boolean => {
      if (tickets.length === 0) return false;
      if (key === 'Home') moveTo(0);
      else if (key === 'End') moveTo(tickets.length - 1);
      else if (STEP[key] !== undefined) {
        const from = activeIndex < 0 ? (STEP[key] > 0 ? -1 : tickets.length) : activeIndex;
        moveTo(Math.min(tickets.length - 1, Math.max(0, from + STEP[key])));
      } else return false;
      return true;
    },
    [tickets.length, activeIndex, moveTo],
  );

  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    if (step(event.key)) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  // j/k also work from anywhere on the page that is not a form field.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (isTyping(event.target)) return;
      if (listRef.current?.contains(event.target as Node)) return;
      if (event.key !== 'j' && event.key !== 'k') return;
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
      if (step(event.key)) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [step]);

  const tabStop = activeIndex >= 0 ? activeId : (tickets[0]?.id ?? null);

  return (
    <div>
      <div className="tq-cols tq-head" aria-hidden="true">
        <span>Next deadline</span>
        <span>Ticket · client</span>
        <span>Priority</span>
        <span>Kind</span>
        <span>Status</span>
        <span>Assignee</span>
      </div>
      <div
        ref={listRef}
        role="list"
        aria-label="Open tickets, the next SLA deadline first"
        aria-describedby="queue-keyboard-hint"
        className="tq-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onListKeyDown}
      >
        {virtualItems.map((item) => {
          const ticket = tickets[item.index];
          if (!ticket) return null;
          return (
            <div
              key={item.key}
              role="listitem"
              className="tq-item"
              data-index={item.index}
              ref={virtualizer.measureElement}
              aria-posinset={item.index + 1}
              aria-setsize={tickets.length}
              style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
            >
              <QueueRow
                ticket={ticket}
                client={clientName.get(ticket.clientId) ?? 'Unknown client'}
                assignee={ticket.assigneeId ? (userName.get(ticket.assigneeId) ?? 'Someone') : null}
                active={ticket.id === activeId}
                tabbable={ticket.id === tabStop}
                onFocusRow={setActiveId}
                viewerZone={viewerZone}
                now={now}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}

interface QueueRowProps {
  ticket: TicketSummary;
  client: string;
  assignee: string | null;
  active: boolean;
  tabbable: boolean;
  onFocusRow: (id: string) => void;
  viewerZone: string;
  now: number;
}

/** One ticket as a link; memoised, so scrolling renders only the rows that come into view. */
const QueueRow = memo(function QueueRow({
  ticket,
  client,
  assignee,
  active,
  tabbable,
  onFocusRow,
  viewerZone,
  now,
}: QueueRowProps) {
  return (
    <Link
      to={`/tickets/${ticket.id}`}
      className="tq-row tq-cols"
      data-ticket-id={ticket.id}
      data-active={active}
      aria-label={`#${ticket.number} ${ticket.subject} · ${client} · priority ${ticket.priority} · ${ticket.kind} · ${humanize(ticket.status)} · ${assignee ?? 'unassigned'} · ${slaWords(ticket.sla, now)}`}
      tabIndex={tabbable ? 0 : -1}
      onFocus={() => onFocusRow(ticket.id)}
    >
      <span className="tq-sla">
        <SlaCountdown sla={ticket.sla} timeZone={viewerZone} now={now} />
      </span>
      <span className="tq-ticket">
        <span className="tq-line">
          <Text span size="sm" c="dimmed" style={{ flex: 'none' }}>
            #{ticket.number}
          </Text>
          <Text span size="sm" fw={600} className="tq-subject" title={ticket.subject}>
            {ticket.subject}
          </Text>
        </span>
        <span className="tq-client">{client}</span>
      </span>
      <span className="tq-badge">
        <PriorityBadge priority={ticket.priority} />
      </span>
      <span className="tq-badge">
        <KindBadge kind={ticket.kind} />
      </span>
      <span className="tq-badge">
        <StatusBadge status={ticket.status} />
      </span>
      <span className="tq-assignee">
        <span className="tq-phone-label">Assignee: </span>
        {assignee ?? (
          <Text span size="sm" c="dimmed">
            Unassigned
          </Text>
        )}
      </span>
    </Link>
  );
});

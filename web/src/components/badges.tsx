import { Badge } from '@mantine/core';
import type { Priority, TicketKind, TicketStatus } from '../api/types';
import { humanize, PRIORITY_COLOR } from '../app/format';

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge
      color={PRIORITY_COLOR[priority]}
      variant={priority === 'critical' ? 'filled' : 'light'}
      aria-label={`priority ${priority}`}
    >
      {priority}
    </Badge>
  );
}

const STATUS_COLOR: Record<TicketStatus, string> = {
  new: 'blue',
  acknowledged: 'cyan',
  in_progress: 'teal',
  waiting_on_client: 'grape',
  resolved: 'green',
  closed: 'gray',
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="outline">
      {humanize(status)}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: TicketKind }) {
  return (
    <Badge color={kind === 'change' ? 'indigo' : kind === 'maintenance' ? 'gray' : 'dark'} variant="dot">
      {kind}
    </Badge>
  );
}

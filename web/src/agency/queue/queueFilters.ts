import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Priority, TicketKind, TicketStatus } from '../../api/types';
import { KINDS, PRIORITIES } from '../../api/types';

/** The statuses a ticket in the queue can have: the queue lists open work only. */
export const OPEN_STATUSES: TicketStatus[] = ['new', 'acknowledged', 'in_progress', 'waiting_on_client'];

export interface QueueFilters {
  clientId: string | null;
  priority: Priority[];
  kind: TicketKind[];
  status: TicketStatus[];
  assigneeId: string | null;
  mine: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function listParam<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T[] {
  const values = params.getAll(key).flatMap((value) => value.split(','));
  return allowed.filter((value) => values.includes(value));
}

/**
 * The queue's filters live in the URL (the same names the API takes), so a reload or a shared link keeps
 * them. Values the API would refuse are ignored rather than turned into an error page.
 */
export function useQueueFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<QueueFilters>(() => {
    const clientId = params.get('clientId');
    const assigneeId = params.get('assigneeId');
    return {
      clientId: clientId && UUID.test(clientId) ? clientId : null,
      priority: listParam(params, 'priority', PRIORITIES),
      kind: listParam(params, 'kind', KINDS),
      status: listParam(params, 'status', OPEN_STATUSES),
      assigneeId: assigneeId && UUID.test(assigneeId) ? assigneeId : null,
      mine: params.get('mine') === 'true',
    };
  }, [params]);

  const setFilters = useCallback(
    (change: Partial<QueueFilters>) => {
      const next = { ...filters, ...change };
      const search = new URLSearchParams();
      if (next.clientId) search.set('clientId', next.clientId);
      for (const value of next.priority) search.append('priority', value);
      for (const value of next.kind) search.append('kind', value);
      for (const value of next.status) search.append('status', value);
      if (next.assigneeId) search.set('assigneeId', next.assigneeId);
      if (next.mine) search.set('mine', 'true');
      setParams(search, { replace: true });
    },
    [filters, setParams],
  );

  const activeCount =
    Number(!!filters.clientId) +
    Number(filters.priority.length > 0) +
    Number(filters.kind.length > 0) +
    Number(filters.status.length > 0) +
    Number(!!filters.assigneeId) +
    Number(filters.mine);

  return {
    filters,
    setFilters,
    activeCount,
    clear: () => setParams(new URLSearchParams(), { replace: true }),
  };
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { TicketPage, TicketSummary } from '../../api/types';
import type { QueueFilters } from './queueFilters';

export const QUEUE_KEY = ['agency-queue'] as const;

/** Pages of 500 until the API says there are no more; a guard stops a cursor that never ends. */
const MAX_PAGES = 200;

/** Every open ticket matching the filters, in the API's queue order (the earliest deadline first). */
export async function fetchQueue(filters: QueueFilters, signal?: AbortSignal): Promise<TicketSummary[]> {
  const items: TicketSummary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    if (signal?.aborted) break;
    const result: TicketPage = await api.get<TicketPage>(
      `/tickets${query({
        open: 'true',
        sort: 'queue',
        limit: 500,
        cursor,
        clientId: filters.clientId,
        priority: filters.priority,
        kind: filters.kind,
        status: filters.status,
        assigneeId: filters.assigneeId,
        mine: filters.mine ? 'true' : undefined,
      })}`,
    );
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export function useQueue(filters: QueueFilters) {
  return useQuery({
    queryKey: [...QUEUE_KEY, filters],
    queryFn: ({ signal }) => fetchQueue(filters, signal),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}

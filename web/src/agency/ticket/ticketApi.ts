import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type {
  Agreement,
  Client,
  Estimate,
  ListOf,
  TicketDetail,
  TicketEvent,
  TicketPage,
  TimeEntryPage,
} from '../../api/types';
import { QUEUE_KEY } from '../queue/useQueue';

export type TicketAttachment = TicketDetail['attachments'][number];
export type TicketComment = TicketDetail['comments'][number];

export const ticketKey = (id: string) => ['agency-ticket', id] as const;

export function useTicket(id: string) {
  return useQuery({
    queryKey: ticketKey(id),
    queryFn: () => api.get<TicketDetail>(`/tickets/${id}`),
    refetchInterval: 60_000,
  });
}

export function useTicketEvents(id: string) {
  return useQuery({
    queryKey: [...ticketKey(id), 'events'],
    queryFn: async () => (await api.get<ListOf<TicketEvent>>(`/tickets/${id}/events`)).items,
  });
}

export function useClient(id: string | undefined) {
  return useQuery({
    queryKey: ['agency-lookup', 'client', id],
    queryFn: () => api.get<Client>(`/clients/${id}`),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

export function useAgreement(id: string | null | undefined) {
  return useQuery({
    queryKey: ['agency-lookup', 'agreement', id],
    queryFn: () => api.get<Agreement>(`/agreements/${id}`),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

export function useEstimates(ticketId: string) {
  return useQuery({
    queryKey: [...ticketKey(ticketId), 'estimates'],
    queryFn: async () => (await api.get<ListOf<Estimate>>(`/estimates${query({ ticketId })}`)).items,
  });
}

export function useTicketTime(ticketId: string) {
  return useQuery({
    queryKey: [...ticketKey(ticketId), 'time'],
    queryFn: () => api.get<TimeEntryPage>(`/time-entries${query({ ticketId, limit: 200 })}`),
  });
}

/** Other tickets of the same client, newest first: candidates for a follow-up link. */
export function useClientTickets(clientId: string | undefined) {
  return useQuery({
    queryKey: ['agency-client-tickets', clientId],
    queryFn: async () =>
      (await api.get<TicketPage>(`/tickets${query({ clientId, sort: 'newest', limit: 500 })}`)).items,
    enabled: !!clientId,
  });
}

/**
 * A change to the ticket: on success the ticket (and its history, estimates, time) is fetched again, and the
 * queue too, so every screen shows the change at once. A returned ticket is put in place immediately.
 */
export function useTicketChange<TInput, TResult>(
  ticketId: string,
  mutationFn: (input: TInput) => Promise<TResult>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (result) => {
      if (isTicketDetail(result, ticketId)) queryClient.setQueryData(ticketKey(ticketId), result);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKey(ticketId) }),
        queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
        queryClient.invalidateQueries({ queryKey: ['agency-client-tickets'] }),
      ]);
    },
  });
}

function isTicketDetail(value: unknown, id: string): value is TicketDetail {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { id?: unknown }).id === id &&
    Array.isArray((value as { comments?: unknown }).comments)
  );
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function formatBytes(size: number): string {
  const bytes = Number(size);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

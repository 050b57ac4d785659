import { CLIENT_MAY } from '../../../src/domain/tickets/ticket-status';
/** What the client portal asks the API, and the small rules it mirrors from the server. */
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, query } from '../api/client';
import type {
  Agreement,
  Calendar,
  Estimate,
  ListOf,
  Me,
  SlaPolicy,
  TicketDetail,
  TicketEvent,
  TicketPage,
  TicketStatus,
  User,
} from '../api/types';
// Pure functions without dependencies, shared with the server so the form says what the server will decide.
import {
  decideCoverage,
  pickAgreementForTicket,
  type CoverageDecision,
} from '../../../src/domain/agreements/coverage';
import { localDateOf, localMonthOf } from '../../../src/domain/time/local-date';

export { localMonthOf };
export type { CoverageDecision };

export const portalKeys = {
  agreements: ['portal', 'agreements'] as const,
  policies: ['portal', 'sla-policies'] as const,
  calendar: (id: string) => ['portal', 'calendar', id] as const,
  users: ['portal', 'users'] as const,
  tickets: ['portal', 'tickets'] as const,
  ticketList: (params: Record<string, unknown>) => ['portal', 'tickets', 'list', params] as const,
  ticket: (id: string) => ['portal', 'tickets', 'detail', id] as const,
  events: (id: string) => ['portal', 'tickets', 'events', id] as const,
  estimates: (ticketId: string) => ['portal', 'tickets', 'estimates', ticketId] as const,
  ledger: (agreementId: string, month: string) => ['portal', 'ledger', agreementId, month] as const,
  slaReport: (clientId: string, month: string) => ['portal', 'sla-report', clientId, month] as const,
};

export function useAgreements() {
  return useQuery({
    queryKey: portalKeys.agreements,
    queryFn: async () => (await api.get<ListOf<Agreement>>('/agreements')).items,
    staleTime: 5 * 60_000,
  });
}

export function useSlaPolicies(enabled = true) {
  return useQuery({
    queryKey: portalKeys.policies,
    queryFn: async () => (await api.get<ListOf<SlaPolicy>>('/sla-policies')).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useCalendar(id: string | null | undefined) {
  return useQuery({
    queryKey: portalKeys.calendar(id ?? ''),
    queryFn: () => api.get<Calendar>(`/calendars/${id}`),
    staleTime: 5 * 60_000,
    enabled: !!id,
  });
}

/** The people of the client's own organisation (to name who did what). */
export function useOwnUsers() {
  return useQuery({
    queryKey: portalKeys.users,
    queryFn: async () => (await api.get<ListOf<User>>('/users')).items,
    staleTime: 5 * 60_000,
  });
}

export function useTicketList(params: {
  open?: boolean;
  status?: readonly TicketStatus[];
  sort: 'queue' | 'newest';
  limit: number;
}) {
  return useQuery({
    queryKey: portalKeys.ticketList(params),
    queryFn: () =>
      api.get<TicketPage>(
        `/tickets${query({ open: params.open, status: params.status, sort: params.sort, limit: params.limit })}`,
      ),
  });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: portalKeys.ticket(id),
    queryFn: () => api.get<TicketDetail>(`/tickets/${id}`),
  });
}

export function useTicketEvents(id: string, enabled: boolean) {
  return useQuery({
    queryKey: portalKeys.events(id),
    queryFn: async () => (await api.get<ListOf<TicketEvent>>(`/tickets/${id}/events`)).items,
    enabled,
  });
}

export function useEstimates(ticketId: string, enabled: boolean) {
  return useQuery({
    queryKey: portalKeys.estimates(ticketId),
    queryFn: async () => (await api.get<ListOf<Estimate>>(`/estimates${query({ ticketId })}`)).items,
    enabled,
  });
}

/** "dependency_update" → "Dependency update". */
export function requestTypeLabel(type: string): string {
  const words = type.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Today's date where the client is: the date the server picks the agreement for. */
export function clientToday(me: Me, now = Date.now()): string {
  return localDateOf(now, me.organization.timeZone);
}

/** The agreement a new request falls under — the server's own rule (pickAgreementForTicket). */
export function agreementForNewRequest(agreements: readonly Agreement[], date: string): Agreement | null {
  const candidates = agreements.map((agreement) => ({
    id: agreement.id,
    kind: agreement.kind,
    status: agreement.status,
    startsOn: agreement.startsOn,
    endsOn: agreement.endsOn,
    hasSlaPolicy: agreement.slaPolicyId !== null,
    agreement,
  }));
  return pickAgreementForTicket(candidates, date)?.agreement ?? null;
}

export function coverageOf(agreement: Agreement, requestType: string): CoverageDecision {
  return decideCoverage(agreement.kind, agreement.coverage, requestType);
}

/** Agreements in force on a date. */
export function inForce(agreements: readonly Agreement[], date: string): Agreement[] {
  return agreements.filter(
    (a) => a.status === 'active' && a.startsOn <= date && (a.endsOn === null || a.endsOn >= date),
  );
}

/** What a client may do with a request in each status: the server's own rule. */
export const CLIENT_TRANSITIONS = CLIENT_MAY;

export const STATUS_WORDS: Record<TicketStatus, string> = {
  new: 'new',
  acknowledged: 'acknowledged',
  in_progress: 'in progress',
  waiting_on_client: 'waiting on you',
  resolved: 'resolved',
  closed: 'closed',
};

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** An attachment as the API lists it on a ticket (internal-note attachments never reach clients). */
export type Attachment = TicketDetail['attachments'][number];

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Uploads one file to a ticket (optionally to one of its replies) with progress. XMLHttpRequest rather than
 * fetch, because only it reports upload progress.
 */
export function uploadAttachment(
  ticketId: string,
  file: File,
  options: { commentId?: string; onProgress?: (fraction: number) => void } = {},
): Promise<Attachment[]> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    if (options.commentId) form.append('commentId', options.commentId);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/tickets/${ticketId}/attachments`);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload was interrupted (network error).'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((data as { items?: Attachment[] } | null)?.items ?? []);
        return;
      }
      const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? 'unknown',
          error?.message ?? (xhr.status === 413 ? 'The file is too large.' : xhr.statusText),
        ),
      );
    };
    xhr.send(form);
  });
}

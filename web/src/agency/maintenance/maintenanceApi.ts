import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type {
  Agreement,
  ListOf,
  MaintenanceBacklog,
  MaintenanceChore,
  MaintenanceSchedule,
  MaintenanceWindow,
  MaintenanceWindowDetail,
  TicketDetail,
  TimeEntryPage,
} from '../../api/types';
import type {
  ChoreCreateInput,
  ChoreUpdateInput,
  OneOffWindowInput,
  ScheduleCreateInput,
  ScheduleUpdateInput,
} from '../../../../src/schemas/maintenance';
import { QUEUE_KEY } from '../queue/useQueue';

/** Everything maintenance shares one prefix: a change anywhere in it refreshes the calendar, backlog and windows. */
export const MAINTENANCE_KEY = ['maintenance'] as const;
const keys = {
  windows: (params: WindowRange) => [...MAINTENANCE_KEY, 'windows', params] as const,
  window: (id: string) => [...MAINTENANCE_KEY, 'window', id] as const,
  windowTime: (id: string) => [...MAINTENANCE_KEY, 'window', id, 'time'] as const,
  backlog: (params: BacklogScope) => [...MAINTENANCE_KEY, 'backlog', params] as const,
  schedules: (agreementId: string) => [...MAINTENANCE_KEY, 'schedules', agreementId] as const,
  chores: (agreementId: string) => [...MAINTENANCE_KEY, 'chores', agreementId] as const,
};

export interface WindowRange {
  from: string;
  to: string;
  clientId?: string | null;
  agreementId?: string | null;
}

export interface BacklogScope {
  clientId?: string | null;
  agreementId?: string | null;
}

export function useWindows(range: WindowRange, enabled = true) {
  return useQuery({
    queryKey: keys.windows(range),
    queryFn: async () =>
      (await api.get<ListOf<MaintenanceWindow>>(`/maintenance-windows${query({ ...range })}`)).items,
    enabled,
  });
}

export function useWindow(id: string) {
  return useQuery({
    queryKey: keys.window(id),
    queryFn: () => api.get<MaintenanceWindowDetail>(`/maintenance-windows/${id}`),
  });
}

/** Time entries logged against a window (on its items or on the window itself). */
export function useWindowTime(id: string) {
  return useQuery({
    queryKey: keys.windowTime(id),
    queryFn: () => api.get<TimeEntryPage>(`/time-entries${query({ windowId: id, limit: 200 })}`),
  });
}

export function useBacklog(scope: BacklogScope, enabled = true) {
  return useQuery({
    queryKey: keys.backlog(scope),
    queryFn: () => api.get<MaintenanceBacklog>(`/maintenance/backlog${query({ ...scope })}`),
    enabled,
  });
}

export function useClientAgreements(clientId: string | null | undefined) {
  return useQuery({
    queryKey: ['agreements', { clientId }],
    queryFn: () => api.get<ListOf<Agreement>>(`/agreements${query({ clientId })}`),
    enabled: !!clientId,
    select: (data) => data.items,
  });
}

export function useSchedules(agreementId: string) {
  return useQuery({
    queryKey: keys.schedules(agreementId),
    queryFn: async () =>
      (await api.get<ListOf<MaintenanceSchedule>>(`/agreements/${agreementId}/maintenance-schedules`)).items,
  });
}

export function useChores(agreementId: string) {
  return useQuery({
    queryKey: keys.chores(agreementId),
    queryFn: async () =>
      (await api.get<ListOf<MaintenanceChore>>(`/agreements/${agreementId}/maintenance-chores`)).items,
  });
}

/** A maintenance change: the plan may move anywhere, so every maintenance view, the queue and tickets refresh. */
function useMaintenanceChange<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: MAINTENANCE_KEY }),
        queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
        queryClient.invalidateQueries({ queryKey: ['agency-ticket'] }),
      ]),
  });
}

export type WindowAction = 'start' | 'close' | 'cancel';

export function useWindowAction(windowId: string) {
  return useMaintenanceChange((action: WindowAction) =>
    api.post<MaintenanceWindowDetail>(`/maintenance-windows/${windowId}/${action}`),
  );
}

export function useCreateOneOffWindow() {
  return useMaintenanceChange(({ agreementId, ...body }: OneOffWindowInput & { agreementId: string }) =>
    api.post<MaintenanceWindowDetail>(`/agreements/${agreementId}/maintenance-windows`, body),
  );
}

/** Triage of one ticket for maintenance: the next window, and the planning estimate. */
export function useTicketTriage(ticketId: string) {
  return useMaintenanceChange(
    (input: { nextWindow?: boolean; estimateMinutes?: number | null; reason?: string }) =>
      api.patch<TicketDetail>(`/tickets/${ticketId}`, input),
  );
}

export function useLogWindowTime() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => api.post('/time-entries', input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: MAINTENANCE_KEY }),
        queryClient.invalidateQueries({ queryKey: ['time-entries'] }),
        queryClient.invalidateQueries({ queryKey: ['ledger'] }),
        queryClient.invalidateQueries({ queryKey: ['agency-ticket'] }),
      ]),
  });
}

export function useSaveSchedule(agreementId: string) {
  return useMaintenanceChange(
    ({ id, ...body }: (ScheduleCreateInput & { id?: undefined }) | (ScheduleUpdateInput & { id: string })) =>
      id
        ? api.patch<MaintenanceSchedule>(`/maintenance-schedules/${id}`, body)
        : api.post<MaintenanceSchedule>(`/agreements/${agreementId}/maintenance-schedules`, body),
  );
}

export function useSaveChore(agreementId: string) {
  return useMaintenanceChange(
    ({ id, ...body }: (ChoreCreateInput & { id?: undefined }) | (ChoreUpdateInput & { id: string })) =>
      id
        ? api.patch<MaintenanceChore>(`/maintenance-chores/${id}`, body)
        : api.post<MaintenanceChore>(`/agreements/${agreementId}/maintenance-chores`, body),
  );
}

/** What the client portal asks the API about maintenance windows (read-only: its own organisation's). */
import { useQuery } from '@tanstack/react-query';
import { api, query } from '../api/client';
import type { ListOf, MaintenanceBacklog, MaintenanceWindow, MaintenanceWindowDetail } from '../api/types';

const DAY_MS = 86_400_000;

export const maintenanceKeys = {
  upcoming: ['portal', 'maintenance', 'upcoming'] as const,
  past: ['portal', 'maintenance', 'past'] as const,
  backlog: ['portal', 'maintenance', 'backlog'] as const,
  window: (id: string) => ['portal', 'maintenance', 'window', id] as const,
};

/** Windows still to come or running, for the planning horizon (a year ahead). */
export function useUpcomingWindows() {
  return useQuery({
    queryKey: maintenanceKeys.upcoming,
    queryFn: async () => {
      const now = Date.now();
      const range = { from: new Date(now).toISOString(), to: new Date(now + 366 * DAY_MS).toISOString() };
      const { items } = await api.get<ListOf<MaintenanceWindow>>(`/maintenance-windows${query(range)}`);
      return items.filter((w) => w.status === 'scheduled' || w.status === 'in_progress');
    },
  });
}

/** Closed windows of the past year, the latest first. */
export function usePastWindows() {
  return useQuery({
    queryKey: maintenanceKeys.past,
    queryFn: async () => {
      const now = Date.now();
      const range = {
        from: new Date(now - 365 * DAY_MS).toISOString(),
        // A window may be run and closed before its planned time (the API allows 400 days in all).
        to: new Date(now + 31 * DAY_MS).toISOString(),
        status: 'closed',
      };
      const { items } = await api.get<ListOf<MaintenanceWindow>>(`/maintenance-windows${query(range)}`);
      return items.sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
    },
  });
}

/** What is planned into which window (and what waits for room). */
export function useBacklog() {
  return useQuery({
    queryKey: maintenanceKeys.backlog,
    queryFn: () => api.get<MaintenanceBacklog>('/maintenance/backlog'),
  });
}

export function useWindow(id: string) {
  return useQuery({
    queryKey: maintenanceKeys.window(id),
    queryFn: () => api.get<MaintenanceWindowDetail>(`/maintenance-windows/${id}`),
  });
}

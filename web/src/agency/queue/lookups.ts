import { useClients } from '../../api/queries';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client';
import type { ListOf, User } from '../../api/types';

/** Every client, loaded once per few minutes: the queue and ticket pages map ids to names with it. */
export function useClientList() {
  const clients = useClients();
  return { ...clients, data: clients.data?.items };
}

/** Every user the viewer may see (agency staff see all): ids to names, and the agency's people. */
export function useUserList() {
  return useQuery({
    queryKey: ['agency-lookup', 'users'],
    queryFn: async () => (await api.get<ListOf<User>>('/users')).items,
    staleTime: 5 * 60_000,
  });
}

export function isAgencyRole(role: User['role']): boolean {
  return role === 'agency_admin' || role === 'agency_engineer';
}

/** Id → name maps, and the agency staff who may be assigned (enabled ones first, by name). */
export function useLookups() {
  const clients = useClientList();
  const users = useUserList();
  return useMemo(() => {
    const clientName = new Map((clients.data ?? []).map((client) => [client.id, client.name]));
    const userName = new Map((users.data ?? []).map((user) => [user.id, user.name]));
    const staff = (users.data ?? []).filter((user) => isAgencyRole(user.role));
    return { clients, users, clientName, userName, staff };
  }, [clients, users]);
}

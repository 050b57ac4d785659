import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Client, ListOf } from './types';

/** Every client the viewer may see, under one cache entry that every screen shares and invalidates. */
export function useClients() {
  return useQuery({ queryKey: ['clients'], queryFn: () => api.get<ListOf<Client>>('/clients') });
}

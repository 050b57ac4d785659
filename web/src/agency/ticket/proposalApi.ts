import { useQuery } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { ListOf, Project, Proposal } from '../../api/types';
import { ticketKey } from './ticketApi';

/** Under the ticket's key, so every change to the ticket (useTicketChange) fetches them again. */
export function useProposals(ticketId: string) {
  return useQuery({
    queryKey: [...ticketKey(ticketId), 'proposals'],
    queryFn: async () => (await api.get<ListOf<Proposal>>(`/proposals${query({ ticketId })}`)).items,
  });
}

export function useProject(ticketId: string, projectId: string | null | undefined) {
  return useQuery({
    queryKey: [...ticketKey(ticketId), 'project', projectId],
    queryFn: () => api.get<Project>(`/projects/${projectId}`),
    enabled: !!projectId,
  });
}

/** The active project this ticket's approved proposal became, if any: its time is logged on the project. */
export function useActiveTicketProject(ticketId: string): Project | null {
  const proposals = useProposals(ticketId);
  const approved = proposals.data?.find((proposal) => proposal.status === 'approved' && proposal.projectId);
  const project = useProject(ticketId, approved?.projectId);
  return project.data?.status === 'active' ? project.data : null;
}

export const PROJECTS_KEY = ['projects'] as const;

export function useClientProjects(clientId: string) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, { clientId }],
    queryFn: async () => (await api.get<ListOf<Project>>(`/projects${query({ clientId })}`)).items,
  });
}

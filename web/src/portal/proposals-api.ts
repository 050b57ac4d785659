/** What the client portal asks the API about change proposals. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../api/client';
import type { ListOf, Proposal } from '../api/types';
import { portalKeys } from './portal-api';

export const proposalKeys = {
  all: ['portal', 'proposals'] as const,
  ofTicket: (ticketId: string) => ['portal', 'proposals', 'ticket', ticketId] as const,
  pending: ['portal', 'proposals', 'pending'] as const,
};

export function useTicketProposals(ticketId: string) {
  return useQuery({
    queryKey: proposalKeys.ofTicket(ticketId),
    queryFn: async () => (await api.get<ListOf<Proposal>>(`/proposals${query({ ticketId })}`)).items,
  });
}

/** Proposals sent to the organisation and waiting for its decision. */
export function usePendingProposals() {
  return useQuery({
    queryKey: proposalKeys.pending,
    queryFn: async () => (await api.get<ListOf<Proposal>>(`/proposals${query({ status: 'sent' })}`)).items,
  });
}

/** Approve or decline; the request, its history and the lists are fetched again. */
export function useDecideProposal(proposal: Proposal) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, note }: { decision: 'approve' | 'decline'; note: string }) =>
      api.post<Proposal>(`/proposals/${proposal.id}/${decision}`, note ? { note } : {}),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: proposalKeys.all }),
        // A prefix of the ticket's and its history's keys: invalidating it refetches them too, once.
        queryClient.invalidateQueries({ queryKey: portalKeys.tickets }),
      ]),
  });
}

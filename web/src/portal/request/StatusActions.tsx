import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { TicketDetail, TicketStatus } from '../../api/types';
import { CLIENT_TRANSITIONS, portalKeys } from '../portal-api';

interface Action {
  to: TicketStatus;
  label: string;
  title: string;
  explain: string;
  noteLabel: string;
  color?: string;
}

/** The moves a client may make from a status (server rule: withdraw open work, close or reopen resolved work). */
function actionsFor(status: TicketStatus): Action[] {
  return CLIENT_TRANSITIONS[status].flatMap((to): Action[] => {
    if (to === 'closed' && status === 'resolved')
      return [
        {
          to,
          label: 'Close request',
          title: 'Close the request?',
          explain:
            'Confirm the work is done. A closed request cannot be reopened; raise a new one if needed.',
          noteLabel: 'Anything to add? (optional, posted as a reply)',
        },
      ];
    if (to === 'closed')
      return [
        {
          to,
          label: 'Withdraw request',
          title: 'Withdraw the request?',
          explain: 'The agency stops working on it and it is closed. A closed request cannot be reopened.',
          noteLabel: 'Why? (optional, posted as a reply)',
          color: 'red',
        },
      ];
    if (to === 'in_progress' && status === 'resolved')
      return [
        {
          to,
          label: 'Reopen request',
          title: 'Reopen the request?',
          explain: 'The request goes back to the agency and its resolution clock runs again.',
          noteLabel: 'What is still wrong? (optional, posted as a reply)',
        },
      ];
    // waiting_on_client → in_progress happens by replying (the reply form says so).
    return [];
  });
}

export function StatusActions({ ticket }: { ticket: TicketDetail }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Action | null>(null);
  const [note, setNote] = useState('');
  const move = useMutation({
    mutationFn: (action: Action) =>
      api.post<TicketDetail>(`/tickets/${ticket.id}/transitions`, {
        status: action.to,
        ...(note.trim() ? { comment: note.trim() } : {}),
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(portalKeys.ticket(ticket.id), updated);
      void queryClient.invalidateQueries({ queryKey: portalKeys.events(ticket.id) });
      void queryClient.invalidateQueries({ queryKey: portalKeys.tickets });
      setOpen(null);
      setNote('');
    },
  });
  const actions = actionsFor(ticket.status);
  if (actions.length === 0) return null;
  const error = move.error instanceof ApiError ? move.error : null;

  return (
    <>
      <Group gap="xs">
        {actions.map((action) => (
          <Button
            key={action.to}
            variant={action.to === 'in_progress' ? 'filled' : 'default'}
            color={action.color}
            onClick={() => {
              move.reset();
              setOpen(action);
            }}
          >
            {action.label}
          </Button>
        ))}
      </Group>
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open?.title} centered>
        {open && (
          <Stack gap="sm">
            <Text size="sm">{open.explain}</Text>
            <Textarea
              label={open.noteLabel}
              autosize
              minRows={2}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={error?.fieldError('comment')}
            />
            {move.isError && (
              <Alert color="red" role="alert">
                {error?.message ?? 'The request was not changed.'}
              </Alert>
            )}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setOpen(null)}>
                Cancel
              </Button>
              <Button color={open.color} loading={move.isPending} onClick={() => move.mutate(open)}>
                {open.label}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

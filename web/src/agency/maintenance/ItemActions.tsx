import { Button, Group, Popover, Stack, TextInput, type ButtonProps } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { formatMinutes } from '../../app/format';
import { ServerError } from '../ticket/bits';
import { parseDuration } from '../time/duration';
import { useTicketTriage } from './maintenanceApi';

/** Sets (or clears) the engineers' estimate the planner sizes the item by; the backlog is planned again. */
export function EstimateButton({
  ticketId,
  number,
  minutes,
}: {
  ticketId: string;
  number: number;
  /** The ticket's own estimate; null when it has none (a client estimate or the default applies). */
  minutes: number | null;
}) {
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  const save = useTicketTriage(ticketId);
  const parsed = parseDuration(text);
  const apiError = save.error instanceof ApiError ? save.error : null;
  const submit = (value: number | null) =>
    save.mutate(
      { estimateMinutes: value },
      {
        onSuccess: () => {
          setOpened(false);
          setText('');
        },
      },
    );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed) submit(parsed);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withArrow trapFocus shadow="md">
      <Popover.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => {
            setText(minutes ? formatMinutes(minutes).replace(/ /g, '') : '');
            setOpened((open) => !open);
          }}
          aria-label={`Set the estimate of #${number}`}
        >
          {minutes ? 'Change' : 'Estimate'}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack component="form" gap={6} onSubmit={onSubmit} aria-label={`Estimate of #${number}`} w={220}>
          <TextInput
            label="Estimate"
            placeholder="1h30"
            data-autofocus
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            description={parsed ? `= ${formatMinutes(parsed)}` : '90, 1h30 or 1.5h'}
            error={
              text.trim() && parsed === null
                ? 'Write minutes (90), hours and minutes (1h30) or hours (1.5h)'
                : apiError?.fieldError('estimateMinutes')
            }
          />
          <ServerError error={save.error} fields={['estimateMinutes']} />
          <Group gap="xs">
            <Button type="submit" size="xs" loading={save.isPending} disabled={!parsed}>
              Save
            </Button>
            {minutes !== null && (
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                disabled={save.isPending}
                onClick={() => submit(null)}
              >
                Clear
              </Button>
            )}
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Triage's "next window": send the ticket there, or take it back out (the backlog is planned again). */
export function NextWindowButton({
  ticketId,
  number,
  nextWindow,
  size = 'xs',
}: {
  ticketId: string;
  number: number;
  nextWindow: boolean;
  size?: ButtonProps['size'];
}) {
  const change = useTicketTriage(ticketId);
  const label = nextWindow ? 'Take out of next window' : 'Send to next window';
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size={size}
        variant={nextWindow ? 'subtle' : 'light'}
        color={nextWindow ? 'gray' : undefined}
        loading={change.isPending}
        onClick={() => change.mutate({ nextWindow: !nextWindow })}
        aria-label={`${label}: #${number}`}
        style={{ whiteSpace: 'nowrap' }}
      >
        {label}
      </Button>
      <ServerError error={change.error} />
    </Stack>
  );
}

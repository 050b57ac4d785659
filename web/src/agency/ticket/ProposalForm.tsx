import { Button, Group, NumberInput, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import type { Proposal } from '../../api/types';
import { formatMinutes, formatMoney } from '../../app/format';
// The server's own pricing rule, so the preview is the price the proposal will carry.
import { priceOf } from '../../../../src/domain/proposals/proposal-rules';
import { ServerError } from './bits';

export interface ProposalFields {
  title: string;
  scope: string;
  assumptions: string;
  estimateMinutes: number;
}

const FIELDS = ['title', 'scope', 'assumptions', 'estimateMinutes'];

/**
 * The proposal's scope, assumptions and estimate (hours and minutes), with the price it will carry at the
 * agreement's project rate. Used to draft a proposal and to change a draft.
 */
export function ProposalForm({
  initial,
  rateCents,
  label,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: Proposal;
  rateCents: number | null;
  label: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: ProposalFields) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [scope, setScope] = useState(initial?.scope ?? '');
  const [assumptions, setAssumptions] = useState(initial?.assumptions ?? '');
  const [hours, setHours] = useState<number | string>(
    initial ? Math.floor(initial.estimateMinutes / 60) : '',
  );
  const [minutes, setMinutes] = useState<number | string>(initial ? initial.estimateMinutes % 60 : 0);
  const apiError = error instanceof ApiError ? error : null;
  const estimate = Number(hours || 0) * 60 + Number(minutes || 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      title: title.trim(),
      scope: scope.trim(),
      assumptions: assumptions.trim(),
      estimateMinutes: estimate,
    });
  };
  return (
    <Stack component="form" gap={6} onSubmit={submit} aria-label={label}>
      <TextInput
        label="Title"
        required
        maxLength={200}
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
        error={apiError?.fieldError('title')}
      />
      <Textarea
        label="Scope"
        description="What the project delivers. Markdown works."
        required
        autosize
        minRows={3}
        value={scope}
        onChange={(event) => setScope(event.currentTarget.value)}
        error={apiError?.fieldError('scope')}
      />
      <Textarea
        label="Assumptions"
        description="What the estimate relies on."
        autosize
        minRows={2}
        value={assumptions}
        onChange={(event) => setAssumptions(event.currentTarget.value)}
        error={apiError?.fieldError('assumptions')}
      />
      <Group gap="xs" align="flex-start" grow>
        <NumberInput
          label="Estimate: hours"
          required
          min={0}
          allowDecimal={false}
          value={hours}
          onChange={setHours}
          error={apiError?.fieldError('estimateMinutes')}
        />
        <NumberInput
          label="and minutes"
          min={0}
          max={59}
          step={15}
          allowDecimal={false}
          value={minutes}
          onChange={setMinutes}
        />
      </Group>
      <Text size="sm" data-testid="proposal-price-preview">
        {rateCents === null
          ? 'The agreement names no project rate: set one on the agreement to price the proposal.'
          : estimate > 0
            ? `${formatMinutes(estimate)} at ${formatMoney(rateCents)} an hour = ${formatMoney(priceOf(estimate, rateCents))}`
            : `Priced at the agreement’s project rate, ${formatMoney(rateCents)} an hour.`}
      </Text>
      <ServerError error={error} fields={FIELDS} />
      <Group gap="xs">
        <Button type="submit" variant="light" color="indigo" loading={pending} disabled={estimate <= 0}>
          {submitLabel}
        </Button>
        <Button variant="subtle" color="gray" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

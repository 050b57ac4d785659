import { ActionIcon, Button, Fieldset, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import type { SlaPolicy } from '../../api/types';

export type SlaAlerts = SlaPolicy['alerts'];
type EscalationTarget = SlaAlerts['escalation'][number]['notify'];

export interface AlertsForm {
  /** Percent of the target used at which the assignee is warned. */
  warningPercent: number | string;
  escalation: { afterBreachMinutes: number | string; notify: EscalationTarget }[];
}

const NOTIFY_OPTIONS: { value: EscalationTarget; label: string }[] = [
  { value: 'assignee', label: 'The assignee (admins when unassigned)' },
  { value: 'agency_channel', label: 'The agency’s Slack channel' },
  { value: 'admins', label: 'The agency admins' },
];

export const DEFAULT_ALERTS: SlaAlerts = {
  warningFraction: 0.75,
  escalation: [
    { afterBreachMinutes: 0, notify: 'assignee' },
    { afterBreachMinutes: 30, notify: 'agency_channel' },
    { afterBreachMinutes: 120, notify: 'admins' },
  ],
};

export function toAlertsForm(alerts: SlaAlerts | undefined): AlertsForm {
  const source = alerts ?? DEFAULT_ALERTS;
  return {
    warningPercent: Math.round(source.warningFraction * 100),
    escalation: source.escalation.map((step) => ({ ...step })),
  };
}

/** What the form sends: an empty number goes as null, and the server names the field that needs it. */
export interface AlertsBody {
  warningFraction: number | null;
  escalation: { afterBreachMinutes: number | null; notify: EscalationTarget }[];
}

export function toAlerts(form: AlertsForm): AlertsBody {
  const num = (value: number | string) =>
    typeof value === 'number' && Number.isFinite(value) ? value : null;
  const percent = num(form.warningPercent);
  return {
    warningFraction: percent === null ? null : Math.round(percent) / 100,
    escalation: form.escalation.map((step) => ({
      afterBreachMinutes: num(step.afterBreachMinutes),
      notify: step.notify,
    })),
  };
}

/** The policy's warning threshold and breach escalation steps. */
export function AlertFields({
  form,
  onChange,
  error,
}: {
  form: AlertsForm;
  onChange: (form: AlertsForm) => void;
  error: (path: string) => string | undefined;
}) {
  const setStep = (index: number, step: AlertsForm['escalation'][number]) =>
    onChange({ ...form, escalation: form.escalation.map((s, i) => (i === index ? step : s)) });
  return (
    <Fieldset legend="Warnings and escalation" aria-label="Warnings and escalation" radius="md">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Each alert is sent once per clock. Outside the business calendar only the in-app notification is
          recorded — except for tickets whose priority a client’s standby agreement covers.
        </Text>
        <NumberInput
          label="Warn the assignee when this much of a target is used"
          suffix=" %"
          min={5}
          max={99}
          step={5}
          allowNegative={false}
          allowDecimal={false}
          value={form.warningPercent}
          onChange={(warningPercent) => onChange({ ...form, warningPercent })}
          error={error('alerts.warningFraction')}
          w={{ base: '100%', sm: 360 }}
        />
        <Text size="sm" fw={600}>
          After a breach
        </Text>
        {form.escalation.length === 0 && (
          <Text size="sm" c="dimmed">
            No one is told about breaches.
          </Text>
        )}
        {form.escalation.map((step, index) => (
          <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
            <NumberInput
              label={index === 0 ? 'Minutes after the breach' : undefined}
              aria-label={`Step ${index + 1}: minutes after the breach`}
              min={0}
              max={10080}
              step={15}
              allowNegative={false}
              allowDecimal={false}
              value={step.afterBreachMinutes}
              onChange={(afterBreachMinutes) => setStep(index, { ...step, afterBreachMinutes })}
              error={error(`alerts.escalation.${index}.afterBreachMinutes`)}
              w={170}
            />
            <Select
              label={index === 0 ? 'Notify' : undefined}
              aria-label={`Step ${index + 1}: notify`}
              data={NOTIFY_OPTIONS}
              value={step.notify}
              onChange={(notify) => notify && setStep(index, { ...step, notify })}
              allowDeselect={false}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={`Remove step ${index + 1}`}
              onClick={() => onChange({ ...form, escalation: form.escalation.filter((_, i) => i !== index) })}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        {error('alerts.escalation') && (
          <Text size="sm" c="red" role="alert">
            {error('alerts.escalation')}
          </Text>
        )}
        <Group>
          <Button
            variant="default"
            size="xs"
            disabled={form.escalation.length >= 10}
            onClick={() =>
              onChange({
                ...form,
                escalation: [...form.escalation, { afterBreachMinutes: 60, notify: 'admins' }],
              })
            }
          >
            Add escalation step
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

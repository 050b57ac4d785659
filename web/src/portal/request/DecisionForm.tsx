import { Alert, Button, Group, Textarea } from '@mantine/core';
import { ApiError } from '../../api/client';

export type Decision = 'approve' | 'decline';

/**
 * A client admin's answer to what the agency sent for approval (an estimate, a proposal): an optional note,
 * then approve or decline. The caller holds the note and runs the decision.
 */
export function DecisionForm({
  note,
  onNoteChange,
  error,
  deciding,
  onDecide,
  approveLabel,
}: {
  note: string;
  onNoteChange: (note: string) => void;
  /** The failed decision's error (null when none failed). */
  error: Error | null;
  /** The decision being saved, null when none is. */
  deciding: Decision | null;
  onDecide: (decision: Decision) => void;
  approveLabel: string;
}) {
  const apiError = error instanceof ApiError ? error : null;
  return (
    <>
      <Textarea
        label="Note to the agency (optional)"
        autosize
        minRows={2}
        maxLength={10_000}
        value={note}
        onChange={(event) => onNoteChange(event.currentTarget.value)}
        error={apiError?.fieldError('note')}
      />
      {error && (
        <Alert color="red" role="alert">
          {apiError?.message ?? 'The decision was not saved.'}
        </Alert>
      )}
      <Group gap="xs">
        <Button
          color="teal"
          loading={deciding === 'approve'}
          disabled={deciding !== null}
          onClick={() => onDecide('approve')}
        >
          {approveLabel}
        </Button>
        <Button
          variant="default"
          loading={deciding === 'decline'}
          disabled={deciding !== null}
          onClick={() => onDecide('decline')}
        >
          Decline
        </Button>
      </Group>
    </>
  );
}

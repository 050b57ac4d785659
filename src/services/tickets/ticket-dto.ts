import type { TicketRow } from '../../db/schema';

export function toTicketDto(row: TicketRow) {
  return {
    id: row.id,
    number: row.number,
    clientId: row.client_id,
    agreementId: row.agreement_id,
    subject: row.subject,
    body: row.body,
    requesterId: row.requester_id,
    channel: row.channel,
    kind: row.kind,
    requestType: row.request_type,
    coverage: row.coverage,
    priority: row.priority,
    status: row.status,
    assigneeId: row.assignee_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    /** Maintenance triage: sent to the next window, and the engineers' effort estimate (minutes). */
    nextWindow: row.next_window,
    estimateMinutes: row.estimate_minutes,
    choreId: row.chore_id,
  };
}

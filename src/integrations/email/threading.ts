import { randomBytes } from 'node:crypto';

/** Our outbound Message-IDs name the ticket: `<ticket-{uuid}.{token}@{domain}>`. */
const OUR_MESSAGE_ID =
  /<?ticket-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[0-9a-z]+@[^>\s]+>?/i;
const OUR_MESSAGE_ID_GLOBAL = new RegExp(OUR_MESSAGE_ID.source, 'gi');
/** `[#123]` (also `[Tend #123]`, `[Ticket #123]`) in a subject. */
const SUBJECT_REFERENCE = /\[(?:[\w .-]*?)#(\d{1,12})\]/;

export function newMessageId(ticketId: string, domain: string): string {
  return `<ticket-${ticketId}.${randomBytes(6).toString('hex')}@${domain}>`;
}

/** The ticket id in one of our Message-IDs, or null. */
export function ticketIdOfMessageId(messageId: string): string | null {
  const match = OUR_MESSAGE_ID.exec(messageId);
  return match ? match[1]!.toLowerCase() : null;
}

/** Every Message-ID of ours anywhere in a text (a bounce quotes the message it could not deliver). */
export function ourMessageIdsIn(text: string): string[] {
  return [...text.matchAll(OUR_MESSAGE_ID_GLOBAL)].map((match) => `<${match[0].replace(/^<|>$/g, '')}>`);
}

export function ticketNumberInSubject(subject: string): number | null {
  const match = SUBJECT_REFERENCE.exec(subject);
  return match ? Number(match[1]) : null;
}

export interface ThreadHints {
  inReplyTo: string | null;
  references: readonly string[];
  subject: string;
}

export interface ThreadReference {
  /** Tickets named by our own Message-IDs in In-Reply-To/References, the newest first. */
  ticketIds: string[];
  /** Every referenced Message-ID (to look up among the messages already seen), the newest first. */
  messageIds: string[];
  /** A `[#123]` reference in the subject: the fallback. */
  ticketNumber: number | null;
}

/**
 * Which ticket a message may answer, from most to least reliable: one of our Message-IDs in In-Reply-To or
 * References, else a Message-ID we have seen on a ticket, else a `[#123]` ticket reference in the subject.
 */
export function findThreadReference(hints: ThreadHints): ThreadReference {
  const messageIds = [
    ...new Set([...(hints.inReplyTo ? [hints.inReplyTo] : []), ...[...hints.references].reverse()]),
  ];
  const ticketIds = [
    ...new Set(messageIds.map(ticketIdOfMessageId).filter((id): id is string => id !== null)),
  ];
  return { ticketIds, messageIds, ticketNumber: ticketNumberInSubject(hints.subject) };
}

/** The subject of our mail about a ticket: the reference first, so replies carry it back. */
export function ticketSubject(ticketNumber: number, subject: string): string {
  const clean = subject
    .replace(/^\s*((re|aw|fwd?|wg)\s*:\s*)+/i, '')
    .replace(SUBJECT_REFERENCE, '')
    .trim();
  return `[#${ticketNumber}] ${clean}`.trim();
}

/** A subject without reply prefixes and ticket references, for a new ticket. */
export function cleanSubject(subject: string): string {
  const clean = subject
    .replace(SUBJECT_REFERENCE, '')
    .replace(/^\s*((re|aw|fwd?|wg|tr)\s*:\s*)+/i, '')
    .trim();
  return clean || '(no subject)';
}

import type { EmailKind } from '../../db/schema';

/** The headers classification reads, lower-cased names; values as raw strings. */
export type HeaderLookup = (name: string) => string | undefined;

export interface ClassifyInput {
  header: HeaderLookup;
  fromAddress: string;
  /** The Content-Type of the whole message, e.g. "multipart/report; report-type=delivery-status". */
  contentType: string;
}

const DAEMON_LOCAL_PARTS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)$/i;
const NO_REPLY_LOCAL_PARTS = /^(no-?reply|do-?not-?reply|donotreply|bounces?)([+-].*)?$/i;

function localPart(address: string): string {
  return address.split('@')[0] ?? '';
}

/** An address Tend never writes to: delivery daemons and declared no-reply senders. */
export function isUnanswerableAddress(address: string): boolean {
  const local = localPart(address.trim());
  return local === '' || DAEMON_LOCAL_PARTS.test(local) || NO_REPLY_LOCAL_PARTS.test(local);
}

/**
 * What kind of mail this is, from its headers alone (RFC 3834, RFC 3464, RFC 2369/2919 and common practice):
 * a bounce (a delivery status report, or from a mail daemon), an auto-reply (Auto-Submitted, X-Autoreply,
 * Precedence: auto_reply, an empty return path), mailing-list or bulk mail (List-Id, List-Unsubscribe,
 * Precedence: bulk/list/junk), or normal mail a person wrote. Only normal mail is ever answered.
 */
export function classifyMessage(input: ClassifyInput): EmailKind {
  const header = (name: string) => (input.header(name) ?? '').trim();
  const contentType = input.contentType.toLowerCase();
  if (contentType.startsWith('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(contentType))
    return 'bounce';
  if (header('x-failed-recipients')) return 'bounce';
  if (DAEMON_LOCAL_PARTS.test(localPart(input.fromAddress))) return 'bounce';

  const autoSubmitted = header('auto-submitted').toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return 'auto_reply';
  if (header('x-autoreply') || header('x-autorespond') || header('x-autoresponse')) return 'auto_reply';
  const precedence = header('precedence').toLowerCase();
  if (precedence === 'auto_reply') return 'auto_reply';

  if (header('list-id') || header('list-unsubscribe') || header('list-post') || header('mailing-list'))
    return 'list';
  if (precedence === 'bulk' || precedence === 'list' || precedence === 'junk') return 'list';

  // RFC 3834 asks automatic responders to send with an empty envelope sender.
  if (/^<\s*>$/.test(header('return-path'))) return 'auto_reply';
  return 'normal';
}

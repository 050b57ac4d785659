import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack refuses requests whose timestamp is further than this from now (replay protection). */
export const SLACK_SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SlackSignatureVerdict =
  { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export interface SlackSignedRequest {
  /** The X-Slack-Request-Timestamp header (Unix seconds). */
  timestamp: string | undefined;
  /** The X-Slack-Signature header (`v0=` + hex HMAC-SHA256). */
  signature: string | undefined;
  /** The body exactly as received. */
  rawBody: string;
}

/** `v0=` + HMAC-SHA256(secret, `v0:{timestamp}:{body}`), as Slack computes it. */
export function signSlackRequest(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * Checks a request from Slack: the timestamp within five minutes of `now` (either way) and the v0 signature,
 * compared in constant time. Pure: the clock is a parameter.
 */
export function verifySlackSignature(
  signingSecret: string,
  request: SlackSignedRequest,
  now: Date,
): SlackSignatureVerdict {
  const { timestamp, signature, rawBody } = request;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature))
    return { ok: false, reason: 'malformed' };
  const age = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (age > SLACK_SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signSlackRequest(signingSecret, timestamp, rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}

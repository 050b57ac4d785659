import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signSlackRequest, verifySlackSignature } from '../../src/integrations/slack/signature';

const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);
const vector = JSON.parse(
  readFileSync(new URL('slack-slash-command.signed-request.slack-docs-vector.json', FIXTURES), 'utf8'),
) as { signing_secret: string; headers: Record<string, string>; basestring: string };
const vectorBody = readFileSync(
  new URL('slack-slash-command.signed-request-body.slack-docs-vector.txt', FIXTURES),
  'utf8',
);
const eventBody = readFileSync(new URL('slack-event_callback-message.bolt-python.json', FIXTURES), 'utf8');

const SECRET = 'test-signing-secret';
const NOW = new Date('2026-03-02T08:00:00Z');
const TS = String(NOW.getTime() / 1000);
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('Slack request signature', () => {
  it("verifies Slack's published example with its own secret at its own timestamp", () => {
    const timestamp = vector.headers['X-Slack-Request-Timestamp']!;
    expect(timestamp).toBe('1531420618');
    expect(vector.basestring).toBe(`v0:${timestamp}:${vectorBody}`);
    expect(signSlackRequest(vector.signing_secret, timestamp, vectorBody)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
    const request = { timestamp, signature: vector.headers['X-Slack-Signature'], rawBody: vectorBody };
    expect(verifySlackSignature(vector.signing_secret, request, new Date(1531420618_000))).toEqual({
      ok: true,
    });
    // The same request a day later is a replay.
    expect(verifySlackSignature(vector.signing_secret, request, new Date(1531507018_000))).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  const good = signSlackRequest(SECRET, TS, eventBody);
  const cases: Array<{
    name: string;
    timestamp: string | undefined;
    signature: string | undefined;
    body: string;
    now: Date;
    expected: ReturnType<typeof verifySlackSignature>;
  }> = [
    {
      name: 'correct signature, now',
      timestamp: TS,
      signature: good,
      body: eventBody,
      now: NOW,
      expected: { ok: true },
    },
    {
      name: 'sent 300 s ago (the limit)',
      timestamp: TS,
      signature: good,
      body: eventBody,
      now: at(300),
      expected: { ok: true },
    },
    {
      name: 'sent 301 s ago',
      timestamp: TS,
      signature: good,
      body: eventBody,
      now: at(301),
      expected: { ok: false, reason: 'stale' },
    },
    {
      name: 'an hour old',
      timestamp: TS,
      signature: good,
      body: eventBody,
      now: at(3600),
      expected: { ok: false, reason: 'stale' },
    },
    {
      name: '301 s in the future',
      timestamp: TS,
      signature: good,
      body: eventBody,
      now: at(-301),
      expected: { ok: false, reason: 'stale' },
    },
    {
      name: 'body changed by one character',
      timestamp: TS,
      signature: good,
      body: eventBody.replace('Hi', 'Ho'),
      now: NOW,
      expected: { ok: false, reason: 'mismatch' },
    },
    {
      name: 'signed with another secret',
      timestamp: TS,
      signature: signSlackRequest('other', TS, eventBody),
      body: eventBody,
      now: NOW,
      expected: { ok: false, reason: 'mismatch' },
    },
    {
      name: 'timestamp changed after signing',
      timestamp: String(Number(TS) - 1),
      signature: good,
      body: eventBody,
      now: NOW,
      expected: { ok: false, reason: 'mismatch' },
    },
    {
      name: 'upper-case hex',
      timestamp: TS,
      signature: good.toUpperCase().replace('V0=', 'v0='),
      body: eventBody,
      now: NOW,
      expected: { ok: false, reason: 'malformed' },
    },
    {
      name: 'v1 scheme',
      timestamp: TS,
      signature: good.replace('v0=', 'v1='),
      body: eventBody,
      now: NOW,
      expected: { ok: false, reason: 'malformed' },
    },
    {
      name: 'truncated signature',
      timestamp: TS,
      signature: good.slice(0, -2),
      body: eventBody,
      now: NOW,
      expected: { ok: false, reason: 'malformed' },
    },
    {
      name: 'timestamp not a number',
      timestamp: 'yesterday',
      signature: good,
      body: eventBody,
      now: NOW,
      expected: { ok: false, reason: 'malformed' },
    },
    {
      name: 'no signature header',
      timestamp: TS,
      signature: undefined,
      body: eventBody,
      now: NOW,
      expected: { ok: false, reason: 'missing' },
    },
    {
      name: 'no timestamp header',
      timestamp: undefined,
      signature: good,
      body: eventBody,
      now: NOW,
      expected: { ok: false, reason: 'missing' },
    },
    {
      name: 'empty signature header',
      timestamp: TS,
      signature: '',
      body: eventBody,
      now: NOW,
      expected: { ok: false, reason: 'missing' },
    },
  ];
  it.each(cases)('$name', ({ timestamp, signature, body, now, expected }) => {
    expect(verifySlackSignature(SECRET, { timestamp, signature, rawBody: body }, now)).toEqual(expected);
  });
});

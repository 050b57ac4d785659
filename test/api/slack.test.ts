import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/integrations/slack/signature';
import { InboundService } from '../../src/services/inbound-service';
import { processSlackItem } from '../../src/services/slack/slack-inbound';
import type { SlackNotice } from '../../src/services/slack/slack-notices';
import { ENGINES } from '../support/databases';
import { createTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const MESSAGE = fixture('slack-event_callback-message.bolt-python.json');
const APP_MENTION = fixture('slack-event_callback-app_mention.bolt-python.json');
const REACTION = fixture('slack-event_callback-reaction_added.slack-api-specs.json');
const URL_VERIFICATION = fixture('slack-url_verification.slack-docs.json');
const VECTOR = JSON.parse(fixture('slack-slash-command.signed-request.slack-docs-vector.json')) as {
  signing_secret: string;
  headers: Record<string, string>;
};
const VECTOR_BODY = fixture('slack-slash-command.signed-request-body.slack-docs-vector.txt');

const SECRET = 'test-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-test-1234-abcdEFGH';

interface MockCall {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/** Slack beyond our walls: the Web API (users.info, chat.postMessage) and the response_url hooks. */
async function startSlackMock(users: Record<string, { email: string; name: string }>) {
  const calls: MockCall[] = [];
  const read = async (request: IncomingMessage) => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    return request.headers['content-type']?.startsWith('application/json')
      ? (JSON.parse(text) as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(text));
  };
  let ts = 0;
  const server = createServer((request, response) => {
    void read(request).then((body) => {
      const path = request.url ?? '';
      calls.push({ path, authorization: request.headers.authorization, body });
      response.setHeader('content-type', 'application/json');
      if (path === '/api/users.info') {
        const user = users[String(body.user)];
        response.end(
          JSON.stringify(
            user
              ? {
                  ok: true,
                  user: {
                    id: body.user,
                    name: user.name,
                    real_name: user.name,
                    profile: { email: user.email, real_name: user.name },
                  },
                }
              : { ok: false, error: 'user_not_found' },
          ),
        );
      } else if (path === '/api/chat.postMessage') {
        ts += 1;
        response.end(JSON.stringify({ ok: true, channel: body.channel, ts: `1772438400.00${ts}` }));
      } else if (path.startsWith('/hooks/commands/')) {
        response.end(JSON.stringify({ ok: true }));
      } else {
        response.statusCode = 404;
        response.end(JSON.stringify({ ok: false, error: 'unknown_method' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    posts: () => calls.filter((call) => call.path === '/api/chat.postMessage').map((call) => call.body),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type SlackMock = Awaited<ReturnType<typeof startSlackMock>>;

function signedPost(
  app: TestApp,
  url: string,
  body: string,
  options: { secret?: string; contentType?: string; timestamp?: string } = {},
) {
  const timestamp = options.timestamp ?? String(Math.floor(app.clock.now().getTime() / 1000));
  return app.http.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signSlackRequest(options.secret ?? SECRET, timestamp, body),
    },
    payload: body,
  });
}

/** The inbound job, run directly: the Slack processor registered for source 'slack'. */
function inbound(app: TestApp) {
  const deps = app.tend.services.deps;
  return new InboundService(deps, deps.jobs, { slack: (item, trx) => processSlackItem(deps, item, trx) });
}

async function itemByKey(app: TestApp, key: string) {
  return app.tend.services.deps.db
    .selectFrom('inbound_items')
    .selectAll()
    .where('idempotency_key', '=', key)
    .execute();
}

async function processKey(app: TestApp, key: string) {
  const [item] = await itemByKey(app, key);
  if (!item) throw new Error(`no inbound item ${key}`);
  await inbound(app).process(item.id, { retryCount: 0, retryLimit: 5 });
  return await app.tend.services.deps.db
    .selectFrom('inbound_items')
    .selectAll()
    .where('id', '=', item.id)
    .executeTakeFirstOrThrow();
}

async function slackJobs(app: TestApp): Promise<SlackNotice[]> {
  const result = await sql<{
    data: SlackNotice;
  }>`select data from pgboss.job where name = 'slack.notify' order by created_on`.execute(
    app.tend.services.deps.db,
  );
  return result.rows.map((row) => row.data);
}

describe.each(ENGINES)('Slack (%s)', (engine) => {
  let app: TestApp;
  let world: World;
  let mock: SlackMock;

  beforeAll(async () => {
    mock = await startSlackMock({
      W111: { email: 'member@client-a.test', name: 'Mia Member' },
      U2CERLKJA: { email: 'ADMIN@client-a.test', name: 'Road Runner' },
      W333: { email: 'eng@agency.test', name: 'Eve Engineer' },
    });
    app = await createTestApp(engine, {
      env: { SLACK_API_URL: `${mock.url}/api/`, SLACK_HOOKS_URL: `${mock.url}/hooks/` },
    });
    world = await buildWorld(app);
  });
  afterAll(async () => {
    await app?.close();
    await mock?.close();
  });

  it('keeps the connection admin-only and never returns the secrets in full', async () => {
    const admin = app.as(world.admin);
    expect((await admin.get('/api/v1/slack/connection')).body).toMatchObject({
      connected: false,
      signingSecretHint: null,
    });
    const incomplete = await admin.put('/api/v1/slack/connection', { signingSecret: SECRET });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.details.issues).toEqual([{ path: 'botToken', message: 'is required' }]);
    const saved = await admin.put('/api/v1/slack/connection', {
      signingSecret: SECRET,
      botToken: BOT_TOKEN,
      agencyChannelId: 'CAGENCY1',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      connected: true,
      signingSecretHint: '…6789',
      botTokenHint: '…EFGH',
      agencyChannelId: 'CAGENCY1',
      updatedAt: '2026-03-02T08:00:00.000Z',
      eventsUrl: 'http://tend.test/api/slack/events',
      commandsUrl: 'http://tend.test/api/slack/commands',
    });
    const read = await admin.get('/api/v1/slack/connection');
    expect(read.raw.body).not.toContain(SECRET);
    expect(read.raw.body).not.toContain(BOT_TOKEN);
    // Changing the channel only keeps both secrets.
    expect(
      (await admin.put('/api/v1/slack/connection', { agencyChannelId: 'CAGENCY1' })).body.botTokenHint,
    ).toBe('…EFGH');
    expect((await app.as(world.engineer).get('/api/v1/slack/connection')).status).toBe(403);
    expect(
      (await app.as(world.clientA.admin).put('/api/v1/slack/connection', { agencyChannelId: null })).status,
    ).toBe(403);
    expect((await app.as(null).get('/api/v1/slack/connection')).status).toBe(401);
  });

  it('maps channels to clients (admin only)', async () => {
    const admin = app.as(world.admin);
    const created = await admin.post('/api/v1/slack/channels', {
      channelId: 'C111',
      clientId: world.clientA.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      channelId: 'C111',
      clientId: world.clientA.id,
      clientName: 'Client client-a',
    });
    expect(
      (await admin.post('/api/v1/slack/channels', { channelId: 'C111', clientId: world.clientB.id })).status,
    ).toBe(409);
    expect(
      (await admin.post('/api/v1/slack/channels', { channelId: 'c111', clientId: world.clientB.id })).status,
    ).toBe(400);
    expect(
      (
        await admin.post('/api/v1/slack/channels', {
          channelId: 'CADMIN',
          clientId: world.admin.actor.organizationId,
        })
      ).status,
    ).toBe(400);
    expect(
      (await admin.post('/api/v1/slack/channels', { channelId: 'CBBB', clientId: world.clientB.id })).status,
    ).toBe(201);
    expect((await admin.delete('/api/v1/slack/channels/CBBB')).status).toBe(204);
    expect((await admin.delete('/api/v1/slack/channels/CBBB')).status).toBe(404);
    expect(
      (await admin.get('/api/v1/slack/channels')).body.items.map((c: { channelId: string }) => c.channelId),
    ).toEqual(['C111']);
    expect(
      (
        await app
          .as(world.engineer)
          .post('/api/v1/slack/channels', { channelId: 'C9', clientId: world.clientB.id })
      ).status,
    ).toBe(403);
  });

  it('answers url_verification and refuses bad, stale or missing signatures with the error shape', async () => {
    const ok = await signedPost(app, '/api/slack/events', URL_VERIFICATION);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });

    const bad = await signedPost(app, '/api/slack/events', MESSAGE, { secret: 'not-the-secret' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toMatchObject({
      code: 'unauthenticated',
      message: 'The Slack signature does not match.',
      details: { reason: 'mismatch' },
    });

    const staleAt = String(Math.floor(app.clock.now().getTime() / 1000) - 301);
    const stale = await signedPost(app, '/api/slack/events', MESSAGE, { timestamp: staleAt });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.details).toEqual({ reason: 'stale' });

    const unsigned = await app.http.inject({
      method: 'POST',
      url: '/api/slack/events',
      headers: { 'content-type': 'application/json' },
      payload: MESSAGE,
    });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().error.details).toEqual({ reason: 'missing' });
    expect(await itemByKey(app, 'Ev111')).toEqual([]);
  });

  let slackTicketId: string;

  it('turns a message in a connected channel into a ticket, once however often Slack retries', async () => {
    const first = await signedPost(app, '/api/slack/events', MESSAGE);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ ok: true, duplicate: false });
    const retry = await signedPost(app, '/api/slack/events', MESSAGE);
    expect(retry.json()).toEqual({ ok: true, duplicate: true });
    expect(await itemByKey(app, 'Ev111')).toHaveLength(1);

    const processed = await processKey(app, 'Ev111');
    expect(processed.status).toBe('processed');
    const result = processed.result as { ticketId: string; requesterId: string };
    expect(result.requesterId).toBe(world.clientA.member.actor.userId);
    slackTicketId = result.ticketId;
    await processKey(app, 'Ev111'); // the job running twice changes nothing

    const tickets = await app.as(world.admin).get(`/api/v1/tickets?clientId=${world.clientA.id}`);
    const fromSlack = tickets.body.items.filter((t: { channel: string }) => t.channel === 'slack');
    expect(fromSlack).toHaveLength(1);
    expect(fromSlack[0]).toMatchObject({
      id: slackTicketId,
      subject: 'Hi there! Thanks for sharing the info!',
      status: 'new',
      priority: 'medium',
    });
    expect((await app.as(world.clientA.member).get(`/api/v1/tickets/${slackTicketId}/slack`)).body).toEqual({
      thread: { channelId: 'C111', threadTs: '1610261659.001400' },
    });
    expect((await app.as(world.clientB.member).get(`/api/v1/tickets/${slackTicketId}/slack`)).status).toBe(
      404,
    );

    expect(mock.calls.find((call) => call.path === '/api/users.info')).toMatchObject({
      authorization: `Bearer ${BOT_TOKEN}`,
      body: { user: 'W111' },
    });
    expect(mock.posts()).toEqual([
      expect.objectContaining({
        channel: 'C111',
        thread_ts: '1610261659.001400',
        text: `Ticket #${fromSlack[0].number} opened: <http://tend.test/portal/requests/${slackTicketId}|Hi there! Thanks for sharing the info!>. Replies in this thread are added to it.`,
      }),
    ]);
  });

  it('adds a reply in the ticket thread as the client’s comment, which resumes the waiting clock', async () => {
    const staff = app.as(world.admin);
    expect(
      (
        await staff.post(`/api/v1/tickets/${slackTicketId}/transitions`, {
          status: 'acknowledged',
          comment: 'Looking.',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await staff.post(`/api/v1/tickets/${slackTicketId}/transitions`, {
          status: 'waiting_on_client',
          comment: 'Which page?',
        })
      ).status,
    ).toBe(200);

    const base = JSON.parse(MESSAGE) as { event_id: string; event: Record<string, unknown> };
    const reply = (eventId: string, user: string, text: string, ts: string) =>
      JSON.stringify({
        ...base,
        event_id: eventId,
        event: { ...base.event, user, text, ts, event_ts: ts, thread_ts: '1610261659.001400' },
      });
    expect(
      (
        await signedPost(
          app,
          '/api/slack/events',
          reply('EvReply1', 'W111', 'The checkout page.', '1610261700.000100'),
        )
      ).statusCode,
    ).toBe(200);
    expect((await processKey(app, 'EvReply1')).status).toBe('processed');
    // A Slack user Tend does not know: an internal note for staff, published in nobody's name.
    expect(
      (
        await signedPost(
          app,
          '/api/slack/events',
          reply('EvReply2', 'W222', 'Same here.', '1610261800.000100'),
        )
      ).statusCode,
    ).toBe(200);
    expect((await processKey(app, 'EvReply2')).result).toMatchObject({
      ticketId: slackTicketId,
      visibility: 'internal',
    });

    const ticket = await staff.get(`/api/v1/tickets/${slackTicketId}`);
    expect(ticket.body.status).toBe('in_progress');
    const bodies = ticket.body.comments.map(
      (c: { body: string; visibility: string; authorId: string | null }) => [
        c.body,
        c.visibility,
        c.authorId,
      ],
    );
    expect(bodies).toContainEqual(['The checkout page.', 'public', world.clientA.member.actor.userId]);
    expect(bodies).toContainEqual([
      'W222 wrote in Slack (not a Tend user):\n\nSame here.',
      'internal',
      world.admin.actor.userId,
    ]);
  });

  it('records messages that are not tickets as processed and ignored', async () => {
    const base = JSON.parse(MESSAGE) as { event_id: string; event: Record<string, unknown> };
    const variants: Array<[string, Record<string, unknown>, string]> = [
      ['EvUnmapped', { channel: 'C999' }, 'channel not connected'],
      ['EvEdited', { subtype: 'message_changed' }, 'message subtype message_changed'],
      ['EvBot', { bot_id: 'B123' }, 'not a person’s message'],
    ];
    for (const [eventId, change, ignored] of variants) {
      const body = JSON.stringify({ ...base, event_id: eventId, event: { ...base.event, ...change } });
      expect((await signedPost(app, '/api/slack/events', body)).statusCode).toBe(200);
      const item = await processKey(app, eventId);
      expect([item.status, item.result]).toEqual(['processed', { ignored }]);
    }
    expect((await signedPost(app, '/api/slack/events', REACTION)).statusCode).toBe(200);
    expect((await processKey(app, 'EvXXXXXXXX')).result).toEqual({ ignored: 'event type reaction_added' });
    const slackTickets = await app.tend.services.deps.db
      .selectFrom('tickets')
      .select('id')
      .where('channel', '=', 'slack')
      .execute();
    expect(slackTickets).toHaveLength(1);
  });

  it('enqueues notices with the change and posts them to the client channel (in the thread) and the agency channel', async () => {
    const staff = app.as(world.admin);
    // The acknowledgement above was enqueued in its transaction.
    expect(await slackJobs(app)).toEqual([{ kind: 'acknowledged', ticketId: slackTicketId }]);

    const critical = await staff.post('/api/v1/tickets', {
      clientId: world.clientA.id,
      subject: 'Shop is down',
      priority: 'critical',
    });
    expect(critical.status).toBe(201);
    const medium = await staff.post('/api/v1/tickets', {
      clientId: world.clientA.id,
      subject: 'Typo',
      priority: 'medium',
    });
    expect(medium.status).toBe(201);
    expect(
      (await staff.post(`/api/v1/tickets/${slackTicketId}/transitions`, { status: 'resolved' })).status,
    ).toBe(200);
    const notices = await slackJobs(app);
    expect(notices).toEqual([
      { kind: 'acknowledged', ticketId: slackTicketId },
      { kind: 'critical_created', ticketId: critical.body.id },
      { kind: 'resolved', ticketId: slackTicketId },
    ]);

    const before = mock.posts().length;
    expect(await app.tend.services.slack.notify(notices[1]!)).toEqual({ posted: ['C111', 'CAGENCY1'] });
    expect(await app.tend.services.slack.notify(notices[2]!)).toEqual({ posted: ['C111', 'CAGENCY1'] });
    const n = critical.body.number as number;
    const s = (await staff.get(`/api/v1/tickets/${slackTicketId}`)).body.number as number;
    expect(mock.posts().slice(before)).toEqual([
      {
        channel: 'C111',
        text: `:rotating_light: New critical ticket for Client client-a: <http://tend.test/portal/requests/${critical.body.id}|#${n} Shop is down>`,
      },
      {
        channel: 'CAGENCY1',
        text: `:rotating_light: New critical ticket for Client client-a: <http://tend.test/tickets/${critical.body.id}|#${n} Shop is down>`,
      },
      {
        channel: 'C111',
        thread_ts: '1610261659.001400',
        text: `:white_check_mark: Resolved (Client client-a): <http://tend.test/portal/requests/${slackTicketId}|#${s} Hi there! Thanks for sharing the info!>`,
      },
      {
        channel: 'CAGENCY1',
        text: `:white_check_mark: Resolved (Client client-a): <http://tend.test/tickets/${slackTicketId}|#${s} Hi there! Thanks for sharing the info!>`,
      },
    ]);
  });
});

describe.each(ENGINES)("Slack with the docs' signed slash command (%s)", (engine) => {
  let app: TestApp;
  let world: World;
  let mock: SlackMock;

  beforeAll(async () => {
    mock = await startSlackMock({ U2CERLKJA: { email: 'ADMIN@client-a.test', name: 'Road Runner' } });
    app = await createTestApp(engine, {
      env: { SLACK_API_URL: `${mock.url}/api/`, SLACK_HOOKS_URL: `${mock.url}/hooks/` },
    });
    world = await buildWorld(app);
    const admin = app.as(world.admin);
    await admin.put('/api/v1/slack/connection', {
      signingSecret: VECTOR.signing_secret,
      botToken: BOT_TOKEN,
    });
    await admin.post('/api/v1/slack/channels', { channelId: 'G8PSS9T3V', clientId: world.clientA.id });
  });
  afterAll(async () => {
    await app?.close();
    await mock?.close();
  });

  it('verifies the vector with its own secret at its own time, raises the request and answers ephemerally with the link', async () => {
    const now = app.clock.now();
    app.clock.set(new Date(1531420618_000));
    const post = () =>
      app.http.inject({
        method: 'POST',
        url: '/api/slack/commands',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': VECTOR.headers['X-Slack-Request-Timestamp']!,
          'x-slack-signature': VECTOR.headers['X-Slack-Signature']!,
        },
        payload: VECTOR_BODY,
      });
    const response = await post();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      response_type: 'ephemeral',
      text: 'Got it — raising your request in Tend; the link follows in a moment.',
    });
    expect((await post()).statusCode).toBe(200); // Slack's retry: the same trigger_id
    app.clock.set(new Date(1531420618_000 + 301_000));
    expect((await post()).statusCode).toBe(401); // five minutes and a second later: a replay
    app.clock.set(now);

    const key = 'command:398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(await itemByKey(app, key)).toHaveLength(1);
    const item = await processKey(app, key);
    const { ticketId, requesterId } = item.result as { ticketId: string; requesterId: string };
    expect(requesterId).toBe(world.clientA.admin.actor.userId);
    const ticket = await app.as(world.clientA.admin).get(`/api/v1/tickets/${ticketId}`);
    expect(ticket.body).toMatchObject({
      channel: 'slack',
      subject: 'Request from admin via /webhook-collect',
      status: 'new',
    });
    const hook = mock.calls.find((call) => call.path.startsWith('/hooks/'));
    expect(hook).toEqual({
      path: '/hooks/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN',
      authorization: undefined,
      body: {
        response_type: 'ephemeral',
        text: `Request #${ticket.body.number} raised: <http://tend.test/portal/requests/${ticketId}|Request from admin via /webhook-collect>\nhttp://tend.test/portal/requests/${ticketId}`,
      },
    });
  });

  it('ignores an app_mention (its message event makes the ticket) with the fixture as it is', async () => {
    expect(
      (await signedPost(app, '/api/slack/events', APP_MENTION, { secret: VECTOR.signing_secret })).statusCode,
    ).toBe(200);
    expect((await processKey(app, 'Ev111')).result).toEqual({ ignored: 'event type app_mention' });
  });
});

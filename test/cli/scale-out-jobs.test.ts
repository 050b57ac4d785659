import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { ImapFlow } from 'imapflow';
import pino from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTend, type Tend } from '../../src/app';
import { loadConfig } from '../../src/config';
import { defaultSlaTiers } from '../../src/domain/sla/sla-policy';
import { bootstrapAgency } from '../../src/services/seed/bootstrap';
import type { Actor } from '../../src/services/context';
import { createEmptyPostgresDatabase, ENGINES } from '../support/databases';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { BERLIN_OFFICE } from '../support/world';
import { startServe, stopServe } from './run-cli';

const SECRET = 'scale-out-signing-secret';
const MESSAGE_EVENT = JSON.parse(
  readFileSync(
    new URL('../../../shared/fixtures/slack-event_callback-message.bolt-python.json', import.meta.url),
    'utf8',
  ),
) as { event_id: string; event: { channel: string; ts: string; user: string; text: string } } & Record<
  string,
  unknown
>;

function signed(body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    'content-type': 'application/json',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': signature,
  };
}

/** Slack's Web API, beyond our walls: a stand-in on 127.0.0.1 that accepts whatever Tend posts. */
function startSlackStandIn(): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        const user = {
          id: 'U0',
          name: 'someone',
          profile: { email: 'nobody@elsewhere.example', real_name: 'Someone' },
        };
        response.end(
          JSON.stringify(
            request.url?.includes('users.info') ? { ok: true, user } : { ok: true, ts: '1.0', channel: 'C0' },
          ),
        );
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        server,
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/`,
      });
    });
  });
}

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Scale-out is two app processes on one PostgreSQL; PGlite is one process by design.
if (ENGINES.includes('postgres')) {
  describe('two tend serve processes (web + worker) on one PostgreSQL', () => {
    let database: { url: string; drop(): Promise<void> };
    let tend: Tend;
    let admin: Actor;
    let dovecot: Dovecot;
    let slack: { server: Server; url: string };
    let servers: Awaited<ReturnType<typeof startServe>>[];
    let ticketId: string;

    const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
      Number((await query.execute(tend.services.deps.db)).rows[0]?.n ?? 0);

    beforeAll(async () => {
      database = await createEmptyPostgresDatabase();
      slack = await startSlackStandIn();
      dovecot = await startDovecot();
      const env = {
        DATABASE_URL: database.url,
        SEED_DEMO: 'false',
        SLACK_API_URL: slack.url,
        LOG_LEVEL: 'silent',
      };
      tend = await createTend(loadConfig(env), { log: pino({ level: 'silent' }) });
      admin = await bootstrapAgency(
        tend.services.deps.db,
        {
          name: 'Scale',
          slug: 'scale',
          timeZone: 'UTC',
          admin: { email: 'admin@scale.test', name: 'Admin', password: 'scale-out-password' },
        },
        new Date(),
      );
      const s = tend.services;
      const client = await s.clients.create(admin, { name: 'Client', slug: 'client', timeZone: 'UTC' });
      const allDay = [['00:00', '24:00']] as [string, string][];
      const calendar = await s.calendars.create(admin, {
        ...BERLIN_OFFICE,
        name: 'Always',
        weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
        holidays: [],
      });
      const policy = await s.slaPolicies.create(admin, {
        name: 'P',
        calendarId: calendar.id,
        rules: { tiers: defaultSlaTiers() },
      });
      await s.agreements.create(admin, {
        clientId: client.id,
        kind: 'retainer',
        name: 'R',
        startsOn: '2020-01-01',
        slaPolicyId: policy.id,
        terms: { monthlyHours: 10, rolloverMonths: 1, overageRateCents: 0 },
        coverage: { covered: [], estimateRequired: [], changeWork: [] },
      });
      await s.slack.putConnection(admin, {
        signingSecret: SECRET,
        botToken: 'xoxb-scale-out',
        agencyChannelId: null,
      });
      await s.slack.addChannel(admin, { channelId: MESSAGE_EVENT.event.channel, clientId: client.id });
      await s.users.create(admin, {
        organizationId: client.id,
        email: 'someone@client.test',
        name: 'Someone',
        role: 'client_member',
        password: 'client-password',
      });
      await s.mailboxes.create(admin, {
        name: 'Support',
        address: 'support@scale.test',
        host: dovecot.host,
        port: dovecot.port,
        tls: false,
        username: dovecot.user,
        password: dovecot.password,
        folder: 'INBOX',
        clientId: client.id,
        enabled: true,
      });
      // A ticket raised two days ago and never answered: its response clock is far past 75 % and breached.
      const created = await s.ticketCommands.create(admin, {
        clientId: client.id,
        subject: 'Old and unanswered',
        body: '',
        priority: 'high',
        at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      });
      ticketId = created.ticket.id;
      servers = await Promise.all([startServe(env), startServe(env)]);
    }, 120_000);

    afterAll(async () => {
      await Promise.all((servers ?? []).map((server) => stopServe(server.child)));
      await tend?.close();
      await dovecot?.stop();
      slack?.server.close();
      await database?.drop();
    });

    it('turns one Slack event delivered to both instances into one ticket, and one reply into one comment', async () => {
      const body = JSON.stringify(MESSAGE_EVENT);
      const answers = await Promise.all(
        servers.map((server) =>
          fetch(`${server.url}/api/slack/events`, { method: 'POST', body, headers: signed(body) }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const tickets = () =>
        count(sql<{ n: number }>`select count(*)::int as n from tickets where channel = 'slack'`);
      expect(await waitFor(tickets, (n) => n >= 1)).toBe(1);

      const reply = JSON.stringify({
        ...MESSAGE_EVENT,
        event_id: 'Ev-reply-1',
        event: {
          ...MESSAGE_EVENT.event,
          ts: '1600000000.000200',
          thread_ts: MESSAGE_EVENT.event.ts,
          text: 'More detail',
        },
      });
      await Promise.all(
        servers.map((server) =>
          fetch(`${server.url}/api/slack/events`, { method: 'POST', body: reply, headers: signed(reply) }),
        ),
      );
      const comments = () =>
        count(
          sql<{ n: number }>`select count(*)::int as n from ticket_comments where body like '%More detail%'`,
        );
      await waitFor(
        () =>
          count(
            sql<{
              n: number;
            }>`select count(*)::int as n from inbound_items where source = 'slack' and status = 'pending'`,
          ),
        (n) => n === 0,
      );
      expect(await waitFor(comments, (n) => n >= 1)).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 2000)); // a late duplicate would have landed by now
      expect(await tickets()).toBe(1);
      expect(await comments()).toBe(1);
    }, 90_000);

    it('turns one email polled by both workers into one ticket', async () => {
      const imap = new ImapFlow({
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        auth: { user: dovecot.user, pass: dovecot.password },
        logger: false,
      });
      await imap.connect();
      await imap.append(
        'INBOX',
        [
          'From: Someone <someone@client.test>',
          'To: support@scale.test',
          'Subject: Export is broken',
          'Message-ID: <scale-out-1@client.test>',
          'Date: Mon, 2 Mar 2026 09:00:00 +0000',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'The CSV export times out.',
          '',
        ].join('\r\n'),
      );
      await imap.logout();
      // Both workers are asked to poll at once, as their schedules may do.
      await tend.services.deps.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 4; i++) await tend.services.deps.jobs.send(trx, 'mail.poll', {});
      });
      const tickets = () =>
        count(sql<{ n: number }>`select count(*)::int as n from tickets where channel = 'email'`);
      expect(await waitFor(tickets, (n) => n >= 1)).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await tickets()).toBe(1);
    }, 90_000);

    it('sends each SLA warning and breach notification once while both workers scan', async () => {
      await tend.services.deps.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 6; i++) await tend.services.deps.jobs.send(trx, 'sla.scan', {});
      });
      const notifications = () =>
        count(sql<{ n: number }>`select count(*)::int as n from notifications where ticket_id = ${ticketId}`);
      const first = await waitFor(notifications, (n) => n >= 2);
      await waitFor(
        () =>
          count(
            sql<{
              n: number;
            }>`select count(*)::int as n from pgboss.job where name = 'sla.scan' and state in ('created', 'active', 'retry')`,
          ),
        (n) => n === 0,
      );
      // No scan failed on a race (a naive check-then-insert would hit the unique index and fail its job), and
      // one more scan finds nothing new: every alert was recorded exactly once.
      expect(
        await count(
          sql<{
            n: number;
          }>`select count(*)::int as n from pgboss.job where name = 'sla.scan' and state = 'failed'`,
        ),
      ).toBe(0);
      const settled = await notifications();
      expect(settled).toBeGreaterThanOrEqual(2); // the 75 % warning and the breach, at least
      await tend.services.slaAlerts.scan(new Date());
      expect(await notifications()).toBe(settled);
      expect(first).toBeLessThanOrEqual(settled);
    }, 90_000);
  });
}

import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarCache } from '../../src/services/calendars-service';
import { InboundService } from '../../src/services/inbound-service';
import { FileAttachmentStore } from '../../src/storage/attachment-store';
import { pollMailbox } from '../../src/integrations/email/imap-poll';
import { createEmailProcessor } from '../../src/integrations/email/inbound-email';
import { sendNotifyEmail, sendQueuedEmail } from '../../src/integrations/email/outbound-email';
import { REPLY_MARKER } from '../../src/integrations/email/parse';
import { ENGINES } from '../support/databases';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { createUser, type TestApp, type TestUser, createTestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const PLACEHOLDER = '<ticket-00000000-0000-4000-8000-000000000000.a1b2c3d4e5f6@tend.test>';
const fixture = (name: string, messageId?: string) => {
  const text = readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url), 'utf8');
  return (messageId ? text.replaceAll(PLACEHOLDER, messageId) : text).replace(/\r?\n/g, '\r\n');
};

describe.each(ENGINES)('email in and out on %s', (engine) => {
  let dovecot: Dovecot;
  let smtp: SMTPServer;
  const received: ParsedMail[] = [];
  let app: TestApp;
  let world: World;
  let priya: TestUser;
  let inbound: InboundService;
  let mailboxId: string;
  let imap: ImapFlow;

  const append = async (raw: string) => {
    await imap.append('INBOX', raw);
  };
  /** One poll, then every pending item processed as the worker would. */
  const pollAndProcess = async () => {
    const polled = await pollMailbox(app.tend.services.deps, inbound, mailboxId);
    const pending = await app.tend.services.deps.db
      .selectFrom('inbound_items')
      .select('id')
      .where('status', '=', 'pending')
      .orderBy('received_at')
      .execute();
    for (const item of pending) await inbound.process(item.id, { retryCount: 0, retryLimit: 5 });
    return polled;
  };
  const resultOf = async (messageId: string) => {
    const row = await app.tend.services.deps.db
      .selectFrom('inbound_items')
      .select(['status', 'result'])
      .where('idempotency_key', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('processed');
    return row.result as Record<string, unknown>;
  };
  /** Sends what is queued, as the email.send job does, and returns what the SMTP receiver got. */
  const sendQueued = async () => {
    const before = received.length;
    const pending = await app.tend.services.deps.db
      .selectFrom('email_messages')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    for (const row of pending) expect(await sendQueuedEmail(app.tend.services.deps, row.id)).toBe('sent');
    await expect.poll(() => received.length).toBe(before + pending.length);
    return received.slice(before);
  };
  const ticket = (id: string) => app.as(world.admin).get(`/api/v1/tickets/${id}`);

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    app = await createTestApp(engine, {
      env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'Agency Support <support@agency.test>' },
    });
    world = await buildWorld(app);
    priya = await createUser(app, world.admin, {
      organizationId: world.clientA.id,
      email: 'priya@clienta.test',
      name: 'Priya Raman',
      role: 'client_admin',
    });
    const deps = app.tend.services.deps;
    inbound = new InboundService(deps, deps.jobs, {
      email: createEmailProcessor({
        deps,
        calendars: new CalendarCache(),
        store: new FileAttachmentStore(deps.config.attachmentsDir),
      }),
    });
    imap = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await imap.connect();
  });

  afterAll(async () => {
    await imap?.logout();
    await app?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await dovecot?.stop();
  });

  it('keeps mailboxes for admins only and never returns the password', async () => {
    const body = {
      name: 'Support',
      address: 'support@agency.test',
      host: dovecot.host,
      port: dovecot.port,
      tls: false,
      username: dovecot.user,
      password: dovecot.password,
    };
    expect((await app.as(world.engineer).post('/api/v1/mailboxes', body)).status).toBe(403);
    expect((await app.as(world.clientA.admin).get('/api/v1/mailboxes')).status).toBe(403);
    const created = await app.as(world.admin).post('/api/v1/mailboxes', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Support',
      passwordSet: true,
      folder: 'INBOX',
      clientId: null,
      enabled: true,
    });
    expect(JSON.stringify(created.body)).not.toContain(dovecot.password);
    mailboxId = created.body.id;
    const list = await app.as(world.admin).get('/api/v1/mailboxes');
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(dovecot.password);
  });

  it('turns new mail into tickets, holds unknown senders and lists for triage, and flags it \\Seen', async () => {
    for (const name of [
      'multipart-alternative.eml',
      'attachment-rfc2231.eml',
      'non-ascii-subject.eml',
      'forwarded.eml',
      'html-only.eml',
      'unknown-sender.eml',
      'mailing-list.eml',
    ])
      await append(fixture(name));
    expect(await pollAndProcess()).toEqual({ accepted: 7, duplicates: 0 });
    expect(await pollAndProcess()).toEqual({ accepted: 0, duplicates: 0 });

    const checkout = await resultOf('<CAF4x9k2Lq8mE7@mail.clienta.test>');
    expect(checkout).toMatchObject({ outcome: 'ticket_created', attachments: 0 });
    const checkoutTicket = await ticket(checkout.ticketId as string);
    expect(checkoutTicket.body).toMatchObject({
      clientId: world.clientA.id,
      channel: 'email',
      subject: 'Checkout page shows a blank screen',
      requesterId: priya.actor.userId,
      status: 'new',
    });
    expect(checkoutTicket.body.body).toContain('the checkout page shows a blank screen after “Pay now”.');

    const umlaut = await resultOf('<20260303101200.1234@mail.clienta.test>');
    const umlautTicket = await ticket(umlaut.ticketId as string);
    expect(umlautTicket.body.subject).toBe('Überweisung schlägt fehl – Fehler 500 ✓');
    expect(umlautTicket.body.clientId).toBe(world.clientA.id);
    const jonas = await app.tend.services.deps.db
      .selectFrom('users')
      .select(['organization_id', 'role', 'name', 'password_hash'])
      .where('email', '=', 'jonas@clienta.test')
      .executeTakeFirstOrThrow();
    expect(jonas).toEqual({
      organization_id: world.clientA.id,
      role: 'client_member',
      name: 'Jonas Müller',
      password_hash: null,
    });

    const forwarded = await ticket((await resultOf('<fwd-5521@mail.clienta.test>')).ticketId as string);
    expect(forwarded.body.subject).toBe('Your certificate for shop.clienta.test expires in 7 days');
    expect(forwarded.body.body).toContain('---------- Forwarded message ---------');
    expect(forwarded.body.body).toContain(
      'The TLS certificate for shop.clienta.test expires on 11 March 2026.',
    );

    const html = await ticket((await resultOf('<html-only-3141@mail.clienta.test>')).ticketId as string);
    expect(html.body.body).toBe(
      'The sign-up form on the news page [https://clienta.test/news] returns an error.\n\nThanks & regards,\nPriya',
    );

    expect(await resultOf('<stranger-1@stranger.test>')).toMatchObject({
      outcome: 'held_for_triage',
      reason: 'unknown_sender',
    });
    expect(await resultOf('<list-77@lists.example>')).toMatchObject({
      outcome: 'held_for_triage',
      reason: 'list',
    });
    const triage = await app.as(world.engineer).get('/api/v1/email-triage');
    expect(triage.status).toBe(200);
    expect(
      triage.body.items.map((item: { fromAddress: string; reason: string; subject: string }) => [
        item.fromAddress,
        item.reason,
        item.subject,
      ]),
    ).toEqual([
      ['announce@lists.example', 'list', '[announce] Framework 4.2.1 security release'],
      ['sam@stranger.test', 'unknown_sender', 'Do you build mobile apps?'],
    ]);
    expect((await app.as(world.clientA.admin).get('/api/v1/email-triage')).status).toBe(403);
  });

  it('stores attachments with their non-ASCII names and serves them only to those who may see the ticket', async () => {
    const result = await resultOf('<att-7731@mail.clienta.test>');
    expect(result).toMatchObject({ outcome: 'ticket_created', attachments: 1 });
    const list = (await app.as(priya).get(`/api/v1/tickets/${result.ticketId as string}`)).body.attachments;
    expect(
      list.map((a: { filename: string; contentType: string; size: number }) => [
        a.filename,
        a.contentType,
        a.size,
      ]),
    ).toEqual([['Rechnungsübersicht März.pdf', 'application/pdf', 45]]);
    const url = list[0].url as string;
    const download = (user: TestUser) =>
      app.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${user.token}` } });
    const mine = await download(priya);
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect((await download(world.clientB.admin)).statusCode).toBe(404);
  });

  let ourMessageId = '';
  let checkoutId = '';
  it('mails the acknowledgement to the requester, threaded, with a plain-text part, queued with the change', async () => {
    checkoutId = (await resultOf('<CAF4x9k2Lq8mE7@mail.clienta.test>')).ticketId as string;
    const ack = await app.as(world.engineer).post(`/api/v1/tickets/${checkoutId}/transitions`, {
      status: 'acknowledged',
      comment: 'We are looking into the blank checkout page now.',
    });
    expect(ack.status).toBe(200);
    const [mail, ...more] = await sendQueued();
    expect(more).toHaveLength(0);
    ourMessageId = mail!.messageId!;
    const number = (await ticket(checkoutId)).body.number as number;
    expect(mail!.subject).toBe(`[#${number}] Checkout page shows a blank screen`);
    expect(mail!.to && !Array.isArray(mail!.to) ? mail!.to.text : '').toBe('priya@clienta.test');
    expect(mail!.from?.text).toBe('"Agency Support" <support@agency.test>');
    expect(mail!.replyTo?.text).toBe('support@agency.test');
    expect(mail!.messageId).toMatch(new RegExp(`^<ticket-${checkoutId}\\.[0-9a-f]{12}@agency\\.test>$`));
    expect(mail!.inReplyTo).toBe('<CAF4x9k2Lq8mE7@mail.clienta.test>');
    expect(mail!.references).toBe('<CAF4x9k2Lq8mE7@mail.clienta.test>');
    expect(mail!.text).toContain(REPLY_MARKER);
    expect(mail!.text).toContain('We are looking into the blank checkout page now.');
    expect(mail!.text).toContain('Status: Acknowledged');
    expect(mail!.text).toContain(`Request #${number}: http://tend.test/portal/requests/${checkoutId}`);
    expect(mail!.headers.get('auto-submitted')).toBeUndefined();
    const emails = await app.as(world.engineer).get(`/api/v1/tickets/${checkoutId}/emails`);
    expect(
      emails.body.items.map((e: { direction: string; purpose: string | null; status: string }) => [
        e.direction,
        e.purpose,
        e.status,
      ]),
    ).toEqual([
      ['in', null, 'recorded'],
      ['out', 'acknowledgement', 'sent'],
    ]);
    expect((await app.as(priya).get(`/api/v1/tickets/${checkoutId}/emails`)).status).toBe(403);
  });

  it('lands a reply to our mail on the same ticket as the requester’s comment, without the quoted history', async () => {
    await append(fixture('client-reply.eml', ourMessageId));
    await pollAndProcess();
    const result = await resultOf('<CAF4x9k2Reply@mail.clienta.test>');
    expect(result).toMatchObject({ outcome: 'comment_added', ticketId: checkoutId });
    const items = (await ticket(checkoutId)).body.comments;
    const last = items.at(-1);
    expect(last).toMatchObject({
      body: 'Thanks, it works again after your fix.',
      visibility: 'public',
      authorId: priya.actor.userId,
    });
  });

  it('records an auto-reply and a bounce, answers neither, and notes the bounce for staff', async () => {
    const before = await ticket(checkoutId);
    await append(fixture('auto-reply.eml', ourMessageId));
    await append(fixture('bounce.eml', ourMessageId));
    await pollAndProcess();
    expect(await resultOf('<ooo-998877@mail.clienta.test>')).toEqual({
      outcome: 'recorded',
      kind: 'auto_reply',
      ticketId: checkoutId,
    });
    expect(await resultOf('<20260302090100.AB12C3@mx.clienta.test>')).toEqual({
      outcome: 'recorded',
      kind: 'bounce',
      ticketId: checkoutId,
    });
    const after = await ticket(checkoutId);
    expect(after.body.status).toBe(before.body.status);
    const items = after.body.comments;
    expect(items.at(-1)).toMatchObject({
      visibility: 'internal',
      body: 'Email to gone@clienta.test could not be delivered (bounce, status 5.1.1).\nThe receiving server said: 550 5.1.1 User unknown',
    });
    const pending = await app.tend.services.deps.db
      .selectFrom('email_messages')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toEqual([]);
  });

  it('mails status changes as automatic notices threaded on the latest message', async () => {
    const resolved = await app
      .as(world.engineer)
      .post(`/api/v1/tickets/${checkoutId}/transitions`, { status: 'resolved' });
    expect(resolved.status).toBe(200);
    const [mail] = await sendQueued();
    expect(mail!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail!.inReplyTo).toBe('<CAF4x9k2Reply@mail.clienta.test>');
    expect(mail!.references).toEqual([
      '<CAF4x9k2Lq8mE7@mail.clienta.test>',
      ourMessageId,
      '<CAF4x9k2Reply@mail.clienta.test>',
    ]);
    expect(mail!.text).toContain('Status: Resolved');
  });

  it('threads by the [#123] subject reference when the headers are gone', async () => {
    const number = (await ticket(checkoutId)).body.number as number;
    await append(
      [
        'From: Priya Raman <priya@clienta.test>',
        'To: support@agency.test',
        `Subject: AW: [#${number}] Checkout page shows a blank screen`,
        'Message-ID: <subject-only-1@mail.clienta.test>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'It broke again.',
        '',
      ].join('\r\n'),
    );
    await pollAndProcess();
    expect(await resultOf('<subject-only-1@mail.clienta.test>')).toMatchObject({
      outcome: 'comment_added',
      ticketId: checkoutId,
    });
  });

  it('lets staff assign held mail to a client, which raises the ticket with the sender as requester', async () => {
    const held = await app.as(world.engineer).get('/api/v1/email-triage');
    const stranger = held.body.items.find(
      (item: { fromAddress: string }) => item.fromAddress === 'sam@stranger.test',
    );
    const assigned = await app
      .as(world.engineer)
      .post(`/api/v1/email-triage/${stranger.id as string}/assign`, { clientId: world.clientB.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body.status).toBe('assigned');
    const raised = await ticket(assigned.body.ticketId as string);
    expect(raised.body).toMatchObject({
      clientId: world.clientB.id,
      subject: 'Do you build mobile apps?',
      channel: 'email',
    });
    expect(
      (await app.as(world.engineer).post(`/api/v1/email-triage/${stranger.id as string}/dismiss`)).status,
    ).toBe(409);
    const list = held.body.items.find((item: { reason: string }) => item.reason === 'list');
    expect(
      (await app.as(world.engineer).post(`/api/v1/email-triage/${list.id as string}/dismiss`)).body.status,
    ).toBe('dismissed');
    expect((await app.as(world.engineer).get('/api/v1/email-triage')).body.items).toEqual([]);
    expect(
      (await app.as(world.engineer).get('/api/v1/email-triage?status=dismissed')).body.items,
    ).toHaveLength(1);
  });

  it('mails an estimate request to the requester', async () => {
    const ticketId = (await resultOf('<html-only-3141@mail.clienta.test>')).ticketId as string;
    const estimate = await app.as(world.engineer).post(`/api/v1/tickets/${ticketId}/estimates`, {
      minutes: 90,
      note: 'Rebuilding the form validation.',
    });
    expect(estimate.status).toBe(201);
    const [mail] = await sendQueued();
    const number = (await ticket(ticketId)).body.number as number;
    expect(mail!.subject).toBe(`[#${number}] Newsletter sign-up broken`);
    expect(mail!.inReplyTo).toBe('<html-only-3141@mail.clienta.test>');
    expect(mail!.text).toContain(
      'We estimate this request at 1.5 hours (180.00).\n\nRebuilding the form validation.',
    );
    expect(mail!.text).toContain('Status: Waiting for your answer');
  });

  it('sends nothing for internal notes or the client’s own comments', async () => {
    const ticketId = (await resultOf('<fwd-5521@mail.clienta.test>')).ticketId as string;
    expect(
      (
        await app
          .as(world.engineer)
          .post(`/api/v1/tickets/${ticketId}/comments`, { body: 'Note', visibility: 'internal' })
      ).status,
    ).toBe(201);
    expect(
      (await app.as(priya).post(`/api/v1/tickets/${ticketId}/comments`, { body: 'Any news?' })).status,
    ).toBe(201);
    const pending = await app.tend.services.deps.db
      .selectFrom('email_messages')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toEqual([]);
  });

  it('sends SLA notices to staff (email.notify) as automatic mail', async () => {
    const before = received.length;
    const outcome = await sendNotifyEmail(app.tend.services.deps, {
      to: 'eng@agency.test',
      name: 'Eng',
      subject: 'SLA warning: #1 responds in 30 minutes',
      text: 'The response clock of #1 runs out at 10:30.',
      url: 'http://tend.test/tickets/1',
    });
    expect(outcome).toBe('sent');
    await expect.poll(() => received.length).toBe(before + 1);
    const mail = received.at(-1)!;
    expect(mail.subject).toBe('SLA warning: #1 responds in 30 minutes');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toBe('The response clock of #1 runs out at 10:30.\n\nhttp://tend.test/tickets/1\n');
  });

  it('enqueues the email.send job in the transaction of the change', async () => {
    const jobs = await app.tend.services.deps.db
      .selectFrom('pgboss.job' as never)
      .select(['name' as never, 'data' as never])
      .where('name' as never, '=', 'email.send' as never)
      .execute();
    const sent = await app.tend.services.deps.db
      .selectFrom('email_messages')
      .select('id')
      .where('direction', '=', 'out')
      .execute();
    expect(sent).toHaveLength(3);
    expect((jobs as { data: { emailId: string } }[]).map((job) => job.data.emailId).sort()).toEqual(
      sent.map((row) => row.id).sort(),
    );
  });
});

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendQueuedEmail } from '../../src/integrations/email/outbound-email';
import { ENGINES } from '../support/databases';
import { createTestApp, type ApiResponse, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const V1 = '/api/v1';

function ok(res: ApiResponse, status = 200): any {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(filename: string, contentType: string, bytes: Buffer) {
  const boundary = '----tend-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/*
 * Clients A and B each have a retainer from January 2026 (an agreement in force in February); client C has
 * none. In February client A raises a request and 90 minutes are logged on it. The clock then moves to
 * Monday 2 March 2026, the first business day of March in Berlin: February's reports are due.
 */
describe.each(ENGINES)('monthly reports on %s', (engine) => {
  let app: TestApp;
  let world: World;
  let clientC: string;
  let reportA: any;
  let smtp: SMTPServer;
  const received: ParsedMail[] = [];

  const db = () => app.tend.services.deps.db;
  const raw = (url: string, user: World['admin'] | null) =>
    app.http.inject({ method: 'GET', url, headers: user ? { authorization: `Bearer ${user.token}` } : {} });

  beforeAll(async () => {
    execFileSync('bash', ['scripts/ensure-chromium.sh'], { stdio: 'inherit' });
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
    app = await createTestApp(engine, {
      now: '2026-02-10T09:00:00Z',
      env: {
        SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
        MAIL_FROM: 'Tidewater <support@agency.test>',
      },
    });
    world = await buildWorld(app);
    const ticket = ok(
      await app
        .as(world.clientA.admin)
        .post(`${V1}/tickets`, { subject: 'Checkout fails', requestType: 'bug' }),
      201,
    );
    ok(
      await app.as(world.engineer).post(`${V1}/time-entries`, {
        ticketId: ticket.id,
        date: '2026-02-10',
        minutes: 90,
        category: 'bugfix',
      }),
      201,
    );
    clientC = ok(
      await app
        .as(world.admin)
        .post(`${V1}/clients`, { name: 'Client C', slug: 'client-c', timeZone: 'Europe/Berlin' }),
      201,
    ).id;
    app.clock.set('2026-03-02T08:00:00Z');
  });

  afterAll(async () => {
    await app?.tend.services.reportPdf.close();
    await app?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('archives a month once: a second generate returns the same report and the same bytes', async () => {
    const first = ok(
      await app
        .as(world.admin)
        .post(`${V1}/reports/monthly`, { clientId: world.clientA.id, month: '2026-02' }),
      201,
    );
    expect(first).toMatchObject({
      clientId: world.clientA.id,
      month: '2026-02',
      created: true,
      sentAt: null,
    });
    const pdf = await raw(first.pdfUrl, world.admin);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('filename="client-a-report-2026-02.pdf"');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(pdf.rawPayload)).toBe(first.pdfSha256);

    app.clock.advanceMinutes(60);
    const second = ok(
      await app
        .as(world.admin)
        .post(`${V1}/reports/monthly`, { clientId: world.clientA.id, month: '2026-02' }),
    );
    expect(second).toMatchObject({ id: first.id, created: false, pdfSha256: first.pdfSha256 });
    expect(second.generatedAt).toBe(first.generatedAt);
    expect(sha256((await raw(second.pdfUrl, world.admin)).rawPayload)).toBe(first.pdfSha256);
    const rows = await db()
      .selectFrom('monthly_reports')
      .select('id')
      .where('client_id', '=', world.clientA.id)
      .execute();
    expect(rows).toHaveLength(1);
    reportA = first;
  });

  it('keeps the archived figures when February changes later, while a preview shows the change', async () => {
    const archived = ok(await app.as(world.admin).get(`${V1}/reports/monthly/${reportA.id}`));
    expect(archived.figures.client.name).toBe('Client client-a');
    expect(archived.figures.requests.received.total).toBe(1);

    // A request back-dated into February (staff logging a phone call late) after the report was archived.
    const now = app.clock.now();
    app.clock.set('2026-02-20T10:00:00Z');
    ok(
      await app.as(world.clientA.admin).post(`${V1}/tickets`, { subject: 'Late one', requestType: 'bug' }),
      201,
    );
    app.clock.set(now);

    const preview = ok(
      await app
        .as(world.admin)
        .get(`${V1}/reports/monthly/preview?clientId=${world.clientA.id}&month=2026-02`),
    );
    expect(preview.requests.received.total).toBe(2);
    const again = ok(await app.as(world.admin).get(`${V1}/reports/monthly/${reportA.id}`));
    expect(again.figures).toEqual(archived.figures);
  });

  it('refuses to change or delete an archived report in the database, but records its delivery', async () => {
    await expect(
      sql`update monthly_reports set figures = '{"version": 1}'::jsonb where id = ${reportA.id}`.execute(
        db(),
      ),
    ).rejects.toThrow(/archived/);
    await expect(
      sql`update monthly_reports set pdf = '\\x00'::bytea where id = ${reportA.id}`.execute(db()),
    ).rejects.toThrow(/archived/);
    await expect(sql`delete from monthly_reports where id = ${reportA.id}`.execute(db())).rejects.toThrow(
      /archived/,
    );
    const figures = await db()
      .selectFrom('monthly_reports')
      .select('figures')
      .where('id', '=', reportA.id)
      .executeTakeFirstOrThrow();
    expect((figures.figures as any).client.id).toBe(world.clientA.id);
  });

  it('serves the report page without scripts under a strict CSP', async () => {
    const page = await raw(reportA.htmlUrl, world.clientA.member);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(page.body).toContain('Client client-a');
    for (const title of [
      'Summary',
      'Requests',
      'SLA compliance',
      'Hours',
      'Maintenance',
      'Pending estimates',
    ])
      expect(page.body).toContain(title);
    expect(page.body).not.toMatch(/<script/i);
  });

  it('shows a client its own reports and answers 404 for another client’s', async () => {
    for (const user of [world.clientA.admin, world.clientA.member]) {
      const list = ok(await app.as(user).get(`${V1}/reports/monthly?clientId=${world.clientA.id}`));
      expect(list.items.map((item: any) => item.id)).toEqual([reportA.id]);
    }
    const asB = app.as(world.clientB.admin);
    expect((await asB.get(`${V1}/reports/monthly?clientId=${world.clientA.id}`)).status).toBe(404);
    expect((await asB.get(`${V1}/reports/monthly/${reportA.id}`)).status).toBe(404);
    expect((await raw(reportA.htmlUrl, world.clientB.member)).statusCode).toBe(404);
    expect((await raw(reportA.pdfUrl, world.clientB.admin)).statusCode).toBe(404);
    expect(
      (await asB.get(`${V1}/reports/monthly/preview?clientId=${world.clientA.id}&month=2026-02`)).status,
    ).toBe(404);
    expect((await raw(`${V1}/reports/monthly/${reportA.id}/pdf`, null)).statusCode).toBe(401);
  });

  it('lets only agency admins archive, and only a month that is over', async () => {
    const body = { clientId: world.clientB.id, month: '2026-01' };
    expect((await app.as(world.clientB.admin).post(`${V1}/reports/monthly`, body)).status).toBe(403);
    expect((await app.as(world.engineer).post(`${V1}/reports/monthly`, body)).status).toBe(403);
    const current = await app.as(world.admin).post(`${V1}/reports/monthly`, { ...body, month: '2026-03' });
    expect(current.status).toBe(400);
    expect(current.body.error.details.issues).toEqual([expect.objectContaining({ path: 'month' })]);
    const bad = await app.as(world.admin).post(`${V1}/reports/monthly`, { ...body, month: '2026-13' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('month');
    const unknown = await app.as(world.admin).post(`${V1}/reports/monthly`, {
      ...body,
      clientId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    expect(
      await db()
        .selectFrom('monthly_reports')
        .select('id')
        .where('client_id', '=', world.clientB.id)
        .execute(),
    ).toEqual([]);
  });

  it('previews the running month for a client user, said to be figures so far', async () => {
    const asA = app.as(world.clientA.admin);
    const figures = ok(
      await asA.get(`${V1}/reports/monthly/preview?clientId=${world.clientA.id}&month=2026-03`),
    );
    expect(figures.period.complete).toBe(false);
    const page = await raw(
      `${V1}/reports/monthly/preview/html?clientId=${world.clientA.id}&month=2026-03`,
      world.clientA.admin,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('not the archived report');
    expect(page.body).toContain('The month is not over');
  });

  it('schedule: on the first business day, archives February once for every active client and mails each once', async () => {
    const reports = app.tend.services.monthlyReports;
    app.clock.set('2026-03-01T12:00:00Z'); // a Sunday: nothing is due yet
    expect(await reports.enqueueDueReports()).toEqual({ month: null, clientIds: [] });

    app.clock.set('2026-03-02T06:30:00Z');
    const due = await reports.enqueueDueReports();
    // A was archived by hand but never sent; B has no report; C has no agreement.
    expect(due).toEqual({ month: '2026-02', clientIds: [world.clientA.id, world.clientB.id].sort() });
    const queued = await sql<{ data: { clientId: string; month: string } }>`
      select data from pgboss.job where name = 'report.generate'`.execute(db());
    expect(queued.rows.map((row) => row.data.clientId).sort()).toEqual(due.clientIds);

    // Two workers run each job at once (and one runs it again): one archive, one claim, one mail each.
    for (const clientId of due.clientIds) {
      await Promise.all([
        reports.generate(clientId, '2026-02', null, { send: true }),
        reports.generate(clientId, '2026-02', null, { send: true }),
      ]);
      await reports.generate(clientId, '2026-02', null, { send: true });
    }
    const archived = await db()
      .selectFrom('monthly_reports')
      .select(['client_id', 'id', 'sent_at', 'sent_to', 'pdf_sha256'])
      .where('month', '=', '2026-02')
      .orderBy('client_id')
      .execute();
    expect(archived.map((row) => row.client_id)).toEqual(due.clientIds);
    expect(archived.find((row) => row.client_id === world.clientA.id)?.pdf_sha256).toBe(reportA.pdfSha256);
    for (const row of archived) {
      expect(row.sent_at).not.toBeNull();
      const email = row.client_id === world.clientA.id ? 'admin@client-a.test' : 'admin@client-b.test';
      expect(row.sent_to).toEqual([email]);
      const mails = await db()
        .selectFrom('email_messages')
        .selectAll()
        .where('monthly_report_id', '=', row.id)
        .execute();
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ to_address: email, purpose: 'report', status: 'pending' });
      expect(mails[0]!.subject).toContain('February 2026');
      // The mail summarises the archived figures (A's, from before the late request), hand-computed: 10 h
      // a month, January's unused 10 h rolled into February.
      const summary =
        row.client_id === world.clientA.id
          ? ['1 request received, 0 resolved', '1 h 30 min used of 20 h, 18 h 30 min remaining']
          : ['0 requests received, 0 resolved', '0 min used of 20 h, 20 h remaining'];
      for (const line of summary) expect(mails[0]!.body_text).toContain(line);
      expect(mails[0]!.body_text).toContain('SLA compliance: response');
      const jobs =
        await sql`select 1 from pgboss.job where name = 'email.send' and data->>'emailId' = ${mails[0]!.id}`.execute(
          db(),
        );
      expect(jobs.rows).toHaveLength(1);
    }
    expect(archived.some((row) => row.client_id === clientC)).toBe(false);

    app.clock.set('2026-03-02T07:30:00Z');
    expect(await reports.enqueueDueReports()).toEqual({ month: '2026-02', clientIds: [] });

    // The email.send job sends B's mail with the archived PDF attached.
    const reportB = archived.find((row) => row.client_id === world.clientB.id)!;
    const mail = await db()
      .selectFrom('email_messages')
      .select('id')
      .where('monthly_report_id', '=', reportB.id)
      .executeTakeFirstOrThrow();
    expect(await sendQueuedEmail(app.tend.services.deps, mail.id)).toBe('sent');
    await expect.poll(() => received.length).toBe(1);
    const sent = received[0]!;
    expect(sent.to).toMatchObject({ text: 'admin@client-b.test' });
    expect(sent.headers.get('auto-submitted')).toBe('auto-generated');
    expect(sent.text).toContain('0 min used of 20 h');
    expect(sent.attachments).toHaveLength(1);
    expect(sent.attachments[0]).toMatchObject({
      filename: 'client-b-report-2026-02.pdf',
      contentType: 'application/pdf',
    });
    expect(sha256(sent.attachments[0]!.content)).toBe(reportB.pdf_sha256);
  });

  describe('the agency logo', () => {
    const put = (user: World['admin'], file: ReturnType<typeof multipart>) =>
      app.http.inject({
        method: 'PUT',
        url: `${V1}/agency/logo`,
        headers: { authorization: `Bearer ${user.token}`, ...file.headers },
        payload: file.payload,
      });

    it('is set by an agency admin (PNG, JPEG or SVG by content) and printed on the report’s cover', async () => {
      const set = await put(world.admin, multipart('logo.png', 'image/png', PNG));
      expect(set.statusCode, set.body).toBe(200);
      expect(JSON.parse(set.body)).toEqual({ contentType: 'image/png', size: PNG.length });
      const logo = await raw(`${V1}/agency/logo`, world.clientA.member);
      expect(logo.statusCode).toBe(200);
      expect(logo.headers['content-type']).toBe('image/png');
      expect(logo.rawPayload.equals(PNG)).toBe(true);
      const page = await raw(reportA.htmlUrl, world.clientA.admin);
      expect(page.body).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);

      const svg = Buffer.from(
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>',
      );
      // The declared type is not trusted: the bytes say SVG.
      const asSvg = await put(world.admin, multipart('logo.png', 'image/png', svg));
      expect(JSON.parse(asSvg.body)).toMatchObject({ contentType: 'image/svg+xml' });
    });

    it('refuses other files, big files and other people', async () => {
      const before = (await raw(`${V1}/agency/logo`, world.admin)).rawPayload;
      const text = await put(
        world.admin,
        multipart('logo.png', 'image/png', Buffer.from('GIF89a not a logo')),
      );
      expect(text.statusCode).toBe(400);
      expect(JSON.parse(text.body).error.details.issues[0].path).toBe('file');
      const big = await put(
        world.admin,
        multipart('logo.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(600 * 1024)])),
      );
      expect(big.statusCode).toBe(413);
      expect((await put(world.clientA.admin, multipart('logo.png', 'image/png', PNG))).statusCode).toBe(403);
      expect((await put(world.engineer, multipart('logo.png', 'image/png', PNG))).statusCode).toBe(403);
      expect((await raw(`${V1}/agency/logo`, world.admin)).rawPayload.equals(before)).toBe(true);
    });
  });
});

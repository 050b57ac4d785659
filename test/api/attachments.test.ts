import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/databases';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body as a browser sends it. */
function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----tend${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.filename
      ? `form-data; name="${part.name}"; filename="${part.filename}"; filename*=UTF-8''${encodeURIComponent(part.filename)}`
      : `form-data; name="${part.name}"`;
    const head = [
      `--${boundary}`,
      `Content-Disposition: ${disposition}`,
      ...(part.contentType ? [`Content-Type: ${part.contentType}`] : []),
      '',
      '',
    ];
    chunks.push(
      Buffer.from(head.join('\r\n')),
      Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function storedFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe.each(ENGINES)('attachments on %s', (engine) => {
  let app: TestApp;
  let world: World;
  let ticketId: string;

  const upload = (user: TestUser, id: string, parts: Part[]) => {
    const { body, contentType } = multipart(parts);
    return app.http.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/attachments`,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': contentType },
      payload: body,
    });
  };
  const download = (user: TestUser, url: string) =>
    app.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${user.token}` } });

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-03-02T08:00:00Z', env: { ATTACHMENT_MAX_MB: '0.01' } });
    world = await buildWorld(app);
    const created = await app
      .as(world.clientA.member)
      .post('/api/v1/tickets', { subject: 'Broken header on mobile', requestType: 'bug' });
    ticketId = created.body.id;
  });
  afterAll(async () => app.close());

  it('stores a client’s screenshot with its non-ASCII name and serves the same bytes back', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const response = await upload(world.clientA.member, ticketId, [
      { name: 'file', value: bytes, filename: 'Bildschirmfoto März.png', contentType: 'image/png' },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const [item] = response.json<{ items: { id: string; filename: string; size: number; url: string }[] }>()
      .items;
    expect(item).toMatchObject({
      filename: 'Bildschirmfoto März.png',
      size: 12,
      url: `/api/v1/attachments/${item!.id}`,
    });

    const ticket = await app.as(world.clientA.admin).get(`/api/v1/tickets/${ticketId}`);
    expect(ticket.body.attachments.map((a: { filename: string }) => a.filename)).toEqual([
      'Bildschirmfoto März.png',
    ]);
    const file = await download(world.engineer, item!.url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('Bildschirmfoto März.png')}`,
    );
  });

  it('keeps another client out, and stores nothing for them', async () => {
    const before = storedFiles(app.attachmentsDir).length;
    const response = await upload(world.clientB.admin, ticketId, [
      { name: 'file', value: 'x', filename: 'x.txt', contentType: 'text/plain' },
    ]);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect(storedFiles(app.attachmentsDir)).toHaveLength(before);
    const ticket = await app.as(world.admin).get(`/api/v1/tickets/${ticketId}`);
    const file = await download(world.clientB.member, ticket.body.attachments[0].url);
    expect(file.statusCode).toBe(404);
  });

  it('hides what hangs on an internal note from the client', async () => {
    const note = await app
      .as(world.engineer)
      .post(`/api/v1/tickets/${ticketId}/comments`, { body: 'Stack trace attached', visibility: 'internal' });
    const noteId = note.body.comments.find((c: { body: string }) => c.body === 'Stack trace attached').id;
    const response = await upload(world.engineer, ticketId, [
      { name: 'commentId', value: noteId },
      { name: 'file', value: 'TypeError at header.tsx:12', filename: 'trace.txt', contentType: 'text/plain' },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const url = response.json().items[0].url as string;
    expect((await download(world.clientA.admin, url)).statusCode).toBe(404);
    expect((await download(world.engineer, url)).statusCode).toBe(200);
    const seenByClient = await app.as(world.clientA.admin).get(`/api/v1/tickets/${ticketId}`);
    expect(seenByClient.body.attachments.map((a: { filename: string }) => a.filename)).toEqual([
      'Bildschirmfoto März.png',
    ]);
    const events = await app.as(world.clientA.admin).get(`/api/v1/tickets/${ticketId}/events`);
    expect(events.body.items.filter((e: { type: string }) => e.type === 'attachments_added')).toHaveLength(1);
  });

  it('refuses a file over the limit with 413 and keeps no trace of it', async () => {
    const before = storedFiles(app.attachmentsDir).length;
    const big = Buffer.alloc(11 * 1024, 7); // the test limit is 0.01 MB ≈ 10.2 kB
    const response = await upload(world.clientA.member, ticketId, [
      { name: 'file', value: 'small', filename: 'ok.txt', contentType: 'text/plain' },
      { name: 'file', value: big, filename: 'big.bin', contentType: 'application/octet-stream' },
    ]);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
    expect(storedFiles(app.attachmentsDir)).toHaveLength(before);
    const ticket = await app.as(world.admin).get(`/api/v1/tickets/${ticketId}`);
    expect(ticket.body.attachments.map((a: { filename: string }) => a.filename)).not.toContain('ok.txt');
  });

  it('downloads a page someone uploaded instead of running it', async () => {
    const response = await upload(world.clientA.member, ticketId, [
      { name: 'file', value: '<script>alert(1)</script>', filename: 'evil.html', contentType: 'text/html' },
    ]);
    expect(response.statusCode).toBe(201);
    const file = await download(world.admin, response.json().items[0].url);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toContain('sandbox');
  });

  it('answers 400 when no file is sent', async () => {
    const response = await upload(world.clientA.member, ticketId, [
      { name: 'note', value: 'nothing attached' },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues[0].path).toBe('file');
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readMigrationFiles } from '../../src/db/migrate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, ENGINES } from '../support/databases';
import { BERLIN_OFFICE } from '../support/world';
import { runCli, startServe, stopServe } from './run-cli';

describe('tend sla due', () => {
  let dir: string;
  let calendarPath: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tend-cli-'));
    calendarPath = join(dir, 'calendar.json');
    writeFileSync(calendarPath, JSON.stringify(BERLIN_OFFICE));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers one line per input line with the same engine as the server', async () => {
    const input = [
      // Friday 16:00 Berlin + 2 business hours → Monday 10:00 (09:00 UTC)
      '{"start":"2026-03-06T16:00:00+01:00","minutes":120}',
      // Thursday before Easter 16:30 + 60 min: Good Friday and Easter Monday are holidays → Tuesday 09:30 CEST
      '{"start":"2026-04-02T16:30:00+02:00","minutes":60}',
      // paused over the whole Monday morning: 09:00–12:00 does not count
      '{"start":"2026-03-09T09:00:00+01:00","minutes":60,"pauses":[["2026-03-09T09:00:00+01:00","2026-03-09T12:00:00+01:00"]]}',
    ].join('\n');
    const result = await runCli(['sla', 'due', '--calendar', calendarPath], { stdin: `${input}\n` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      '{"due":"2026-03-09T09:00:00.000Z"}',
      '{"due":"2026-04-07T07:30:00.000Z"}',
      '{"due":"2026-03-09T12:00:00.000Z"}',
    ]);
  });

  it('names the bad line, keeps the others, and exits non-zero', async () => {
    const result = await runCli(['sla', 'due', '--calendar', calendarPath], {
      stdin: '{"start":"2026-03-06T16:00:00+01:00","minutes":120}\n{"start":"yesterday","minutes":5}\n',
    });
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')[0]).toBe('{"due":"2026-03-09T09:00:00.000Z"}');
    expect(result.stderr).toMatch(/^line 2: "start" must be an ISO-8601 instant/);
  });

  it('rejects a calendar file that is not a calendar, with exit code 2', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...BERLIN_OFFICE, timeZone: 'Mars/Olympus' }));
    const result = await runCli(['sla', 'due', '--calendar', broken], { stdin: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('timeZone');
    const missing = await runCli(['sla', 'due', '--calendar', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read the calendar file');
  });
});

describe('tend on an embedded database', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tend-data-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, creates the first admin and a token, serves the API, and locks its data directory', async () => {
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'false' };
    const migrated = await runCli(['migrate'], { env });
    expect(migrated.stdout).toContain(
      `Applied: ${readMigrationFiles()
        .map((file) => file.name)
        .join(', ')}`,
    );
    expect(migrated.code).toBe(0);

    const created = await runCli(
      [
        'user',
        'create',
        '--agency',
        'Acme Agency',
        '--email',
        'ops@acme.test',
        '--name',
        'Ops',
        '--password',
        'long enough password',
      ],
      { env },
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const badRole = await runCli(
      [
        'user',
        'create',
        '--org',
        'acme-agency',
        '--email',
        'x@acme.test',
        '--name',
        'X',
        '--role',
        'client_admin',
      ],
      { env },
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('The role client_admin does not fit the agency.');
    expect(badRole.stderr).toContain('role: must be an agency role');

    const token = await runCli(['token', 'create', '--email', 'ops@acme.test'], { env });
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^tend_[A-Za-z0-9_-]{40,}$/);

    const server = await startServe(env);
    try {
      const me = await fetch(`${server.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${token.stdout.trim()}` },
      });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { email: string }).email).toBe('ops@acme.test');
      const second = await runCli(['serve'], { env: { ...env, PORT: '0' } });
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/in use by process \d+/);
    } finally {
      await stopServe(server.child);
    }
  }, 120_000);

  it("keeps an accepted ticket through a crash (kill -9) and takes over the dead process's lock", async () => {
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'false' };
    const token = (await runCli(['token', 'create', '--email', 'ops@acme.test'], { env })).stdout.trim();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const first = await startServe(env);
    let ticketId = '';
    try {
      const client = await fetch(`${first.url}/api/v1/clients`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Crash Test', slug: 'crash', timeZone: 'UTC' }),
      });
      expect(client.status).toBe(201);
      const clientId = ((await client.json()) as { id: string }).id;
      const created = await fetch(`${first.url}/api/v1/tickets`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ clientId, subject: 'Survives a crash' }),
      });
      expect(created.status).toBe(201);
      ticketId = ((await created.json()) as { id: string }).id;
    } finally {
      const closed = new Promise((resolve) => first.child.once('close', resolve));
      first.child.kill('SIGKILL');
      await closed;
    }
    const second = await startServe(env);
    try {
      const ticket = await fetch(`${second.url}/api/v1/tickets/${ticketId}`, { headers });
      expect(ticket.status).toBe(200);
      expect(((await ticket.json()) as { subject: string }).subject).toBe('Survives a crash');
    } finally {
      await stopServe(second.child);
    }
  }, 120_000);
});

// Several instances on one PostgreSQL is how Tend scales out; PGlite is one process by design.
if (ENGINES.includes('postgres')) {
  describe('two tend serve processes on one PostgreSQL', () => {
    it('migrate and seed once, then serve the same data', async () => {
      const database = await createEmptyPostgresDatabase();
      const env = { DATABASE_URL: database.url, SEED_DEMO: 'true' };
      const servers = await Promise.all([startServe(env), startServe(env)]);
      try {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        const counts = await client.query<{ agencies: number; migrations: number; tickets: number }>(
          `select (select count(*)::int from organizations where kind = 'agency') as agencies,
                  (select count(*)::int from schema_migrations) as migrations,
                  (select count(*)::int from tickets) as tickets`,
        );
        await client.end();
        expect(counts.rows[0]?.agencies).toBe(1);
        expect(counts.rows[0]?.migrations).toBe(readMigrationFiles().length);
        expect(counts.rows[0]?.tickets).toBeGreaterThan(10);
        expect(servers.filter((server) => server.output().includes('Demo data loaded'))).toHaveLength(1);

        // A session made on one instance works on the other: state lives in the database only.
        const [first, second] = servers;
        const login = await fetch(`${first.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@tidewater.example', password: 'tend-demo-admin' }),
        });
        expect(login.status).toBe(200);
        const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
        const queue = await fetch(`${second.url}/api/v1/tickets?open=true`, { headers: { cookie } });
        expect(queue.status).toBe(200);
        expect(((await queue.json()) as { items: unknown[] }).items.length).toBeGreaterThan(5);
      } finally {
        await Promise.all(servers.map((server) => stopServe(server.child)));
        await database.drop();
      }
    }, 120_000);
  });
}

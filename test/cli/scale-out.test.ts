import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, ENGINES } from '../support/databases';
import { startServe, stopServe } from './run-cli';

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
        expect(counts.rows[0]?.migrations).toBe(1);
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

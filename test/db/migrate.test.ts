import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openPGlite, openPostgres, type DatabaseHandle } from '../../src/db/database';
import { migrateDatabase, readMigrationFiles } from '../../src/db/migrate';
import { createEmptyPostgresDatabase, ENGINES, type Engine } from '../support/databases';

async function openEmpty(
  engine: Engine,
): Promise<{ handles: DatabaseHandle[]; open(): Promise<DatabaseHandle>; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const handle = await openPGlite({});
    return { handles: [handle], open: async () => handle, drop: () => handle.close() };
  }
  const empty = await createEmptyPostgresDatabase();
  const handles: DatabaseHandle[] = [];
  return {
    handles,
    async open() {
      const handle = await openPostgres(empty.url, 2);
      handles.push(handle);
      return handle;
    },
    async drop() {
      for (const handle of handles) await handle.close();
      await empty.drop();
    },
  };
}

describe.each(ENGINES)('migrations on %s', (engine) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('applies every file once, then nothing, and records checksums', async () => {
    const db = await openEmpty(engine);
    cleanup = () => db.drop();
    const handle = await db.open();
    const files = readMigrationFiles().map((file) => file.name);
    expect(await migrateDatabase(handle)).toEqual(files);
    expect(await migrateDatabase(handle)).toEqual([]);
    const rows = await handle.db.selectFrom('schema_migrations').select(['name']).orderBy('name').execute();
    expect(rows.map((row) => row.name)).toEqual(files);
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const db = await openEmpty(engine);
    cleanup = () => db.drop();
    const handle = await db.open();
    await migrateDatabase(handle);
    await sql`update schema_migrations set checksum = 'edited' where name = '0001_core.sql'`.execute(
      handle.db,
    );
    await expect(migrateDatabase(handle)).rejects.toThrow(/0001_core\.sql was changed after it was applied/);
  });

  it('keeps the ticket history append-only', async () => {
    const db = await openEmpty(engine);
    cleanup = () => db.drop();
    const handle = await db.open();
    await migrateDatabase(handle);
    const org = await handle.db
      .insertInto('organizations')
      .values({ kind: 'client', name: 'C', slug: 'c', time_zone: 'UTC' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const now = new Date('2026-01-05T10:00:00Z');
    const ticket = await handle.db
      .insertInto('tickets')
      .values({
        client_id: org.id,
        subject: 's',
        body: '',
        channel: 'api',
        kind: 'support',
        priority: 'low',
        status: 'new',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto('ticket_events')
      .values({ ticket_id: ticket.id, at: now, type: 'created', actor_id: null, data: '{}' })
      .execute();
    await expect(handle.db.updateTable('ticket_events').set({ type: 'forged' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(handle.db.deleteFrom('ticket_events').execute()).rejects.toThrow(/append-only/);
    const events = await handle.db.selectFrom('ticket_events').select('type').execute();
    expect(events).toEqual([{ type: 'created' }]);
  });
});

// Several app processes share one PostgreSQL in production; PGlite is one process by design.
if (ENGINES.includes('postgres')) {
  describe('migrations with several instances on one PostgreSQL', () => {
    it('migrates exactly once when several instances start together', async () => {
      const db = await openEmpty('postgres');
      try {
        const handles = await Promise.all([db.open(), db.open(), db.open()]);
        const applied = await Promise.all(handles.map((handle) => migrateDatabase(handle)));
        expect(applied.flat()).toEqual(readMigrationFiles().map((file) => file.name));
        expect(applied.filter((list) => list.length === 0)).toHaveLength(2);
      } finally {
        await db.drop();
      }
    });
  });
}

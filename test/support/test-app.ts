import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createTend, type Tend } from '../../src/app';
import { loadConfig } from '../../src/config';
import { buildHttpServer } from '../../src/http/server';
import type { Actor } from '../../src/services/context';
import { bootstrapAgency } from '../../src/services/seed/bootstrap';
import { openTestDatabase, type Engine, type TestDatabase } from './databases';
import { TestClock } from './test-clock';

export interface TestApp {
  engine: Engine;
  tend: Tend;
  http: FastifyInstance;
  clock: TestClock;
  database: TestDatabase;
  attachmentsDir: string;
  /** An API client acting with a user's bearer token (or anonymously). */
  as(user: TestUser | null): ApiClient;
  close(): Promise<void>;
}

export interface TestUser {
  actor: Actor;
  token: string;
  password: string;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  raw: LightMyRequestResponse;
}

export type ApiClient = Record<'get' | 'delete', (url: string) => Promise<ApiResponse>> &
  Record<'post' | 'patch' | 'put', (url: string, body?: unknown) => Promise<ApiResponse>>;

export const TEST_PASSWORD = 'correct horse battery';

export async function createTestApp(
  engine: Engine,
  options: { now?: string; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(engine);
  const clock = new TestClock(options.now ?? '2026-03-02T08:00:00Z');
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'tend-attachments-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://tend.test',
    ATTACHMENTS_DIR: attachmentsDir,
    ...options.env,
  });
  const log = pino({ level: 'silent' });
  const tend = await createTend(config, { database: database.handle, clock, log, skipMigrations: true });
  const http = await buildHttpServer(tend.services, config, log);
  await http.ready();
  const as = (user: TestUser | null): ApiClient => {
    const send = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) => {
      const raw = await http.inject({
        method,
        url,
        headers: user ? { authorization: `Bearer ${user.token}` } : {},
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      const text = raw.body;
      return {
        status: raw.statusCode,
        body: text ? (JSON.parse(text) as unknown) : null,
        raw,
      } as ApiResponse;
    };
    return {
      get: (url) => send('GET', url),
      delete: (url) => send('DELETE', url),
      post: (url, body) => send('POST', url, body ?? {}),
      patch: (url, body) => send('PATCH', url, body ?? {}),
      put: (url, body) => send('PUT', url, body ?? {}),
    };
  };
  return {
    engine,
    tend,
    http,
    clock,
    database,
    attachmentsDir,
    as,
    async close() {
      await http.close();
      await database.drop();
      rmSync(attachmentsDir, { recursive: true, force: true });
    },
  };
}

/** Creates the agency with its first admin and hands out an API token for them. */
export async function createAgencyAdmin(app: TestApp): Promise<TestUser> {
  const actor = await bootstrapAgency(
    app.tend.services.deps.db,
    {
      name: 'Test Agency',
      slug: 'agency',
      timeZone: 'Europe/Berlin',
      admin: { email: 'admin@agency.test', name: 'Ada Admin', password: TEST_PASSWORD },
    },
    app.clock.now(),
  );
  return {
    actor,
    token: (await app.tend.services.auth.createApiToken(actor, 'test')).token,
    password: TEST_PASSWORD,
  };
}

export async function createUser(
  app: TestApp,
  admin: TestUser,
  input: { organizationId: string; email: string; name?: string; role: Actor['role'] },
): Promise<TestUser> {
  const user = await app.tend.services.users.create(admin.actor, {
    ...input,
    name: input.name ?? input.email.split('@')[0]!,
    password: TEST_PASSWORD,
  });
  const actor: Actor = {
    userId: user.id,
    organizationId: user.organizationId,
    role: user.role,
    email: user.email,
    name: user.name,
  };
  return {
    actor,
    token: (await app.tend.services.auth.createApiToken(actor, 'test')).token,
    password: TEST_PASSWORD,
  };
}

/**
 * Authentication (password sessions, API tokens, invitations) and the role rules of user management,
 * through the HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/databases';
import { createTestApp, TEST_PASSWORD, type ApiResponse, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const V1 = '/api/v1';
const SESSION_COOKIE = 'tend_session';
const NEW_PASSWORD = 'a brand new passphrase';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Credentials {
  session?: string;
  bearer?: string;
  authorization?: string;
}

describe.each(ENGINES)('access on %s', (engine) => {
  let app: TestApp;
  let world: World;

  /** A request with a session cookie, a bearer token, a raw Authorization header, or nothing. */
  async function send(method: Method, url: string, credentials: Credentials = {}, body?: unknown) {
    const authorization =
      credentials.authorization ?? (credentials.bearer ? `Bearer ${credentials.bearer}` : undefined);
    const raw = await app.http.inject({
      method,
      url,
      headers: authorization ? { authorization } : {},
      ...(credentials.session ? { cookies: { [SESSION_COOKIE]: credentials.session } } : {}),
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    return {
      status: raw.statusCode,
      body: raw.body ? (JSON.parse(raw.body) as unknown) : null,
      raw,
    } as ApiResponse;
  }

  const login = (email: string, password: string) =>
    send('POST', `${V1}/auth/login`, {}, { email, password });

  /** Logs in and returns the session cookie's value. */
  async function sessionOf(email: string, password = TEST_PASSWORD): Promise<string> {
    const response = await login(email, password);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const cookie = response.raw.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.value).toBeTruthy();
    return cookie!.value;
  }

  function expectError(response: ApiResponse, status: number, code: string): void {
    expect(
      { status: response.status, code: response.body?.error?.code },
      JSON.stringify(response.body),
    ).toEqual({
      status,
      code,
    });
    expect(typeof response.body.error.message).toBe('string');
  }

  function issuePaths(response: ApiResponse): string[] {
    return (response.body.error.details?.issues ?? []).map((issue: { path: string }) => issue.path);
  }

  /** A fresh client member of client A, created by the agency admin. */
  let userCounter = 0;
  async function newUser(role: 'client_member' | 'client_admin' = 'client_member') {
    userCounter += 1;
    const email = `user${userCounter}@client-a.test`;
    const created = await app.as(world.admin).post(`${V1}/users`, {
      organizationId: world.clientA.id,
      email,
      name: `User ${userCounter}`,
      role,
      password: TEST_PASSWORD,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { id: created.body.id as string, email };
  }

  beforeAll(async () => {
    app = await createTestApp(engine, { now: '2026-03-02T08:00:00Z' });
    world = await buildWorld(app);
  });
  afterAll(async () => app?.close());

  describe('password sessions', () => {
    it('login with the right password sets an httpOnly session cookie that authenticates /me', async () => {
      const response = await login('admin@client-a.test', TEST_PASSWORD);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: world.clientA.admin.actor.userId,
        email: 'admin@client-a.test',
        role: 'client_admin',
        organization: { id: world.clientA.id, kind: 'client' },
      });
      expect(JSON.stringify(response.body)).not.toMatch(/password|hash/i);
      const cookie = response.raw.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cookie).toBeDefined();
      expect(cookie!.httpOnly).toBe(true);
      expect(cookie!.path).toBe('/');
      expect(String(cookie!.sameSite).toLowerCase()).toBe('lax');
      expect(cookie!.value.length).toBeGreaterThanOrEqual(20);
      const me = await send('GET', `${V1}/me`, { session: cookie!.value });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: world.clientA.admin.actor.userId, email: 'admin@client-a.test' });
    });

    it('the email is matched case-insensitively', async () => {
      expect((await login('Admin@Client-A.test', TEST_PASSWORD)).status).toBe(200);
    });

    it('a wrong password and an unknown email both answer 401 with the same message', async () => {
      const wrongPassword = await login('admin@client-a.test', 'not the password');
      const unknownEmail = await login('nobody@client-a.test', TEST_PASSWORD);
      expectError(wrongPassword, 401, 'unauthenticated');
      expectError(unknownEmail, 401, 'unauthenticated');
      expect(wrongPassword.body.error.message).toBe(unknownEmail.body.error.message);
      expect(wrongPassword.raw.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
      expect(unknownEmail.raw.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    });

    it('logout ends the session', async () => {
      const session = await sessionOf('member@client-a.test');
      expect((await send('GET', `${V1}/me`, { session })).status).toBe(200);
      const logout = await send('POST', `${V1}/auth/logout`, { session });
      expect(logout.status).toBe(204);
      const cleared = logout.raw.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cleared?.value ?? '').toBe('');
      expectError(await send('GET', `${V1}/me`, { session }), 401, 'unauthenticated');
      // Another session of the same user lives on.
      const other = await sessionOf('member@client-a.test');
      expect((await send('GET', `${V1}/me`, { session: other })).status).toBe(200);
    });

    it('an unknown session cookie authenticates nobody', async () => {
      expectError(
        await send('GET', `${V1}/me`, { session: 'forged-session-value-123456' }),
        401,
        'unauthenticated',
      );
    });
  });

  describe('requests without credentials', () => {
    it.each([
      ['GET', `${V1}/me`],
      ['GET', `${V1}/tickets`],
      ['GET', `${V1}/agreements`],
      ['GET', `${V1}/users`],
      ['POST', `${V1}/tokens`],
      ['POST', `${V1}/tickets`],
    ] as const)('%s %s → 401 unauthenticated', async (method, url) => {
      const response = await send(
        method,
        url,
        {},
        method === 'POST' ? { name: 'x', subject: 'x' } : undefined,
      );
      expectError(response, 401, 'unauthenticated');
    });

    it('authentication comes before validation: an invalid body without credentials is still a 401', async () => {
      expectError(await send('POST', `${V1}/tickets`, {}, {}), 401, 'unauthenticated');
      expectError(
        await send('PATCH', `${V1}/users/not-a-uuid`, {}, { role: 'owner' }),
        401,
        'unauthenticated',
      );
    });

    it('the health check needs none', async () => {
      expect((await send('GET', `${V1}/health`)).body).toEqual({ status: 'ok' });
    });
  });

  describe('API tokens', () => {
    it('a bearer token works until it is revoked', async () => {
      const session = await sessionOf('member@client-b.test');
      const created = await send('POST', `${V1}/tokens`, { session }, { name: 'ci' });
      expect(created.status).toBe(201);
      expect(created.body.token).toMatch(/^tend_/);
      expect(created.body.tokenPrefix).toBe(created.body.token.slice(0, created.body.tokenPrefix.length));
      const token = created.body.token as string;

      const me = await send('GET', `${V1}/me`, { bearer: token });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(world.clientB.member.actor.userId);

      // The secret is shown once: the list has the prefix only.
      const list = await send('GET', `${V1}/tokens`, { bearer: token });
      expect(list.body.items.map((t: { id: string }) => t.id)).toContain(created.body.id);
      expect(JSON.stringify(list.body)).not.toContain(token);

      const revoke = await send('DELETE', `${V1}/tokens/${created.body.id}`, { session });
      expect(revoke.status).toBe(204);
      const after = await send('GET', `${V1}/me`, { bearer: token });
      expectError(after, 401, 'unauthenticated');
      // Revoking twice: the token is gone.
      expectError(await send('DELETE', `${V1}/tokens/${created.body.id}`, { session }), 404, 'not_found');
      // The session that revoked it is unaffected.
      expect((await send('GET', `${V1}/me`, { session })).status).toBe(200);
    });

    it.each([
      ['an unknown token', 'Bearer tend_thisisnotatoken'],
      ['a token without the prefix', 'Bearer abcdefghijklmnop'],
      ['a malformed header', 'Basic dXNlcjpwYXNz'],
    ])('%s → 401 unauthenticated, even with a valid session', async (_label, authorization) => {
      const session = await sessionOf('member@client-a.test');
      expectError(await send('GET', `${V1}/me`, { authorization, session }), 401, 'unauthenticated');
    });

    it('no one revokes another user’s token', async () => {
      const victim = world.clientA.member;
      const tokenId = (await app.as(victim).get(`${V1}/tokens`)).body.items[0].id as string;
      expectError(await app.as(world.admin).delete(`${V1}/tokens/${tokenId}`), 404, 'not_found');
      expect((await app.as(victim).get(`${V1}/me`)).status).toBe(200);
    });
  });

  describe('disabled users', () => {
    it('can no longer use their session or token, nor log in again', async () => {
      const user = await newUser();
      const session = await sessionOf(user.email);
      const token = (await send('POST', `${V1}/tokens`, { session }, { name: 'script' })).body
        .token as string;
      expect((await send('GET', `${V1}/me`, { bearer: token })).status).toBe(200);

      const disabled = await app.as(world.admin).patch(`${V1}/users/${user.id}`, { disabled: true });
      expect(disabled.status).toBe(200);
      expect(disabled.body.disabled).toBe(true);

      expectError(await send('GET', `${V1}/me`, { session }), 401, 'unauthenticated');
      expectError(await send('GET', `${V1}/me`, { bearer: token }), 401, 'unauthenticated');
      const relogin = await login(user.email, TEST_PASSWORD);
      expectError(relogin, 401, 'unauthenticated');
      expect(relogin.body.error.message).toBe((await login(user.email, 'wrong password')).body.error.message);
    });

    it('a client admin disables a colleague of its own organisation', async () => {
      const user = await newUser();
      const token = (await app.tend.services.auth.login(user.email, TEST_PASSWORD)).sessionToken;
      const response = await app.as(world.clientA.admin).patch(`${V1}/users/${user.id}`, { disabled: true });
      expect(response.status).toBe(200);
      expectError(await send('GET', `${V1}/me`, { session: token }), 401, 'unauthenticated');
    });

    it('nobody disables themselves', async () => {
      const response = await app
        .as(world.admin)
        .patch(`${V1}/users/${world.admin.actor.userId}`, { disabled: true });
      expectError(response, 409, 'conflict');
      expect((await app.as(world.admin).get(`${V1}/me`)).status).toBe(200);
    });
  });

  describe('invitations', () => {
    it('an agency admin invites a client member, who accepts and logs in', async () => {
      const invite = await app.as(world.admin).post(`${V1}/invitations`, {
        organizationId: world.clientA.id,
        email: 'invited@client-a.test',
        role: 'client_member',
      });
      expect(invite.status).toBe(201);
      expect(invite.body).toMatchObject({
        organizationId: world.clientA.id,
        email: 'invited@client-a.test',
        role: 'client_member',
        acceptedAt: null,
      });
      expect(typeof invite.body.token).toBe('string');
      expect(invite.body.acceptUrl).toBe(`http://tend.test/invitations/accept?token=${invite.body.token}`);
      // The one-time token is not listed afterwards.
      const listed = await app.as(world.admin).get(`${V1}/invitations`);
      expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(invite.body.id);
      expect(JSON.stringify(listed.body)).not.toContain(invite.body.token);

      const accepted = await send(
        'POST',
        `${V1}/invitations/accept`,
        {},
        {
          token: invite.body.token,
          name: 'Ivy Invited',
          password: NEW_PASSWORD,
        },
      );
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
      expect(accepted.body).toMatchObject({
        organizationId: world.clientA.id,
        email: 'invited@client-a.test',
        name: 'Ivy Invited',
        role: 'client_member',
        disabled: false,
      });

      const session = await sessionOf('invited@client-a.test', NEW_PASSWORD);
      const me = await send('GET', `${V1}/me`, { session });
      expect(me.body).toMatchObject({ id: accepted.body.id, organization: { id: world.clientA.id } });

      // Used: the same token no longer works, and no second user appears.
      const again = await send(
        'POST',
        `${V1}/invitations/accept`,
        {},
        {
          token: invite.body.token,
          name: 'Ivy Again',
          password: NEW_PASSWORD,
        },
      );
      expectError(again, 404, 'not_found');
      const users = await app.as(world.admin).get(`${V1}/users?organizationId=${world.clientA.id}`);
      expect(
        users.body.items.filter((u: { email: string }) => u.email === 'invited@client-a.test'),
      ).toHaveLength(1);
      const after = await app.as(world.admin).get(`${V1}/invitations`);
      expect(after.body.items.find((i: { id: string }) => i.id === invite.body.id).acceptedAt).not.toBeNull();
    });

    it('an unknown token → 404', async () => {
      const response = await send(
        'POST',
        `${V1}/invitations/accept`,
        {},
        {
          token: 'this-token-was-never-issued',
          name: 'Mallory',
          password: NEW_PASSWORD,
        },
      );
      expectError(response, 404, 'not_found');
    });

    it('an expired invitation → 404', async () => {
      const invite = await app.as(world.admin).post(`${V1}/invitations`, {
        organizationId: world.clientB.id,
        email: 'late@client-b.test',
        role: 'client_member',
      });
      expect(invite.status).toBe(201);
      const start = app.clock.now();
      app.clock.advanceMinutes(8 * 24 * 60);
      try {
        const response = await send(
          'POST',
          `${V1}/invitations/accept`,
          {},
          {
            token: invite.body.token,
            name: 'Late',
            password: NEW_PASSWORD,
          },
        );
        expectError(response, 404, 'not_found');
      } finally {
        app.clock.set(start);
      }
    });

    it('a client admin invites client roles into its own organisation only', async () => {
      const clientAdmin = app.as(world.clientA.admin);
      const own = await clientAdmin.post(`${V1}/invitations`, {
        organizationId: world.clientA.id,
        email: 'colleague@client-a.test',
        role: 'client_admin',
      });
      expect(own.status).toBe(201);

      const agencyRole = await clientAdmin.post(`${V1}/invitations`, {
        organizationId: world.clientA.id,
        email: 'sneaky@client-a.test',
        role: 'agency_admin',
      });
      expectError(agencyRole, 400, 'invalid_input');
      expect(issuePaths(agencyRole)).toEqual(['role']);

      const otherClient = await clientAdmin.post(`${V1}/invitations`, {
        organizationId: world.clientB.id,
        email: 'sneaky@client-b.test',
        role: 'client_member',
      });
      expectError(otherClient, 404, 'not_found');

      const agency = await clientAdmin.post(`${V1}/invitations`, {
        organizationId: world.admin.actor.organizationId,
        email: 'sneaky@agency.test',
        role: 'agency_engineer',
      });
      expectError(agency, 404, 'not_found');

      // Only the legitimate invitation exists.
      const emails = (await app.as(world.admin).get(`${V1}/invitations`)).body.items.map(
        (i: { email: string }) => i.email,
      );
      expect(emails).toContain('colleague@client-a.test');
      expect(emails).not.toContain('sneaky@client-a.test');
      expect(emails).not.toContain('sneaky@client-b.test');
      expect(emails).not.toContain('sneaky@agency.test');
    });

    it('an agency admin cannot put a client role into the agency, nor an agency role into a client', async () => {
      const staff = app.as(world.admin);
      const clientRoleInAgency = await staff.post(`${V1}/invitations`, {
        organizationId: world.admin.actor.organizationId,
        email: 'odd@agency.test',
        role: 'client_member',
      });
      expectError(clientRoleInAgency, 400, 'invalid_input');
      expect(issuePaths(clientRoleInAgency)).toEqual(['role']);
      const agencyRoleInClient = await staff.post(`${V1}/users`, {
        organizationId: world.clientA.id,
        email: 'odd@client-a.test',
        name: 'Odd',
        role: 'agency_engineer',
        password: TEST_PASSWORD,
      });
      expectError(agencyRoleInClient, 400, 'invalid_input');
      expect(issuePaths(agencyRoleInClient)).toEqual(['role']);
    });

    it('inviting an email that is taken → 409', async () => {
      const response = await app.as(world.admin).post(`${V1}/invitations`, {
        organizationId: world.clientA.id,
        email: 'MEMBER@client-a.test',
        role: 'client_member',
      });
      expectError(response, 409, 'conflict');
    });
  });

  describe('roles', () => {
    let engineerApi: ReturnType<TestApp['as']>;
    beforeAll(() => {
      engineerApi = app.as(world.engineer);
    });

    it('an engineer cannot create users, invite, or change roles (403)', async () => {
      const create = await engineerApi.post(`${V1}/users`, {
        organizationId: world.clientA.id,
        email: 'by-engineer@client-a.test',
        name: 'By Engineer',
        role: 'client_member',
        password: TEST_PASSWORD,
      });
      expectError(create, 403, 'forbidden');
      const invite = await engineerApi.post(`${V1}/invitations`, {
        organizationId: world.clientA.id,
        email: 'by-engineer@client-a.test',
        role: 'client_member',
      });
      expectError(invite, 403, 'forbidden');
      const promote = await engineerApi.patch(`${V1}/users/${world.engineer.actor.userId}`, {
        role: 'agency_admin',
      });
      expectError(promote, 403, 'forbidden');
      const users = await app.as(world.admin).get(`${V1}/users`);
      expect(users.body.items.map((u: { email: string }) => u.email)).not.toContain(
        'by-engineer@client-a.test',
      );
      expect(users.body.items.find((u: { id: string }) => u.id === world.engineer.actor.userId).role).toBe(
        'agency_engineer',
      );
    });

    it('a client admin cannot promote a member to an agency role', async () => {
      const response = await app
        .as(world.clientA.admin)
        .patch(`${V1}/users/${world.clientA.member.actor.userId}`, { role: 'agency_admin' });
      expectError(response, 400, 'invalid_input');
      expect(issuePaths(response)).toEqual(['role']);
      const me = await app.as(world.clientA.member).get(`${V1}/me`);
      expect(me.body.role).toBe('client_member');
    });

    it('a client admin creates a client user in its own organisation, who can log in', async () => {
      const created = await app.as(world.clientA.admin).post(`${V1}/users`, {
        organizationId: world.clientA.id,
        email: 'made-by-client-admin@client-a.test',
        name: 'Made',
        role: 'client_member',
        password: NEW_PASSWORD,
      });
      expect(created.status).toBe(201);
      await sessionOf('made-by-client-admin@client-a.test', NEW_PASSWORD);
    });
  });

  describe('validation errors', () => {
    function expectIssue(response: ApiResponse, path: string): void {
      expectError(response, 400, 'invalid_input');
      expect(response.body.error.details.issues).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, message: expect.any(String) })]),
      );
    }

    it('name the field in details.issues[].path', async () => {
      const staff = app.as(world.admin);
      expectIssue(
        await staff.post(`${V1}/users`, {
          organizationId: world.clientA.id,
          email: 'not-an-email',
          name: 'X',
          role: 'client_member',
          password: TEST_PASSWORD,
        }),
        'email',
      );
      expectIssue(
        await staff.post(`${V1}/users`, {
          organizationId: world.clientA.id,
          email: 'short@client-a.test',
          name: 'X',
          role: 'client_member',
          password: 'short',
        }),
        'password',
      );
      expectIssue(await login('not-an-email', 'whatever'), 'email');
      expectIssue(
        await send(
          'POST',
          `${V1}/invitations/accept`,
          {},
          { token: 'x'.repeat(20), name: 'N', password: 'short' },
        ),
        'password',
      );
      expectIssue(
        await staff.post(`${V1}/invitations`, {
          organizationId: 'nope',
          email: 'a@b.test',
          role: 'client_member',
        }),
        'organizationId',
      );
      expectIssue(
        await staff.patch(`${V1}/users/${world.clientA.member.actor.userId}`, { role: 'owner' }),
        'role',
      );
      // Nested fields are dotted paths.
      expectIssue(
        await staff.post(`${V1}/agreements`, {
          clientId: world.clientA.id,
          kind: 'retainer',
          name: 'Bad',
          startsOn: '2026-03-01',
          terms: { monthlyHours: -1, overageRateCents: 0 },
        }),
        'terms.monthlyHours',
      );
    });

    it('a malformed id in the path is a 400 on params, not a 500', async () => {
      const response = await app.as(world.admin).get(`${V1}/tickets/not-a-uuid`);
      expectError(response, 400, 'invalid_input');
      expect(response.body.error.details.issues[0]).toMatchObject({ in: 'params', path: 'id' });
    });

    it('nothing was created by the invalid requests', async () => {
      const users = await app.as(world.admin).get(`${V1}/users`);
      const emails = users.body.items.map((u: { email: string }) => u.email);
      expect(emails).not.toContain('short@client-a.test');
      expect(emails).not.toContain('not-an-email');
    });
  });

  describe('API documentation', () => {
    it('serves the OpenAPI document with the main paths, without login', async () => {
      const response = await send('GET', '/api/openapi.json');
      expect(response.status).toBe(200);
      expect(response.body.openapi).toMatch(/^3\./);
      const paths = Object.keys(response.body.paths);
      for (const path of [
        '/api/v1/tickets',
        '/api/v1/tickets/{id}',
        '/api/v1/agreements/{id}/ledger',
        '/api/v1/reports/sla',
        '/api/v1/auth/login',
        '/api/v1/invitations/accept',
      ]) {
        expect(paths, path).toContain(path);
      }
      expect(response.body.components.securitySchemes).toHaveProperty('bearer');
    });

    it('serves the documentation page at /api/docs', async () => {
      let response = await app.http.inject({ method: 'GET', url: '/api/docs' });
      for (let hops = 0; hops < 3 && response.statusCode >= 300 && response.statusCode < 400; hops++) {
        const location = String(response.headers.location);
        expect(location).toMatch(/docs/);
        response = await app.http.inject({
          method: 'GET',
          url: new URL(location, 'http://tend.test/api/docs').pathname,
        });
      }
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
    });
  });

  describe('session lifetime', () => {
    it('a session expires after its time to live', async () => {
      const session = await sessionOf('member@client-b.test');
      const start = app.clock.now();
      try {
        app.clock.advanceMinutes(13 * 24 * 60);
        expect((await send('GET', `${V1}/me`, { session })).status).toBe(200);
        app.clock.advanceMinutes(2 * 24 * 60);
        expectError(await send('GET', `${V1}/me`, { session }), 401, 'unauthenticated');
      } finally {
        app.clock.set(start);
      }
    });
  });
});

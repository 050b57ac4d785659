import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import {
  InvitationAcceptBody,
  InvitationCreateBody,
  LoginBody,
  TokenCreateBody,
  UserCreateBody,
  UserUpdateBody,
} from '../../schemas/access';
import { Id, IdParams } from '../../schemas/common';
import type { Services } from '../../services';
import { actorOf, SESSION_COOKIE } from '../authenticate';

export function registerAccessRoutes(app: FastifyInstance, services: Services, config: Config): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/auth/login',
    { schema: { tags: ['access'], summary: 'Log in and receive a session cookie', body: LoginBody } },
    async (request, reply) => {
      const { sessionToken, actor, expiresAt } = await services.auth.login(
        request.body.email,
        request.body.password,
      );
      void reply.setCookie(SESSION_COOKIE, sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        expires: expiresAt,
      });
      return services.users.me(actor);
    },
  );

  r.post(
    '/auth/logout',
    { schema: { tags: ['access'], summary: 'End the session' } },
    async (request, reply) => {
      const session = request.cookies[SESSION_COOKIE];
      if (session) await services.auth.logout(session);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  r.get(
    '/me',
    { schema: { tags: ['access'], summary: 'The logged-in user and organisation' } },
    async (request) => services.users.me(actorOf(request)),
  );

  r.get(
    '/users',
    { schema: { tags: ['access'], querystring: z.object({ organizationId: Id.optional() }) } },
    async (request) => ({
      items: await services.users.list(actorOf(request), request.query.organizationId),
    }),
  );
  r.post(
    '/users',
    { schema: { tags: ['access'], summary: 'Create a user with a password', body: UserCreateBody } },
    async (request, reply) =>
      reply.code(201).send(await services.users.create(actorOf(request), request.body)),
  );
  r.patch(
    '/users/:id',
    { schema: { tags: ['access'], params: IdParams, body: UserUpdateBody } },
    async (request) => services.users.update(actorOf(request), request.params.id, request.body),
  );

  r.get('/invitations', { schema: { tags: ['access'] } }, async (request) => ({
    items: await services.users.listInvitations(actorOf(request)),
  }));
  r.post(
    '/invitations',
    {
      schema: {
        tags: ['access'],
        summary: 'Invite someone; the response carries the one-time accept link',
        body: InvitationCreateBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.users.invite(actorOf(request), request.body)),
  );
  r.post(
    '/invitations/accept',
    {
      schema: {
        tags: ['access'],
        summary: 'Accept an invitation (no login needed)',
        body: InvitationAcceptBody,
      },
    },
    async (request, reply) => reply.code(201).send(await services.users.acceptInvitation(request.body)),
  );

  r.get('/tokens', { schema: { tags: ['access'], summary: 'My API tokens' } }, async (request) => ({
    items: await services.auth.listApiTokens(actorOf(request)),
  }));
  r.post(
    '/tokens',
    {
      schema: {
        tags: ['access'],
        summary: 'Create an API token; the secret is shown once',
        body: TokenCreateBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.auth.createApiToken(actorOf(request), request.body.name)),
  );
  r.delete('/tokens/:id', { schema: { tags: ['access'], params: IdParams } }, async (request, reply) => {
    await services.auth.revokeApiToken(actorOf(request), request.params.id);
    return reply.code(204).send();
  });
}

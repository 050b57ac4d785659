import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import type { AuthService } from '../services/auth-service';
import type { Actor } from '../services/context';

export const SESSION_COOKIE = 'tend_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves the caller from `Authorization: Bearer <token>` or the session cookie. */
export function createAuthenticator(auth: AuthService) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    request.actor = null;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      request.actor = match?.[1] ? await auth.authenticateApiToken(match[1]) : null;
      if (!request.actor) throw new AppError('unauthenticated', 'The API token is unknown or revoked.');
      return;
    }
    const session = request.cookies[SESSION_COOKIE];
    if (session) request.actor = await auth.authenticateSession(session);
  };
}

/** The actor of an authenticated request; routes call this first. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Log in or send an API token.');
  return request.actor;
}

export type Reply = FastifyReply;

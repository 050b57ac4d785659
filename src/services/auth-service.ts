import { AppError } from '../errors';
import type { UserRow } from '../db/schema';
import type { Actor, ServiceDeps } from './context';
import { digestSecret, generateSecret, hashPassword, verifyPassword } from './secrets';

const API_TOKEN_PREFIX = 'tend_';
// Verifying against a fixed hash for unknown emails keeps login timing the same for both cases.
let dummyHash: Promise<string> | undefined;

export function toActor(user: Pick<UserRow, 'id' | 'organization_id' | 'role' | 'email' | 'name'>): Actor {
  return {
    userId: user.id,
    organizationId: user.organization_id,
    role: user.role,
    email: user.email,
    name: user.name,
  };
}

function toApiTokenDto(row: {
  id: string;
  name: string;
  token_prefix: string;
  created_at: Date;
  last_used_at?: Date | null;
  revoked_at?: Date | null;
}) {
  return {
    id: row.id,
    name: row.name,
    tokenPrefix: row.token_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at ?? null,
    revokedAt: row.revoked_at ?? null,
  };
}

export class AuthService {
  constructor(private readonly deps: ServiceDeps) {}

  async login(
    email: string,
    password: string,
  ): Promise<{ sessionToken: string; actor: Actor; expiresAt: Date }> {
    const user = await this.deps.db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
    const passwordHash = user?.password_hash ?? (await (dummyHash ??= hashPassword('not-a-password')));
    const valid = await verifyPassword(passwordHash, password);
    if (!user || !user.password_hash || !valid || user.disabled_at) {
      throw new AppError('unauthenticated', 'Email or password is wrong.');
    }
    const sessionToken = generateSecret();
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + this.deps.config.sessionTtlHours * 3_600_000);
    await this.deps.db
      .insertInto('sessions')
      .values({ id: digestSecret(sessionToken), user_id: user.id, created_at: now, expires_at: expiresAt })
      .execute();
    return { sessionToken, actor: toActor(user), expiresAt };
  }

  async logout(sessionToken: string): Promise<void> {
    await this.deps.db.deleteFrom('sessions').where('id', '=', digestSecret(sessionToken)).execute();
  }

  async authenticateSession(sessionToken: string): Promise<Actor | null> {
    const now = this.deps.clock.now();
    const row = await this.deps.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.organization_id', 'users.role', 'users.email', 'users.name'])
      .select(['sessions.last_seen_at', 'users.disabled_at'])
      .where('sessions.id', '=', digestSecret(sessionToken))
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();
    if (!row || row.disabled_at) return null;
    // Touch at most once a minute: a busy page must not write on every request.
    if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
      await this.deps.db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('id', '=', digestSecret(sessionToken))
        .execute();
    }
    return toActor(row);
  }

  async authenticateApiToken(token: string): Promise<Actor | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const row = await this.deps.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['users.id', 'users.organization_id', 'users.role', 'users.email', 'users.name'])
      .select(['api_tokens.id as token_id', 'users.disabled_at'])
      .where('api_tokens.token_hash', '=', digestSecret(token))
      .where('api_tokens.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row || row.disabled_at) return null;
    await this.deps.db
      .updateTable('api_tokens')
      .set({ last_used_at: this.deps.clock.now() })
      .where('id', '=', row.token_id)
      .execute();
    return toActor(row);
  }

  async createApiToken(actor: Actor, name: string) {
    const token = generateSecret(API_TOKEN_PREFIX);
    const row = await this.deps.db
      .insertInto('api_tokens')
      .values({
        user_id: actor.userId,
        name,
        token_hash: digestSecret(token),
        token_prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        created_at: this.deps.clock.now(),
      })
      .returning(['id', 'name', 'token_prefix', 'created_at'])
      .executeTakeFirstOrThrow();
    return { ...toApiTokenDto(row), token };
  }

  async listApiTokens(actor: Actor) {
    const rows = await this.deps.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', actor.userId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toApiTokenDto);
  }

  async revokeApiToken(actor: Actor, tokenId: string): Promise<void> {
    const result = await this.deps.db
      .updateTable('api_tokens')
      .set({ revoked_at: this.deps.clock.now() })
      .where('id', '=', tokenId)
      .where('user_id', '=', actor.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new AppError('not_found', 'API token not found');
  }
}

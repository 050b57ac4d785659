import { AppError, invalidInput, notFound } from '../errors';
import type { Role, UserRow } from '../db/schema';
import type {
  InvitationAcceptInput,
  InvitationCreateInput,
  UserCreateInput,
  UserUpdateInput,
} from '../schemas/access';
import { clientScope, isAgency } from './access';
import { recordAudit } from './audit';
import type { Actor, Executor, ServiceDeps } from './context';
import { digestSecret, generateSecret, hashPassword } from './secrets';
import { rethrowUniqueViolation } from './unique-violation';

const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

export function toUserDto(row: UserRow) {
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    name: row.name,
    role: row.role,
    timeZone: row.time_zone,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
  };
}

export class UsersService {
  constructor(private readonly deps: ServiceDeps) {}

  async me(actor: Actor) {
    const user = await this.deps.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    const org = await this.deps.db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', user.organization_id)
      .executeTakeFirstOrThrow();
    return {
      ...toUserDto(user),
      organization: { id: org.id, kind: org.kind, name: org.name, slug: org.slug, timeZone: org.time_zone },
    };
  }

  async list(actor: Actor, organizationId?: string) {
    const scope = clientScope(actor);
    let query = this.deps.db.selectFrom('users').selectAll();
    if (scope) query = query.where('organization_id', '=', scope);
    if (organizationId) query = query.where('organization_id', '=', organizationId);
    return (await query.orderBy('name').execute()).map(toUserDto);
  }

  async create(actor: Actor, input: UserCreateInput) {
    await this.assertMayManage(actor, input.organizationId, input.role, 'role');
    const now = this.deps.clock.now();
    const passwordHash = await hashPassword(input.password);
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.insertUser(trx, { ...input, passwordHash }, now);
      await recordAudit(trx, actor, {
        action: 'user.created',
        entity: 'user',
        entityId: row.id,
        organizationId: row.organization_id,
        at: now,
        data: { email: row.email, role: row.role },
      });
      return toUserDto(row);
    });
  }

  async update(actor: Actor, id: string, input: UserUpdateInput) {
    const existing = await this.findVisible(actor, id);
    await this.assertMayManage(actor, existing.organization_id, input.role ?? existing.role, 'role');
    if (id === actor.userId && (input.disabled === true || (input.role && input.role !== existing.role))) {
      throw new AppError('conflict', 'You cannot disable yourself or change your own role.');
    }
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('users')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.role !== undefined ? { role: input.role } : {}),
          ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
          ...(input.disabled !== undefined ? { disabled_at: input.disabled ? now : null } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (input.disabled) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await recordAudit(trx, actor, {
        action: 'user.updated',
        entity: 'user',
        entityId: id,
        organizationId: row.organization_id,
        at: now,
        data: input,
      });
      return toUserDto(row);
    });
  }

  async invite(actor: Actor, input: InvitationCreateInput) {
    await this.assertMayManage(actor, input.organizationId, input.role, 'role');
    const now = this.deps.clock.now();
    const token = generateSecret();
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('users')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
        .executeTakeFirst();
      if (taken)
        throw new AppError('conflict', `A user with the email ${input.email} exists already.`, {
          issues: [{ path: 'email', message: 'is taken' }],
        });
      const invitation = await trx
        .insertInto('invitations')
        .values({
          organization_id: input.organizationId,
          email: input.email,
          role: input.role,
          token_hash: digestSecret(token),
          invited_by: actor.userId,
          created_at: now,
          expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'invitation.created',
        entity: 'invitation',
        entityId: invitation.id,
        organizationId: input.organizationId,
        at: now,
        data: { email: input.email, role: input.role },
      });
      return invitation;
    });
    // Invitation emails arrive with the mail channel; until then the link is handed to the inviter.
    return {
      ...toInvitationDto(row),
      token,
      acceptUrl: `${this.deps.config.publicUrl}/invitations/accept?token=${token}`,
    };
  }

  async listInvitations(actor: Actor) {
    const scope = clientScope(actor);
    if (!isAgency(actor) && actor.role !== 'client_admin')
      throw new AppError('forbidden', 'Only admins see invitations.');
    let query = this.deps.db.selectFrom('invitations').selectAll();
    if (scope) query = query.where('organization_id', '=', scope);
    return (await query.orderBy('created_at', 'desc').execute()).map(toInvitationDto);
  }

  async acceptInvitation(input: InvitationAcceptInput) {
    const now = this.deps.clock.now();
    const passwordHash = await hashPassword(input.password);
    return this.deps.db.transaction().execute(async (trx) => {
      const invitation = await trx
        .selectFrom('invitations')
        .selectAll()
        .where('token_hash', '=', digestSecret(input.token))
        .forUpdate()
        .executeTakeFirst();
      if (!invitation || invitation.accepted_at || invitation.expires_at <= now) {
        throw new AppError('not_found', 'This invitation is unknown, used or expired.');
      }
      const user = await this.insertUser(
        trx,
        {
          organizationId: invitation.organization_id,
          email: invitation.email,
          name: input.name,
          role: invitation.role,
          passwordHash,
        },
        now,
      );
      await trx
        .updateTable('invitations')
        .set({ accepted_at: now, accepted_user_id: user.id })
        .where('id', '=', invitation.id)
        .execute();
      await recordAudit(trx, null, {
        action: 'invitation.accepted',
        entity: 'invitation',
        entityId: invitation.id,
        organizationId: invitation.organization_id,
        at: now,
        data: { userId: user.id },
      });
      return toUserDto(user);
    });
  }

  private async insertUser(
    trx: Executor,
    input: {
      organizationId: string;
      email: string;
      name: string;
      role: Role;
      passwordHash: string;
      timeZone?: string | undefined;
    },
    now: Date,
  ): Promise<UserRow> {
    return trx
      .insertInto('users')
      .values({
        organization_id: input.organizationId,
        email: input.email,
        name: input.name,
        role: input.role,
        password_hash: input.passwordHash,
        time_zone: input.timeZone ?? null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((error: unknown) =>
        rethrowUniqueViolation(error, 'email', `A user with the email ${input.email} exists already.`),
      );
  }

  private async findVisible(actor: Actor, id: string): Promise<UserRow> {
    const scope = clientScope(actor);
    const row = await this.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || (scope !== null && row.organization_id !== scope)) throw notFound('User');
    return row;
  }

  /** Agency admins manage everyone; client admins manage their own organisation's client users. */
  private async assertMayManage(
    actor: Actor,
    organizationId: string,
    role: Role,
    rolePath: string,
  ): Promise<void> {
    const org = await this.deps.db
      .selectFrom('organizations')
      .select(['id', 'kind'])
      .where('id', '=', organizationId)
      .executeTakeFirst();
    const scope = clientScope(actor);
    if (!org || (scope !== null && org.id !== scope)) throw notFound('Organisation');
    if (actor.role !== 'agency_admin' && actor.role !== 'client_admin')
      throw new AppError('forbidden', 'Only admins manage users.');
    const agencyRole = role === 'agency_admin' || role === 'agency_engineer';
    if (agencyRole !== (org.kind === 'agency')) {
      throw invalidInput(
        `The role ${role} does not fit ${org.kind === 'agency' ? 'the agency' : 'a client organisation'}.`,
        [{ path: rolePath, message: `must be a${org.kind === 'agency' ? 'n agency' : ' client'} role` }],
      );
    }
  }
}

function toInvitationDto(row: {
  id: string;
  organization_id: string;
  email: string;
  role: Role;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
}) {
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    role: row.role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
  };
}

import { AppError, notFound } from '../errors';
import type { OrganizationRow } from '../db/schema';
import type { ClientCreateInput, ClientUpdateInput } from '../schemas/settings';
import { clientScope, requireAgencyAdmin } from './access';
import { recordAudit } from './audit';
import type { Actor, ServiceDeps } from './context';
import { rethrowUniqueViolation } from './unique-violation';

export function toClientDto(row: OrganizationRow) {
  return { id: row.id, name: row.name, slug: row.slug, timeZone: row.time_zone, createdAt: row.created_at };
}

export class ClientsService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(actor: Actor) {
    const scope = clientScope(actor);
    let query = this.deps.db.selectFrom('organizations').selectAll().where('kind', '=', 'client');
    if (scope) query = query.where('id', '=', scope);
    return (await query.orderBy('name').execute()).map(toClientDto);
  }

  async get(actor: Actor, id: string) {
    return toClientDto(await this.findVisible(actor, id));
  }

  async findBySlug(slug: string): Promise<OrganizationRow> {
    const row = await this.deps.db
      .selectFrom('organizations')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (!row) throw notFound(`Organisation "${slug}"`);
    return row;
  }

  /** A client organisation the actor may see; anything else is "not found". */
  async findVisible(actor: Actor, id: string): Promise<OrganizationRow> {
    const scope = clientScope(actor);
    const row = await this.deps.db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', id)
      .where('kind', '=', 'client')
      .executeTakeFirst();
    if (!row || (scope !== null && scope !== row.id)) throw notFound('Client');
    return row;
  }

  async create(actor: Actor, input: ClientCreateInput) {
    requireAgencyAdmin(actor);
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('organizations')
        .values({
          kind: 'client',
          name: input.name,
          slug: input.slug,
          time_zone: input.timeZone,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((error: unknown) =>
          rethrowUniqueViolation(error, 'slug', `The slug "${input.slug}" is taken.`),
        );
      await recordAudit(trx, actor, {
        action: 'client.created',
        entity: 'organization',
        entityId: row.id,
        organizationId: row.id,
        at: now,
        data: input,
      });
      return toClientDto(row);
    });
  }

  async update(actor: Actor, id: string, input: ClientUpdateInput) {
    // Another client is not found; the role decides only about the actor's own organisation.
    await this.findVisible(actor, id);
    requireAgencyAdmin(actor);
    const now = this.deps.clock.now();
    if (Object.keys(input).length === 0) throw new AppError('invalid_input', 'Nothing to update.');
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('organizations')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.slug !== undefined ? { slug: input.slug } : {}),
          ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((error: unknown) =>
          rethrowUniqueViolation(error, 'slug', `The slug "${input.slug}" is taken.`),
        );
      await recordAudit(trx, actor, {
        action: 'client.updated',
        entity: 'organization',
        entityId: id,
        organizationId: id,
        at: now,
        data: input,
      });
      return toClientDto(row);
    });
  }
}

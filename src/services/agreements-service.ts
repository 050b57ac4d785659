import type { z } from 'zod';
import type { CoverageList } from '../domain/agreements/coverage';
import { AppError, invalidInput, notFound } from '../errors';
import type { AgreementRow } from '../db/schema';
import { TERMS_BY_KIND, type AgreementCreateInput, type AgreementUpdateInput } from '../schemas/agreements';
import { clientScope, requireAgencyAdmin } from './access';
import { recordAudit } from './audit';
import type { CalendarCache } from './calendars-service';
import type { Actor, Executor, ServiceDeps } from './context';
import { openTicketsUnder, refreshQueuePositions } from './tickets/ticket-history';

export function toAgreementDto(row: AgreementRow) {
  return {
    id: row.id,
    clientId: row.client_id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    timeZone: row.time_zone,
    slaPolicyId: row.sla_policy_id,
    terms: row.terms as Record<string, unknown>,
    coverage: row.coverage as CoverageList,
    createdAt: row.created_at,
  };
}

export class AgreementsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly calendars: CalendarCache,
  ) {}

  async list(actor: Actor, clientId?: string) {
    const scope = clientScope(actor);
    let query = this.deps.db.selectFrom('agreements').selectAll();
    if (scope) query = query.where('client_id', '=', scope);
    if (clientId) query = query.where('client_id', '=', clientId);
    return (await query.orderBy('starts_on', 'desc').orderBy('id').execute()).map(toAgreementDto);
  }

  async get(actor: Actor, id: string) {
    return toAgreementDto(await this.findVisible(actor, id));
  }

  async create(actor: Actor, input: AgreementCreateInput) {
    requireAgencyAdmin(actor);
    const client = await this.deps.db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', input.clientId)
      .where('kind', '=', 'client')
      .executeTakeFirst();
    if (!client)
      throw invalidInput('The client does not exist.', [{ path: 'clientId', message: 'no such client' }]);
    await this.assertReferences(
      this.deps.db,
      input.slaPolicyId ?? null,
      input.kind === 'standby' ? input.terms.availabilityCalendarId : null,
    );
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('agreements')
        .values({
          client_id: input.clientId,
          kind: input.kind,
          name: input.name,
          starts_on: input.startsOn,
          ends_on: input.endsOn ?? null,
          time_zone: input.timeZone ?? client.time_zone,
          sla_policy_id: input.slaPolicyId ?? null,
          terms: JSON.stringify(input.terms),
          coverage: JSON.stringify(input.coverage),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'agreement.created',
        entity: 'agreement',
        entityId: row.id,
        organizationId: row.client_id,
        at: now,
        data: input,
      });
      return toAgreementDto(row);
    });
  }

  async update(actor: Actor, id: string, input: AgreementUpdateInput) {
    // Another client's agreement is not found; the role decides only about the actor's own.
    const existing = await this.findVisible(actor, id);
    requireAgencyAdmin(actor);
    const terms = input.terms ? parseTerms(existing.kind, input.terms) : undefined;
    if (input.endsOn && input.endsOn < existing.starts_on) {
      throw invalidInput('The end date is before the start.', [
        { path: 'endsOn', message: 'must not be before startsOn' },
      ]);
    }
    const availability =
      existing.kind === 'standby'
        ? ((terms ?? existing.terms) as { availabilityCalendarId: string }).availabilityCalendarId
        : null;
    await this.assertReferences(this.deps.db, input.slaPolicyId ?? null, terms ? availability : null);
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('agreements')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(input.endsOn !== undefined ? { ends_on: input.endsOn } : {}),
          ...(input.slaPolicyId !== undefined ? { sla_policy_id: input.slaPolicyId } : {}),
          ...(input.coverage !== undefined ? { coverage: JSON.stringify(input.coverage) } : {}),
          ...(terms !== undefined ? { terms: JSON.stringify(terms) } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'agreement.updated',
        entity: 'agreement',
        entityId: id,
        organizationId: row.client_id,
        at: now,
        data: input,
      });
      if (input.slaPolicyId !== undefined && input.slaPolicyId !== existing.sla_policy_id) {
        await refreshQueuePositions(
          trx,
          await openTicketsUnder(trx, { agreementId: id }),
          this.calendars,
          now,
          { touch: false },
        );
      }
      return toAgreementDto(row);
    });
  }

  async findVisible(actor: Actor, id: string, db: Executor = this.deps.db): Promise<AgreementRow> {
    return findVisibleAgreement(db, actor, id);
  }

  private async assertReferences(
    db: Executor,
    slaPolicyId: string | null,
    calendarId: string | null,
  ): Promise<void> {
    if (slaPolicyId) {
      const policy = await db
        .selectFrom('sla_policies')
        .select('id')
        .where('id', '=', slaPolicyId)
        .executeTakeFirst();
      if (!policy)
        throw invalidInput('The SLA policy does not exist.', [
          { path: 'slaPolicyId', message: 'no such SLA policy' },
        ]);
    }
    if (calendarId) {
      const calendar = await db
        .selectFrom('calendars')
        .select('id')
        .where('id', '=', calendarId)
        .executeTakeFirst();
      if (!calendar)
        throw invalidInput('The availability calendar does not exist.', [
          { path: 'terms.availabilityCalendarId', message: 'no such calendar' },
        ]);
    }
  }
}

function parseTerms(
  kind: AgreementRow['kind'],
  terms: Record<string, unknown>,
): z.infer<(typeof TERMS_BY_KIND)[typeof kind]> {
  const parsed = TERMS_BY_KIND[kind].safeParse(terms);
  if (!parsed.success) {
    throw new AppError('invalid_input', `The terms do not fit a ${kind} agreement.`, {
      issues: parsed.error.issues.map((issue) => ({
        path: ['terms', ...issue.path].join('.'),
        message: issue.message,
      })),
    });
  }
  return parsed.data;
}

/** An agreement the actor may see: a client user's own organisation's only; any other is not found. */
export async function findVisibleAgreement(db: Executor, actor: Actor, id: string): Promise<AgreementRow> {
  const scope = clientScope(actor);
  let query = db.selectFrom('agreements').selectAll().where('id', '=', id);
  if (scope) query = query.where('client_id', '=', scope);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Agreement');
  return row;
}

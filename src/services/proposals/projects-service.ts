import { AppError, invalidInput, notFound } from '../../errors';
import type { ProjectListInput } from '../../schemas/proposals';
import { clientScope, requireAgency } from '../access';
import { recordAudit } from '../audit';
import type { Actor, Executor, ServiceDeps } from '../context';
import { toProjectDto, visibleProjects } from './proposal-dto';

/** Approved proposals, tracked as projects with their own time: budget, time used, what remains. */
export class ProjectsService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(actor: Actor, filter: ProjectListInput) {
    let query = visibleProjects(this.deps.db, actor);
    if (filter.clientId) query = query.where('projects.client_id', '=', filter.clientId);
    if (filter.status) query = query.where('projects.status', '=', filter.status);
    const rows = await query.orderBy('projects.created_at', 'desc').orderBy('projects.id').execute();
    return rows.map(toProjectDto);
  }

  async get(actor: Actor, id: string) {
    const row = await visibleProjects(this.deps.db, actor).where('projects.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Project');
    return toProjectDto(row);
  }

  /** The work is done (completed) or will not be (cancelled); either way no more time is logged on it. */
  async close(actor: Actor, id: string, to: 'completed' | 'cancelled') {
    return this.deps.db.transaction().execute(async (trx) => {
      const scope = clientScope(actor);
      let query = trx.selectFrom('projects').selectAll().where('id', '=', id);
      if (scope) query = query.where('client_id', '=', scope);
      const project = await query.forUpdate().executeTakeFirst();
      if (!project) throw notFound('Project');
      requireAgency(actor);
      if (project.status !== 'active')
        throw new AppError('invalid_transition', `This project is ${project.status} already.`, {
          status: project.status,
        });
      const now = this.deps.clock.now();
      await trx
        .updateTable('projects')
        .set({ status: to, completed_at: now })
        .where('id', '=', project.id)
        .execute();
      await recordAudit(trx, actor, {
        action: `project.${to}`,
        entity: 'project',
        entityId: project.id,
        organizationId: project.client_id,
        at: now,
      });
      const row = await visibleProjects(trx, actor).where('projects.id', '=', id).executeTakeFirstOrThrow();
      return toProjectDto(row);
    });
  }
}

/**
 * Checks that time may be logged on a project: it exists, belongs to the entry's client and is still active.
 * Returns the agreement its proposal was priced under (the default agreement of such an entry).
 */
export async function assertProjectForTime(
  db: Executor,
  projectId: string,
  clientId: string | null,
): Promise<{ agreementId: string; clientId: string }> {
  const project = await db
    .selectFrom('projects')
    .innerJoin('proposals', 'proposals.id', 'projects.proposal_id')
    .select(['projects.status', 'projects.client_id', 'proposals.agreement_id'])
    .where('projects.id', '=', projectId)
    .executeTakeFirst();
  if (!project)
    throw invalidInput('The project does not exist.', [{ path: 'projectId', message: 'no such project' }]);
  if (clientId !== null && project.client_id !== clientId)
    throw invalidInput('The project belongs to another client than the time entry.', [
      { path: 'projectId', message: 'is not a project of the entry’s client' },
    ]);
  if (project.status !== 'active')
    throw invalidInput(`The project is ${project.status}: no more time is logged on it.`, [
      { path: 'projectId', message: `is ${project.status}` },
    ]);
  return { agreementId: project.agreement_id, clientId: project.client_id };
}

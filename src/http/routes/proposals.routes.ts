import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../schemas/common';
import {
  ProjectListQuery,
  ProposalCreateBody,
  ProposalDecisionBody,
  ProposalListQuery,
  ProposalUpdateBody,
} from '../../schemas/proposals';
import type { Services } from '../../services';
import { actorOf } from '../authenticate';

/** Change proposals (drafted by the agency, decided by the client's admins) and the projects they become. */
export function registerProposalRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { proposals, projects } = services;
  const decision = { params: IdParams, body: ProposalDecisionBody.optional() };

  r.post(
    '/tickets/:id/proposals',
    {
      schema: {
        tags: ['proposals'],
        summary: 'Draft a proposal for a change-work ticket, priced at the agreement’s project rate',
        params: IdParams,
        body: ProposalCreateBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await proposals.draft(actorOf(request), request.params.id, request.body)),
  );
  r.get(
    '/proposals',
    { schema: { tags: ['proposals'], querystring: ProposalListQuery } },
    async (request) => ({ items: await proposals.list(actorOf(request), request.query) }),
  );
  r.get('/proposals/:id', { schema: { tags: ['proposals'], params: IdParams } }, async (request) =>
    proposals.get(actorOf(request), request.params.id),
  );
  r.patch(
    '/proposals/:id',
    {
      schema: { tags: ['proposals'], summary: 'Change a draft', params: IdParams, body: ProposalUpdateBody },
    },
    async (request) => proposals.update(actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/proposals/:id/send',
    {
      schema: { tags: ['proposals'], summary: 'Send a draft to the client for a decision', params: IdParams },
    },
    async (request) => proposals.send(actorOf(request), request.params.id),
  );
  r.post(
    '/proposals/:id/withdraw',
    { schema: { tags: ['proposals'], summary: 'Withdraw a draft or sent proposal', ...decision } },
    async (request) => proposals.withdraw(actorOf(request), request.params.id, request.body?.note),
  );
  r.post(
    '/proposals/:id/approve',
    { schema: { tags: ['proposals'], summary: 'Approve: the project is set up', ...decision } },
    async (request) => proposals.decide(actorOf(request), request.params.id, 'approved', request.body?.note),
  );
  r.post(
    '/proposals/:id/decline',
    { schema: { tags: ['proposals'], summary: 'Decline the proposal', ...decision } },
    async (request) => proposals.decide(actorOf(request), request.params.id, 'declined', request.body?.note),
  );

  r.get(
    '/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Projects with budget, time used and remaining',
        querystring: ProjectListQuery,
      },
    },
    async (request) => ({ items: await projects.list(actorOf(request), request.query) }),
  );
  r.get('/projects/:id', { schema: { tags: ['projects'], params: IdParams } }, async (request) =>
    projects.get(actorOf(request), request.params.id),
  );
  r.post('/projects/:id/complete', { schema: { tags: ['projects'], params: IdParams } }, async (request) =>
    projects.close(actorOf(request), request.params.id, 'completed'),
  );
  r.post('/projects/:id/cancel', { schema: { tags: ['projects'], params: IdParams } }, async (request) =>
    projects.close(actorOf(request), request.params.id, 'cancelled'),
  );
}

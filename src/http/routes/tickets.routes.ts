import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../schemas/common';
import {
  CommentCreateBody,
  EstimateCreateBody,
  EstimateDecisionBody,
  EstimateListQuery,
  LinkCreateBody,
  TicketCreateBody,
  TicketListQuery,
  TicketUpdateBody,
  TransitionBody,
} from '../../schemas/tickets';
import type { Services } from '../../services';
import { actorOf } from '../authenticate';

export function registerTicketRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ticketCommands: commands, ticketQueries: queries } = services;

  r.get(
    '/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'List tickets; sort=queue orders open work by the earliest SLA deadline',
        querystring: TicketListQuery,
      },
    },
    async (request) => queries.list(actorOf(request), request.query),
  );
  r.post('/tickets', { schema: { tags: ['tickets'], body: TicketCreateBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const { ticket } = await commands.create(actor, request.body);
    return reply.code(201).send(await queries.get(actor, ticket.id));
  });
  r.get(
    '/tickets/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'A ticket with its SLA block, thread and links',
        params: IdParams,
      },
    },
    async (request) => queries.get(actorOf(request), request.params.id),
  );
  r.get(
    '/tickets/:id/events',
    { schema: { tags: ['tickets'], summary: 'The append-only event history', params: IdParams } },
    async (request) => ({
      items: await queries.events(actorOf(request), request.params.id),
    }),
  );
  r.patch(
    '/tickets/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Change priority, kind or assignee',
        params: IdParams,
        body: TicketUpdateBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await commands.update(actor, request.params.id, request.body);
      return queries.get(actor, request.params.id);
    },
  );
  r.post(
    '/tickets/:id/comments',
    { schema: { tags: ['tickets'], params: IdParams, body: CommentCreateBody } },
    async (request, reply) => {
      const actor = actorOf(request);
      await commands.comment(actor, request.params.id, request.body);
      return reply.code(201).send(await queries.get(actor, request.params.id));
    },
  );
  r.post(
    '/tickets/:id/transitions',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Move the ticket to another status',
        params: IdParams,
        body: TransitionBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await commands.transition(actor, request.params.id, request.body);
      return queries.get(actor, request.params.id);
    },
  );
  r.post(
    '/tickets/:id/links',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Link a follow-up (e.g. a root-cause task) or related ticket',
        params: IdParams,
        body: LinkCreateBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await commands.link(actorOf(request), request.params.id, request.body)),
  );

  r.post(
    '/tickets/:id/estimates',
    {
      schema: {
        tags: ['estimates'],
        summary: 'Send an estimate for approval',
        params: IdParams,
        body: EstimateCreateBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await services.estimates.request(actorOf(request), request.params.id, request.body)),
  );
  r.get(
    '/estimates',
    { schema: { tags: ['estimates'], querystring: EstimateListQuery } },
    async (request) => ({
      items: await services.estimates.list(actorOf(request), request.query),
    }),
  );
  r.post(
    '/estimates/:id/approve',
    { schema: { tags: ['estimates'], params: IdParams, body: EstimateDecisionBody.optional() } },
    async (request) =>
      services.estimates.decide(actorOf(request), request.params.id, 'approved', request.body?.note),
  );
  r.post(
    '/estimates/:id/decline',
    { schema: { tags: ['estimates'], params: IdParams, body: EstimateDecisionBody.optional() } },
    async (request) =>
      services.estimates.decide(actorOf(request), request.params.id, 'declined', request.body?.note),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AgreementCreateBody,
  AgreementListQuery,
  AgreementUpdateBody,
  LedgerQuery,
} from '../../schemas/agreements';
import { IdParams } from '../../schemas/common';
import {
  SlaReportQuery,
  TimeEntryCreateBody,
  TimeEntryListQuery,
  TimeEntryUpdateBody,
} from '../../schemas/time';
import type { Services } from '../../services';
import { actorOf } from '../authenticate';

export function registerAgreementRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/agreements',
    { schema: { tags: ['agreements'], querystring: AgreementListQuery } },
    async (request) => ({
      items: await services.agreements.list(actorOf(request), request.query.clientId),
    }),
  );
  r.post(
    '/agreements',
    { schema: { tags: ['agreements'], body: AgreementCreateBody } },
    async (request, reply) =>
      reply.code(201).send(await services.agreements.create(actorOf(request), request.body)),
  );
  r.get('/agreements/:id', { schema: { tags: ['agreements'], params: IdParams } }, async (request) =>
    services.agreements.get(actorOf(request), request.params.id),
  );
  r.patch(
    '/agreements/:id',
    { schema: { tags: ['agreements'], params: IdParams, body: AgreementUpdateBody } },
    async (request) => services.agreements.update(actorOf(request), request.params.id, request.body),
  );
  r.get(
    '/agreements/:id/ledger',
    {
      schema: {
        tags: ['agreements'],
        summary: 'The hour ledger of one month',
        params: IdParams,
        querystring: LedgerQuery,
      },
    },
    async (request) => services.ledger.monthLedger(actorOf(request), request.params.id, request.query.month),
  );

  r.get('/time-entries', { schema: { tags: ['time'], querystring: TimeEntryListQuery } }, async (request) =>
    services.timeEntries.list(actorOf(request), request.query),
  );
  r.post('/time-entries', { schema: { tags: ['time'], body: TimeEntryCreateBody } }, async (request, reply) =>
    reply.code(201).send(await services.timeEntries.create(actorOf(request), request.body)),
  );
  r.patch(
    '/time-entries/:id',
    { schema: { tags: ['time'], params: IdParams, body: TimeEntryUpdateBody } },
    async (request) => services.timeEntries.update(actorOf(request), request.params.id, request.body),
  );
  r.delete('/time-entries/:id', { schema: { tags: ['time'], params: IdParams } }, async (request, reply) => {
    await services.timeEntries.remove(actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  r.get(
    '/reports/sla',
    {
      schema: {
        tags: ['reports'],
        summary: 'SLA compliance per tier for a client and month',
        querystring: SlaReportQuery,
      },
    },
    async (request) =>
      services.reports.slaCompliance(actorOf(request), request.query.clientId, request.query.month),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CalendarSpec } from '../../domain/calendar/calendar-spec';
import { SlaPolicyRulesSchema } from '../../domain/sla/sla-policy';
import { IdParams } from '../../schemas/common';
import { ClientCreateBody, ClientUpdateBody, IcsImportBody, SlaPolicyBodyBase } from '../../schemas/settings';
import type { Services } from '../../services';
import { actorOf } from '../authenticate';

const SlaPolicyBody = SlaPolicyBodyBase.extend({ tiers: SlaPolicyRulesSchema.shape.tiers });

export function registerSettingsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/calendars', { schema: { tags: ['calendars'] } }, async (request) => ({
    items: await services.calendars.list(actorOf(request)),
  }));
  r.post('/calendars', { schema: { tags: ['calendars'], body: CalendarSpec } }, async (request, reply) =>
    reply.code(201).send(await services.calendars.create(actorOf(request), request.body)),
  );
  r.get('/calendars/:id', { schema: { tags: ['calendars'], params: IdParams } }, async (request) =>
    services.calendars.get(actorOf(request), request.params.id),
  );
  r.put(
    '/calendars/:id',
    { schema: { tags: ['calendars'], params: IdParams, body: CalendarSpec } },
    async (request) => services.calendars.replace(actorOf(request), request.params.id, request.body),
  );
  r.delete(
    '/calendars/:id',
    { schema: { tags: ['calendars'], params: IdParams } },
    async (request, reply) => {
      await services.calendars.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
  r.post(
    '/calendars/:id/holidays/import',
    {
      schema: {
        tags: ['calendars'],
        summary: 'Import holidays from an iCalendar (.ics) feed',
        params: IdParams,
        body: IcsImportBody,
      },
    },
    async (request) =>
      services.calendars.importHolidays(
        actorOf(request),
        request.params.id,
        request.body.ics,
        request.body.replace,
      ),
  );

  r.get('/sla-policies', { schema: { tags: ['sla'] } }, async (request) => ({
    items: await services.slaPolicies.list(actorOf(request)),
  }));
  r.post('/sla-policies', { schema: { tags: ['sla'], body: SlaPolicyBody } }, async (request, reply) => {
    const { tiers, ...rest } = request.body;
    return reply
      .code(201)
      .send(await services.slaPolicies.create(actorOf(request), { ...rest, rules: { tiers } }));
  });
  r.get('/sla-policies/:id', { schema: { tags: ['sla'], params: IdParams } }, async (request) =>
    services.slaPolicies.get(actorOf(request), request.params.id),
  );
  r.put(
    '/sla-policies/:id',
    { schema: { tags: ['sla'], params: IdParams, body: SlaPolicyBody } },
    async (request) => {
      const { tiers, ...rest } = request.body;
      return services.slaPolicies.replace(actorOf(request), request.params.id, { ...rest, rules: { tiers } });
    },
  );
  r.delete('/sla-policies/:id', { schema: { tags: ['sla'], params: IdParams } }, async (request, reply) => {
    await services.slaPolicies.remove(actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  r.get('/clients', { schema: { tags: ['clients'] } }, async (request) => ({
    items: await services.clients.list(actorOf(request)),
  }));
  r.post('/clients', { schema: { tags: ['clients'], body: ClientCreateBody } }, async (request, reply) =>
    reply.code(201).send(await services.clients.create(actorOf(request), request.body)),
  );
  r.get('/clients/:id', { schema: { tags: ['clients'], params: IdParams } }, async (request) =>
    services.clients.get(actorOf(request), request.params.id),
  );
  r.patch(
    '/clients/:id',
    { schema: { tags: ['clients'], params: IdParams, body: ClientUpdateBody } },
    async (request) => services.clients.update(actorOf(request), request.params.id, request.body),
  );
}

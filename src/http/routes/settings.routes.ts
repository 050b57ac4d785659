import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CalendarSpec } from '../../domain/calendar/calendar-spec';
import { SlaAlertSettingsSchema, SlaPolicyRulesSchema } from '../../domain/sla/sla-policy';
import { z } from 'zod';
import { IdParams, Id, IsoInstant } from '../../schemas/common';
import { ClientCreateBody, ClientUpdateBody, IcsImportBody, SlaPolicyBodyBase } from '../../schemas/settings';
import type { Services } from '../../services';
import { actorOf } from '../authenticate';

const SlaPolicyBody = SlaPolicyBodyBase.extend({
  tiers: SlaPolicyRulesSchema.shape.tiers,
  alerts: SlaAlertSettingsSchema.optional().describe(
    'Warning threshold and breach escalation; the defaults when absent.',
  ),
});

const SlaPreviewBody = z
  .object({
    calendar: CalendarSpec.optional().describe('An unsaved calendar (e.g. the form being edited).'),
    calendarId: Id.optional().describe('A stored calendar, instead of `calendar`.'),
    tiers: SlaPolicyRulesSchema.shape.tiers,
    at: IsoInstant.optional().describe('When the imagined ticket is created; now when absent.'),
  })
  .superRefine((body, ctx) => {
    if ((body.calendar === undefined) === (body.calendarId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['calendarId'], message: 'give either calendar or calendarId' });
    }
  });

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
    const { tiers, alerts, ...rest } = request.body;
    const rules = alerts ? { tiers, alerts } : { tiers };
    return reply.code(201).send(await services.slaPolicies.create(actorOf(request), { ...rest, rules }));
  });
  r.post(
    '/sla-policies/preview',
    {
      schema: {
        tags: ['sla'],
        summary: 'When a ticket of each priority created at `at` would be due under unsaved targets',
        body: SlaPreviewBody,
      },
    },
    async (request) => {
      const { calendar, calendarId, tiers, at } = request.body;
      const base = { tiers, at: at === undefined ? undefined : new Date(at) };
      return services.slaPolicies.preview(
        actorOf(request),
        calendar ? { ...base, calendar } : { ...base, calendarId: calendarId! },
      );
    },
  );
  r.get('/sla-policies/:id', { schema: { tags: ['sla'], params: IdParams } }, async (request) =>
    services.slaPolicies.get(actorOf(request), request.params.id),
  );
  r.put(
    '/sla-policies/:id',
    { schema: { tags: ['sla'], params: IdParams, body: SlaPolicyBody } },
    async (request) => {
      const { tiers, alerts, ...rest } = request.body;
      const rules = alerts ? { tiers, alerts } : { tiers };
      return services.slaPolicies.replace(actorOf(request), request.params.id, { ...rest, rules });
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

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../schemas/common';
import type { Services } from '../../services';
import { actorOf } from '../authenticate';

const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Only unread notifications.'),
});

const PreferencesBody = z
  .object({ email: z.boolean(), slack: z.boolean(), inApp: z.boolean() })
  .partial()
  .describe('Channels to switch on or off; absent channels keep their setting.');

export function registerNotificationRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My in-app notifications, newest first, with the unread count',
        querystring: NotificationListQuery,
      },
    },
    async (request) =>
      services.notifications.list(actorOf(request), {
        limit: request.query.limit,
        unreadOnly: request.query.unread,
      }),
  );
  r.post(
    '/notifications/read-all',
    { schema: { tags: ['notifications'], summary: 'Mark all my notifications read' } },
    async (request) => services.notifications.markAllRead(actorOf(request)),
  );
  r.post(
    '/notifications/:id/read',
    { schema: { tags: ['notifications'], summary: 'Mark one of my notifications read', params: IdParams } },
    async (request) => services.notifications.markRead(actorOf(request), request.params.id),
  );
  r.get(
    '/notification-preferences',
    { schema: { tags: ['notifications'], summary: 'My notification channels (email, Slack, in-app)' } },
    async (request) => services.notifications.getPreferences(actorOf(request)),
  );
  r.put(
    '/notification-preferences',
    { schema: { tags: ['notifications'], body: PreferencesBody } },
    async (request) => services.notifications.setPreferences(actorOf(request), request.body),
  );
  r.get(
    '/tickets/:id/sla-alerts',
    {
      schema: {
        tags: ['sla'],
        summary: 'SLA warnings, breaches and escalations sent for a ticket',
        params: IdParams,
      },
    },
    async (request) => ({
      items: await services.slaAlerts.listForTicket(actorOf(request), request.params.id),
    }),
  );
}

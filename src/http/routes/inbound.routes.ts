import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../schemas/common';
import type { Services } from '../../services';
import { actorOf } from '../authenticate';

const InboundListQuery = z.object({
  status: z.enum(['pending', 'processed', 'dead']).optional(),
  source: z.enum(['email', 'slack', 'webhook']).optional(),
});

/** What came in from outside, for staff: the dead-letter list, one item raw, and replay. */
export function registerInboundRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/inbound',
    {
      schema: {
        tags: ['inbound'],
        summary: 'Inbound items (status=dead is the dead-letter list)',
        querystring: InboundListQuery,
      },
    },
    async (request) => ({
      items: await services.inbound.list(actorOf(request), request.query),
    }),
  );
  r.get(
    '/inbound/:id',
    { schema: { tags: ['inbound'], summary: 'One inbound item with its raw payload', params: IdParams } },
    async (request) => services.inbound.get(actorOf(request), request.params.id),
  );
  r.post(
    '/inbound/:id/replay',
    { schema: { tags: ['inbound'], summary: 'Process a dead item again', params: IdParams } },
    async (request) => services.inbound.replay(actorOf(request), request.params.id),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ClientHealthQuery } from '../../schemas/settings';
import type { Services } from '../../services';
import { actorOf } from '../authenticate';

export function registerClientHealthRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/clients/health',
    {
      schema: {
        tags: ['clients'],
        summary: 'Each visible client’s open tickets, SLA compliance and hours for a month',
        querystring: ClientHealthQuery,
      },
    },
    async (request) => ({
      items: await services.clientHealth.list(actorOf(request), request.query.month),
    }),
  );
}

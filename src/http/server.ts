import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Services } from '../services';
import { actorOf, createAuthenticator } from './authenticate';
import { installErrorHandler } from './error-handler';
import { registerAccessRoutes } from './routes/access.routes';
import { registerAgreementRoutes } from './routes/agreements.routes';
import { registerAttachmentRoutes } from './routes/attachments.routes';
import { registerInboundRoutes } from './routes/inbound.routes';
import { registerMailboxRoutes } from './routes/mailboxes.routes';
import { registerMaintenanceRoutes } from './routes/maintenance.routes';
import { registerMonthlyReportRoutes } from './routes/monthly-reports.routes';
import { registerClientHealthRoutes } from './routes/client-health.routes';
import { registerNotificationRoutes } from './routes/notifications.routes';
import { registerProposalRoutes } from './routes/proposals.routes';
import { registerSettingsRoutes } from './routes/settings.routes';
import { registerSlackSettingsRoutes, slackWebhookRoutes } from './routes/slack.routes';
import { registerTicketRoutes } from './routes/tickets.routes';
import { registerWebApp } from './web-app';

const PUBLIC_ROUTES = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/logout',
  '/api/v1/invitations/accept',
  '/api/v1/health',
]);

export async function buildHttpServer(
  services: Services,
  config: Config,
  log: Logger,
): Promise<FastifyInstance> {
  // Typed as Fastify's logger so the instance keeps Fastify's default generics.
  const loggerInstance: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance,
    bodyLimit: 5 * 1024 * 1024,
    trustProxy: true,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(cookie);
  // Our own store enforces the size limit (with a clear message); this is only the backstop.
  await app.register(multipart, {
    limits: { fileSize: config.attachmentMaxBytes + 1, files: 20, fields: 10 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tend API',
        version: '1',
        description: 'Support & maintenance retainers: SLA-clocked tickets, agreements, hour ledgers.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token (tend_…) from POST /api/v1/tokens or `tend token create`.',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'tend_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const authenticate = createAuthenticator(services.auth);
  await app.register(
    async (api) => {
      api.decorateRequest('actor', null);
      api.addHook('onRequest', async (request) => {
        if (PUBLIC_ROUTES.has(request.url.split('?')[0] ?? '')) {
          request.actor = null;
          return;
        }
        await authenticate(request);
        // Refused here, before the schema validates params and body: a stranger gets 401, never a 400.
        actorOf(request);
      });
      api.get('/health', { schema: { tags: ['meta'], summary: 'Liveness and database check' } }, async () => {
        await services.health();
        return { status: 'ok' };
      });
      registerAccessRoutes(api, services, config);
      registerSettingsRoutes(api, services);
      registerClientHealthRoutes(api, services);
      registerAgreementRoutes(api, services);
      registerTicketRoutes(api, services);
      registerAttachmentRoutes(api, services);
      registerInboundRoutes(api, services);
      registerMailboxRoutes(api, services);
      registerMaintenanceRoutes(api, services);
      registerSlackSettingsRoutes(api, services);
      registerNotificationRoutes(api, services);
      registerMonthlyReportRoutes(api, services);
      registerProposalRoutes(api, services);
    },
    { prefix: '/api/v1' },
  );
  // Slack signs the raw body: its endpoints parse bodies themselves, in their own encapsulated plugin.
  await app.register(slackWebhookRoutes, { prefix: '/api/slack', services });
  await registerWebApp(app, config.webDir);
  return app;
}

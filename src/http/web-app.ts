import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Serves the built web app at `/`: hashed assets with long caching, and index.html for every other
 * browser route so that deep links work. Without a build it says how to make one.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const WEB_DIR = resolve(webDir);
  if (!existsSync(`${WEB_DIR}/index.html`)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Tend</title><p>The web app is not built: run <code>npm run build:web</code> (npm start does it). The API is at <a href="/api/docs">/api/docs</a>.</p>',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: WEB_DIR,
    wildcard: false,
    index: false,
    setHeaders(res, path) {
      res.setHeader(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/assets/*', { schema: { hide: true } }, async (request, reply) =>
    reply.sendFile(`assets/${(request.params as { '*': string })['*']}`),
  );
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  const sendIndex = async (
    _request: unknown,
    reply: { header(k: string, v: string): unknown; sendFile(file: string): unknown },
  ) => {
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  app.get('/', { schema: { hide: true } }, sendIndex as never);
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.code(404).send({
        error: {
          code: 'not_found',
          message: `No route GET ${request.url.split('?')[0]}`,
          details: null,
          requestId: request.id,
        },
      });
    }
    return sendIndex(request, reply);
  });
}

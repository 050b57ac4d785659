import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_STATUS } from '../errors';

interface ValidationItem {
  instancePath?: string;
  message?: string;
}

/** Every error leaves in one shape: {"error": {"code", "message", "details", "requestId"}}. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = request.id;
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const issues = (error.validation as ValidationItem[]).map((item) => ({
        in: where,
        path: (item.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.'),
        message: item.message ?? 'is invalid',
      }));
      const summary = issues.map((issue) => `${issue.path || where}: ${issue.message}`).join('; ');
      return reply.code(400).send({
        error: {
          code: 'invalid_input',
          message: `Invalid ${where}: ${summary}`,
          details: { issues },
          requestId,
        },
      });
    }
    if (error instanceof AppError) {
      return reply.code(ERROR_STATUS[error.code]).send({
        error: { code: error.code, message: error.message, details: error.details ?? null, requestId },
      });
    }
    // Fastify's own client errors (bad JSON, body too large, wrong content type).
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send({ error: { code: 'invalid_input', message: error.message, details: null, requestId } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({
      error: {
        code: 'internal',
        message: 'Something went wrong on our side. The request id is in the log.',
        details: null,
        requestId,
      },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send({
      error: {
        code: 'not_found',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
        details: null,
        requestId: request.id,
      },
    });
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../schemas/common';
import type { Services } from '../../services';
import type { ReceivedFile } from '../../services/attachments-service';
import { actorOf } from '../authenticate';
import { Id } from '../../schemas/common';
import { invalidInput } from '../../errors';

/** Files on tickets: multipart upload in, authorised download out. */
export function registerAttachmentRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/tickets/:id/attachments',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Attach files (multipart/form-data: one or more `file` parts, optional `commentId`)',
        params: IdParams,
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await services.attachments.assertMayAttach(actor, request.params.id);
      const files: ReceivedFile[] = [];
      let commentId: string | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const stored = await services.attachments.receive(part.file);
            files.push({ ...stored, filename: part.filename, contentType: part.mimetype });
          } else if (part.fieldname === 'commentId') {
            const parsed = Id.safeParse(part.value);
            if (!parsed.success)
              throw invalidInput('Invalid commentId', [{ path: 'commentId', message: 'must be a UUID' }]);
            commentId = parsed.data;
          }
        }
      } catch (error) {
        await services.attachments.discard(files);
        throw error;
      }
      const items = await services.attachments.record(actor, request.params.id, commentId, files);
      return reply.code(201).send({ items });
    },
  );

  r.get(
    '/attachments/:id',
    { schema: { tags: ['tickets'], summary: 'Download an attachment', params: IdParams } },
    async (request, reply) => {
      const file = await services.attachments.open(actorOf(request), request.params.id);
      const disposition = file.inline ? 'inline' : 'attachment';
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.size))
        .header(
          'content-disposition',
          `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=300')
        .send(file.stream);
    },
  );
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { Id, IdParams, Month } from '../../schemas/common';
import type { Services } from '../../services';
import { LOGO_MAX_BYTES } from '../../services/reports/agency-logo-service';
import type { ReportPdfFile } from '../../services/reports/monthly-reports-service';
import { actorOf } from '../authenticate';

const ClientQuery = z.object({ clientId: Id });
const MonthQuery = z.object({ clientId: Id, month: Month });
const GenerateBody = z.object({
  clientId: Id,
  month: Month.describe('A month that is over in the client’s time zone'),
  send: z.boolean().default(false).describe('Also mail it to the client’s contacts (once)'),
});

/** The report page may show its inline styles and data-URL images, and nothing else: no script, no request. */
const REPORT_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'self'; sandbox";

function sendHtml(reply: FastifyReply, html: string) {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', REPORT_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .send(html);
}

function sendPdf(reply: FastifyReply, file: ReportPdfFile) {
  return reply
    .header('content-type', 'application/pdf')
    .header(
      'content-disposition',
      `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .header('x-tend-report', file.archived ? 'archived' : 'preview')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .send(file.bytes);
}

export function registerMonthlyReportRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reports = services.monthlyReports;
  const tags = ['reports'];

  r.get(
    '/reports/monthly',
    {
      schema: {
        tags,
        summary: 'A client’s archived monthly reports, newest first',
        querystring: ClientQuery,
      },
    },
    async (request) => ({ items: await reports.list(actorOf(request), request.query.clientId) }),
  );
  r.post(
    '/reports/monthly',
    {
      schema: {
        tags,
        summary:
          'Archive a client’s report for a month (agency admins); an archived month is returned as it is',
        body: GenerateBody,
      },
    },
    async (request, reply) => {
      const { clientId, month, send } = request.body;
      const result = await reports.generate(clientId, month, actorOf(request), { send });
      return reply.code(result.created ? 201 : 200).send({ ...result.report, created: result.created });
    },
  );
  r.get(
    '/reports/monthly/preview',
    { schema: { tags, summary: 'Live figures of a month’s report (not archived)', querystring: MonthQuery } },
    async (request) => reports.previewFigures(actorOf(request), request.query.clientId, request.query.month),
  );
  r.get(
    '/reports/monthly/preview/html',
    { schema: { tags, summary: 'A month’s report as a page, from live figures', querystring: MonthQuery } },
    async (request, reply) =>
      sendHtml(
        reply,
        await reports.previewHtml(actorOf(request), request.query.clientId, request.query.month),
      ),
  );
  r.get(
    '/reports/monthly/preview/pdf',
    { schema: { tags, summary: 'A month’s report as a PDF, from live figures', querystring: MonthQuery } },
    async (request, reply) =>
      sendPdf(reply, await reports.previewPdf(actorOf(request), request.query.clientId, request.query.month)),
  );
  r.get(
    '/reports/monthly/:id',
    { schema: { tags, summary: 'An archived report with its figures', params: IdParams } },
    async (request) => reports.get(actorOf(request), request.params.id),
  );
  r.get(
    '/reports/monthly/:id/html',
    { schema: { tags, summary: 'An archived report as a page', params: IdParams } },
    async (request, reply) => sendHtml(reply, await reports.html(actorOf(request), request.params.id)),
  );
  r.get(
    '/reports/monthly/:id/pdf',
    { schema: { tags, summary: 'An archived report’s PDF, as archived and sent', params: IdParams } },
    async (request, reply) => sendPdf(reply, await reports.pdf(actorOf(request), request.params.id)),
  );

  r.get(
    '/agency/logo',
    { schema: { tags, summary: 'The agency’s logo on its reports' } },
    async (request, reply) => {
      const logo = await services.agencyLogo.get(actorOf(request));
      return reply
        .header('content-type', logo.contentType)
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(logo.bytes);
    },
  );
  r.put(
    '/agency/logo',
    {
      schema: {
        tags,
        summary: `Set the agency’s logo (multipart/form-data, one \`file\` part: PNG, JPEG or SVG, at most ${LOGO_MAX_BYTES / 1024} KB)`,
        consumes: ['multipart/form-data'],
      },
    },
    async (request) => {
      const actor = actorOf(request);
      services.agencyLogo.assertMayChange(actor);
      const part = await request.file({ limits: { fileSize: LOGO_MAX_BYTES + 1, files: 1 } });
      if (!part)
        throw new AppError('invalid_input', 'Send the logo as a `file` part.', {
          issues: [{ path: 'file', message: 'is required' }],
        });
      const bytes = await part.toBuffer().catch((error: unknown) => {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('payload_too_large', `A logo may be at most ${LOGO_MAX_BYTES / 1024} KB.`);
        throw error;
      });
      return services.agencyLogo.set(actor, bytes);
    },
  );
  r.delete(
    '/agency/logo',
    { schema: { tags, summary: 'Remove the agency’s logo' } },
    async (request, reply) => {
      await services.agencyLogo.remove(actorOf(request));
      return reply.code(204).send();
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../schemas/common';
import {
  MailboxCreateBody,
  MailboxUpdateBody,
  TriageAssignBody,
  TriageListQuery,
} from '../../schemas/mailboxes';
import type { Services } from '../../services';
import { actorOf } from '../authenticate';

/** Email: mailboxes (admins; passwords are write-only), held mail for triage, a ticket's mail log (staff). */
export function registerMailboxRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/mailboxes',
    { schema: { tags: ['email'], summary: 'Mailboxes Tend reads (passwords never returned)' } },
    async (request) => ({
      items: await services.mailboxes.list(actorOf(request)),
    }),
  );
  r.post(
    '/mailboxes',
    { schema: { tags: ['email'], summary: 'Add a mailbox', body: MailboxCreateBody } },
    async (request, reply) =>
      reply.code(201).send(await services.mailboxes.create(actorOf(request), request.body)),
  );
  r.patch(
    '/mailboxes/:id',
    {
      schema: {
        tags: ['email'],
        summary: 'Change a mailbox (a password given replaces the stored one)',
        params: IdParams,
        body: MailboxUpdateBody,
      },
    },
    async (request) => services.mailboxes.update(actorOf(request), request.params.id, request.body),
  );
  r.delete(
    '/mailboxes/:id',
    { schema: { tags: ['email'], summary: 'Remove a mailbox', params: IdParams } },
    async (request, reply) => {
      await services.mailboxes.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
  r.get(
    '/email-triage',
    {
      schema: {
        tags: ['email'],
        summary: 'Mail held for triage (unknown senders, mailing lists)',
        querystring: TriageListQuery,
      },
    },
    async (request) => ({
      items: await services.mailboxes.listTriage(actorOf(request), request.query.status),
    }),
  );
  r.post(
    '/email-triage/:id/assign',
    {
      schema: {
        tags: ['email'],
        summary: 'Assign held mail to a client (raises or threads its ticket)',
        params: IdParams,
        body: TriageAssignBody,
      },
    },
    async (request) =>
      services.mailboxes.assignTriage(actorOf(request), request.params.id, request.body.clientId),
  );
  r.post(
    '/email-triage/:id/dismiss',
    {
      schema: { tags: ['email'], summary: 'Dismiss held mail (kept, listed as dismissed)', params: IdParams },
    },
    async (request) => services.mailboxes.dismissTriage(actorOf(request), request.params.id),
  );
  r.get(
    '/tickets/:id/emails',
    { schema: { tags: ['email'], summary: 'A ticket’s mail in and out (staff)', params: IdParams } },
    async (request) => ({
      items: await services.mailboxes.ticketEmails(actorOf(request), request.params.id),
    }),
  );
}

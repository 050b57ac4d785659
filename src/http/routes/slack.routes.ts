import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { invalidInput } from '../../errors';
import { IdParams } from '../../schemas/common';
import { SlackChannelBody, SlackChannelParams, SlackConnectionBody } from '../../schemas/slack';
import type { Services } from '../../services';
import { slackCommandKey, type SlackEventEnvelope } from '../../services/slack/slack-inbound';
import { actorOf } from '../authenticate';

/** Settings (admin only) under /api/v1, and the Slack thread of a ticket. */
export function registerSlackSettingsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/slack/connection',
    { schema: { tags: ['slack'], summary: 'The Slack connection (secrets shown as hints)' } },
    async (request) => services.slack.getConnection(actorOf(request)),
  );
  r.put(
    '/slack/connection',
    {
      schema: {
        tags: ['slack'],
        summary: 'Connect Slack or change the connection',
        body: SlackConnectionBody,
      },
    },
    async (request) => services.slack.putConnection(actorOf(request), request.body),
  );
  r.delete(
    '/slack/connection',
    { schema: { tags: ['slack'], summary: 'Disconnect Slack' } },
    async (request, reply) => {
      await services.slack.deleteConnection(actorOf(request));
      return reply.code(204).send();
    },
  );
  r.get(
    '/slack/channels',
    { schema: { tags: ['slack'], summary: 'Channels connected to clients' } },
    async (request) => ({
      items: await services.slack.listChannels(actorOf(request)),
    }),
  );
  r.post(
    '/slack/channels',
    { schema: { tags: ['slack'], summary: 'Connect a channel to a client', body: SlackChannelBody } },
    async (request, reply) =>
      reply.code(201).send(await services.slack.addChannel(actorOf(request), request.body)),
  );
  r.delete(
    '/slack/channels/:channelId',
    { schema: { tags: ['slack'], summary: 'Disconnect a channel', params: SlackChannelParams } },
    async (request, reply) => {
      await services.slack.removeChannel(actorOf(request), request.params.channelId);
      return reply.code(204).send();
    },
  );
  r.get(
    '/tickets/:id/slack',
    { schema: { tags: ['slack'], summary: 'The Slack thread a ticket lives in, if any', params: IdParams } },
    async (request) => services.slack.ticketThread(actorOf(request), request.params.id),
  );
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Slack's public endpoints (outside /api/v1 and its authentication): the Events API and slash commands. The
 * body is kept as the raw string (the signature covers its exact bytes); the item is stored and its processing
 * enqueued, and Slack gets its 200 at once — the work happens in the job.
 */
export async function slackWebhookRoutes(
  app: FastifyInstance,
  options: { services: Services },
): Promise<void> {
  const { services } = options;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/x-www-form-urlencoded'],
    { parseAs: 'string', bodyLimit: 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );

  const verified = async (request: FastifyRequest): Promise<string> => {
    const rawBody = typeof request.body === 'string' ? request.body : '';
    await services.slack.verifyRequest({
      timestamp: header(request, 'x-slack-request-timestamp'),
      signature: header(request, 'x-slack-signature'),
      rawBody,
    });
    return rawBody;
  };

  app.post(
    '/events',
    { schema: { tags: ['slack'], summary: 'Slack Events API (signed by Slack)' } },
    async (request, reply) => {
      const raw = await verified(request);
      let body: SlackEventEnvelope & { challenge?: unknown };
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        throw invalidInput('The body is not JSON.');
      }
      if (body.type === 'url_verification')
        return { challenge: typeof body.challenge === 'string' ? body.challenge : '' };
      if (typeof body.event_id !== 'string' || !body.event_id)
        throw invalidInput('An event callback carries an event_id.', [
          { path: 'event_id', message: 'is required' },
        ]);
      const accepted = await services.inbound.accept({
        source: 'slack',
        key: body.event_id,
        payload: { kind: 'event', body },
        raw,
      });
      return reply.code(200).send({ ok: true, duplicate: accepted.duplicate });
    },
  );

  app.post(
    '/commands',
    { schema: { tags: ['slack'], summary: 'Slack slash command /tend (signed by Slack)' } },
    async (request) => {
      const raw = await verified(request);
      const fields = Object.fromEntries(new URLSearchParams(raw));
      if (!fields.command)
        throw invalidInput('A slash command carries a command.', [
          { path: 'command', message: 'is required' },
        ]);
      await services.inbound.accept({
        source: 'slack',
        key: slackCommandKey(raw, fields),
        payload: { kind: 'command', body: fields },
        raw,
      });
      return {
        response_type: 'ephemeral',
        text: 'Got it — raising your request in Tend; the link follows in a moment.',
      };
    },
  );
}

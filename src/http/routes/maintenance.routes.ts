import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../schemas/common';
import {
  BacklogQuery,
  ChoreCreateBody,
  ChoreUpdateBody,
  OneOffWindowBody,
  ScheduleCreateBody,
  ScheduleUpdateBody,
  WindowListQuery,
  WindowUpdateBody,
} from '../../schemas/maintenance';
import type { Services } from '../../services';
import { actorOf } from '../authenticate';

const tags = ['maintenance'];

/** Maintenance windows: schedules, chores, one-off windows, the plan, running a window. */
export function registerMaintenanceRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { schedules, chores, windows, queries, planning } = services.maintenance;

  // Schedules (agency staff).
  r.get(
    '/agreements/:id/maintenance-schedules',
    { schema: { tags, summary: 'The recurring windows of an agreement', params: IdParams } },
    async (request) => ({ items: await schedules.list(actorOf(request), request.params.id) }),
  );
  r.post(
    '/agreements/:id/maintenance-schedules',
    {
      schema: {
        tags,
        summary: 'Add recurring windows; their windows for the next 12 months are created at once',
        params: IdParams,
        body: ScheduleCreateBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await schedules.create(actorOf(request), request.params.id, request.body)),
  );
  r.patch(
    '/maintenance-schedules/:id',
    {
      schema: {
        tags,
        summary: 'Change a schedule; its windows still to come follow and the backlog is re-planned',
        params: IdParams,
        body: ScheduleUpdateBody,
      },
    },
    async (request) => schedules.update(actorOf(request), request.params.id, request.body),
  );
  r.delete(
    '/maintenance-schedules/:id',
    { schema: { tags, summary: 'Stop a schedule (its future windows go)', params: IdParams } },
    async (request, reply) => {
      await schedules.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  // Chores (agency staff).
  r.get(
    '/agreements/:id/maintenance-chores',
    { schema: { tags, summary: 'The recurring chores of an agreement', params: IdParams } },
    async (request) => ({ items: await chores.list(actorOf(request), request.params.id) }),
  );
  r.post(
    '/agreements/:id/maintenance-chores',
    {
      schema: {
        tags,
        summary: 'Add a recurring chore; a ticket appears when it falls due for the next window',
        params: IdParams,
        body: ChoreCreateBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await chores.create(actorOf(request), request.params.id, request.body)),
  );
  r.patch(
    '/maintenance-chores/:id',
    { schema: { tags, params: IdParams, body: ChoreUpdateBody } },
    async (request) => chores.update(actorOf(request), request.params.id, request.body),
  );
  r.delete(
    '/maintenance-chores/:id',
    { schema: { tags, summary: 'Stop a chore (its open tickets stay)', params: IdParams } },
    async (request, reply) => {
      await chores.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  // The plan.
  r.get(
    '/maintenance/backlog',
    {
      schema: {
        tags,
        summary: 'Open backlog items with their planned window and roll count, in plan order',
        querystring: BacklogQuery,
      },
    },
    async (request) => queries.backlog(actorOf(request), request.query),
  );
  r.post(
    '/agreements/:id/maintenance-plan',
    {
      schema: {
        tags,
        summary: 'Bring an agreement up to date now: windows, due chores, plan (the daily job does the same)',
        params: IdParams,
      },
    },
    async (request) => planning.refresh(actorOf(request), request.params.id),
  );

  // Windows.
  r.get(
    '/maintenance-windows',
    {
      schema: {
        tags,
        summary: 'Windows in a date range (the calendar), with planned minutes, capacity and item counts',
        querystring: WindowListQuery,
      },
    },
    async (request) => ({ items: await queries.listWindows(actorOf(request), request.query) }),
  );
  r.post(
    '/agreements/:id/maintenance-windows',
    { schema: { tags, summary: 'Add a one-off window', params: IdParams, body: OneOffWindowBody } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await windows.createOneOff(actor, request.params.id, request.body);
      return reply.code(201).send(await queries.getWindow(actor, id));
    },
  );
  r.get(
    '/maintenance-windows/:id',
    {
      schema: { tags, summary: 'A window with its items, time logged and release notes', params: IdParams },
    },
    async (request) => queries.getWindow(actorOf(request), request.params.id),
  );
  r.patch(
    '/maintenance-windows/:id',
    {
      schema: {
        tags,
        summary: 'Change a window still to come (time, title, capacity)',
        params: IdParams,
        body: WindowUpdateBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await windows.update(actor, request.params.id, request.body);
      return queries.getWindow(actor, request.params.id);
    },
  );
  for (const [action, summary] of [
    ['cancel', 'Cancel a window still to come; its items move on to the next window'],
    ['start', 'Start the window: it keeps the items planned into it'],
    ['close', 'Close the window: outcomes, release notes sent to the client, rolled items re-planned'],
  ] as const) {
    r.post(
      `/maintenance-windows/:id/${action}`,
      { schema: { tags, summary, params: IdParams } },
      async (request) => {
        const actor = actorOf(request);
        await windows[action](actor, request.params.id);
        return queries.getWindow(actor, request.params.id);
      },
    );
  }
}

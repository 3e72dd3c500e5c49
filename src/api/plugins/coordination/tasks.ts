import type { FastifyPluginAsync } from 'fastify';
import type { DispatchInput, TaskScope, TaskService } from '../../../coordination/tasks/service.js';
import { idParams } from '../../schemas/coordination/common.js';
import {
  claimBody,
  completeBody,
  dispatchBody,
  failBody,
  progressBody,
  releaseBody,
  taskListQuery,
  taskListResponse,
  taskResponse,
} from '../../schemas/coordination/tasks.js';
import { principalOf } from '../auth.js';

interface OnTask<Body = null> {
  Params: { id: string };
  Body: Body;
}

interface ListRoute {
  Querystring: { scope?: TaskScope; status?: string; limit?: number };
}

/** Options of a route acting on one task: its id in the path, a body, the task as it then is. */
function onTask(body: object) {
  return {
    config: { permission: 'coordination:act' as const },
    schema: { params: idParams, body, response: { 200: taskResponse } },
  };
}

/** Work handed between agents: dispatch, claim, report, finish or give back. */
export const tasksPlugin: FastifyPluginAsync<{ tasks: TaskService }> = async (app, { tasks }) => {
  app.post<{ Body: DispatchInput }>(
    '/v1/tasks',
    {
      config: { permission: 'coordination:act' },
      schema: { body: dispatchBody, response: { 201: taskResponse } },
    },
    async (request, reply) => {
      const task = await tasks.dispatch(principalOf(request), request.body);
      return reply.code(201).send(task);
    },
  );

  app.get<ListRoute>(
    '/v1/tasks',
    {
      config: { permission: 'coordination:read' },
      schema: { querystring: taskListQuery, response: { 200: taskListResponse } },
    },
    async (request) => {
      const { scope, status, limit } = request.query;
      return {
        tasks: tasks.list(principalOf(request), { scope, status: status?.split(','), limit }),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/tasks/:id',
    {
      config: { permission: 'coordination:read' },
      schema: { params: idParams, response: { 200: taskResponse } },
    },
    async (request) => tasks.get(request.params.id),
  );

  app.post<OnTask<Record<string, never> | null>>(
    '/v1/tasks/:id/claim',
    onTask(claimBody),
    async (request) => tasks.claim(principalOf(request), request.params.id),
  );

  app.post<OnTask<{ note?: string; percent?: number | null } | null>>(
    '/v1/tasks/:id/progress',
    onTask(progressBody),
    async (request) => tasks.progress(principalOf(request), request.params.id, request.body ?? {}),
  );

  app.post<OnTask<{ result?: unknown } | null>>(
    '/v1/tasks/:id/complete',
    onTask(completeBody),
    async (request) =>
      tasks.complete(principalOf(request), request.params.id, request.body?.result),
  );

  app.post<OnTask<{ error: string }>>('/v1/tasks/:id/fail', onTask(failBody), async (request) =>
    tasks.fail(principalOf(request), request.params.id, request.body.error),
  );

  app.post<OnTask<{ reason?: string } | null>>(
    '/v1/tasks/:id/release',
    onTask(releaseBody),
    async (request) => tasks.release(principalOf(request), request.params.id, request.body?.reason),
  );
};

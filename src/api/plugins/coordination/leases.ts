import type { FastifyPluginAsync } from 'fastify';
import type { AcquireLeaseInput, LeaseService } from '../../../coordination/leases/service.js';
import { idParams } from '../../schemas/coordination/common.js';
import {
  acquireBody,
  forceReleaseBody,
  leaseCheckQuery,
  leaseCheckResponse,
  leaseListQuery,
  leaseListResponse,
  leaseResponse,
  releasedResponse,
  renewBody,
} from '../../schemas/coordination/leases.js';
import { principalOf } from '../auth.js';

interface OnLease<Body = undefined> {
  Params: { id: string };
  Body: Body;
}

const reading = { permission: 'coordination:read' } as const;
const acting = { permission: 'coordination:act' } as const;

/** Advisory file leases. A release, forced or not, answers 200 with the release as recorded. */
export const leasesPlugin: FastifyPluginAsync<{ leases: LeaseService }> = async (
  app,
  { leases },
) => {
  app.post<{ Body: AcquireLeaseInput }>(
    '/v1/leases',
    { config: acting, schema: { body: acquireBody, response: { 201: leaseResponse } } },
    async (request, reply) => {
      const lease = await leases.acquire(principalOf(request), request.body);
      return reply.code(201).send(lease);
    },
  );

  app.get<{ Querystring: { holder?: string } }>(
    '/v1/leases',
    {
      config: reading,
      schema: { querystring: leaseListQuery, response: { 200: leaseListResponse } },
    },
    async (request) => ({ leases: leases.list({ holder: request.query.holder }) }),
  );

  app.get<{ Querystring: { path: string } }>(
    '/v1/leases/check',
    {
      config: reading,
      schema: { querystring: leaseCheckQuery, response: { 200: leaseCheckResponse } },
    },
    async (request) => {
      const { path } = request.query;
      return { path, lease: leases.check(path, principalOf(request).agentId) };
    },
  );

  app.get<OnLease>(
    '/v1/leases/:id',
    { config: reading, schema: { params: idParams, response: { 200: leaseResponse } } },
    async (request) => leases.get(request.params.id),
  );

  app.post<OnLease<{ ttlSeconds?: number } | null>>(
    '/v1/leases/:id/renew',
    {
      config: acting,
      schema: { params: idParams, body: renewBody, response: { 200: leaseResponse } },
    },
    async (request) =>
      leases.renew(principalOf(request), request.params.id, request.body?.ttlSeconds),
  );

  app.delete<OnLease>(
    '/v1/leases/:id',
    { config: acting, schema: { params: idParams, response: { 200: releasedResponse } } },
    async (request) => leases.release(principalOf(request), request.params.id),
  );

  app.post<OnLease<{ reason?: string } | null>>(
    '/v1/leases/:id/force-release',
    {
      config: acting,
      schema: { params: idParams, body: forceReleaseBody, response: { 200: releasedResponse } },
    },
    async (request) =>
      leases.forceRelease(principalOf(request), request.params.id, request.body?.reason),
  );
};

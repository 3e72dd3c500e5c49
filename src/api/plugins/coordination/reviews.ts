import type { FastifyPluginAsync } from 'fastify';
import type { ReviewService } from '../../../coordination/reviews/service.js';
import { idParams } from '../../schemas/coordination/common.js';
import {
  decisionBody,
  promoteBody,
  reviewListQuery,
  reviewListResponse,
  reviewResponse,
  reviewWaitQuery,
} from '../../schemas/coordination/reviews.js';
import { principalOf } from '../auth.js';
import { waitSignals } from './wait-signals.js';

interface ListRoute {
  Querystring: {
    status?: 'pending' | 'resolved';
    capability?: string;
    mine?: boolean;
    limit?: number;
  };
}

interface GetRoute {
  Params: { id: string };
  Querystring: { waitMs?: number };
}

interface DecisionRoute {
  Params: { id: string };
  Body: { approve: boolean; reason: string };
}

interface PromoteRoute {
  Params: { id: string };
  Body: { rule: string };
}

/**
 * Expert reviews of escalated tool calls. The guard opens them; experts (or an admin, as the
 * human) decide here, and anyone may wait for the outcome.
 */
export const reviewsPlugin: FastifyPluginAsync<{ reviews: ReviewService }> = async (
  app,
  { reviews },
) => {
  const signalFor = waitSignals(app);

  app.get<ListRoute>(
    '/v1/reviews',
    {
      config: { permission: 'coordination:read' },
      schema: { querystring: reviewListQuery, response: { 200: reviewListResponse } },
    },
    async (request) => {
      const { mine, ...filter } = request.query;
      const decidableBy = mine ? principalOf(request) : undefined;
      return { reviews: reviews.list({ ...filter, decidableBy }) };
    },
  );

  app.get<GetRoute>(
    '/v1/reviews/:id',
    {
      config: { permission: 'coordination:read' },
      schema: { params: idParams, querystring: reviewWaitQuery, response: { 200: reviewResponse } },
    },
    async (request, reply) =>
      reviews.waitForOutcome(request.params.id, request.query.waitMs ?? 0, signalFor(reply)),
  );

  app.post<DecisionRoute>(
    '/v1/reviews/:id/decision',
    {
      config: { permission: 'coordination:act' },
      schema: { params: idParams, body: decisionBody, response: { 200: reviewResponse } },
    },
    async (request) => reviews.decide(principalOf(request), request.params.id, request.body),
  );

  app.post<PromoteRoute>(
    '/v1/reviews/:id/promote',
    {
      config: { permission: 'coordination:act' },
      schema: { params: idParams, body: promoteBody, response: { 200: reviewResponse } },
    },
    async (request) => reviews.promote(principalOf(request), request.params.id, request.body.rule),
  );
};

import type { FastifyPluginAsync } from 'fastify';
import type {
  AskInput,
  ElicitationFilter,
  ElicitationService,
} from '../../../coordination/elicitations/service.js';
import { idParams } from '../../schemas/coordination/common.js';
import {
  answerBody,
  askBody,
  elicitationListResponse,
  elicitationResponse,
  listQuery,
  reasonBody,
  waitQuery,
} from '../../schemas/coordination/elicitations.js';
import { principalOf } from '../auth.js';
import { waitSignals } from './wait-signals.js';

interface QuestionRoute {
  Params: { id: string };
}

interface ReasonRoute extends QuestionRoute {
  Body: { reason?: string } | null | undefined;
}

const read = { permission: 'coordination:read' } as const;
const act = { permission: 'coordination:act' } as const;
const answered = { 200: elicitationResponse };

/** Questions with typed answers: ask, wait for the outcome, answer, decline, cancel. */
export const elicitationsPlugin: FastifyPluginAsync<{ elicitations: ElicitationService }> = async (
  app,
  { elicitations },
) => {
  const signalFor = waitSignals(app);

  app.post<{ Body: AskInput }>(
    '/v1/elicitations',
    { config: act, schema: { body: askBody, response: { 201: elicitationResponse } } },
    async (request, reply) => {
      const asked = await elicitations.ask(principalOf(request), request.body);
      return reply.code(201).send(asked);
    },
  );

  app.get<{ Querystring: ElicitationFilter }>(
    '/v1/elicitations',
    {
      config: read,
      schema: { querystring: listQuery, response: { 200: elicitationListResponse } },
    },
    async (request) => elicitations.list(principalOf(request), request.query),
  );

  // Answers at once when the question is settled or `waitMs` is 0, else when it settles, the
  // wait ends, the client leaves or the bridge shuts down: the question as it then stands.
  app.get<QuestionRoute & { Querystring: { waitMs?: number } }>(
    '/v1/elicitations/:id',
    { config: read, schema: { params: idParams, querystring: waitQuery, response: answered } },
    async (request, reply) =>
      elicitations.waitForOutcome(
        principalOf(request),
        request.params.id,
        request.query.waitMs ?? 0,
        signalFor(reply),
      ),
  );

  app.post<QuestionRoute & { Body: { data: unknown } }>(
    '/v1/elicitations/:id/answer',
    { config: act, schema: { params: idParams, body: answerBody, response: answered } },
    async (request) =>
      elicitations.answer(principalOf(request), request.params.id, request.body.data),
  );

  app.post<ReasonRoute>(
    '/v1/elicitations/:id/decline',
    { config: act, schema: { params: idParams, body: reasonBody, response: answered } },
    async (request) =>
      elicitations.decline(principalOf(request), request.params.id, request.body?.reason),
  );

  app.post<ReasonRoute>(
    '/v1/elicitations/:id/cancel',
    { config: act, schema: { params: idParams, body: reasonBody, response: answered } },
    async (request) =>
      elicitations.cancel(principalOf(request), request.params.id, request.body?.reason),
  );
};

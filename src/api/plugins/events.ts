import type { FastifyPluginAsync } from 'fastify';
import type { Direction, ExpectedRevision, NewEvent } from '../../events/envelope.js';
import { BridgeError } from '../../events/errors.js';
import type { EventStore } from '../../events/store.js';
import {
  expectedRevisionOf,
  type FilterQuery,
  filterFromQuery,
  stampIdentity,
} from '../event-requests.js';
import {
  appendBody,
  appendResponse,
  DEFAULT_PAGE_LIMIT,
  pageResponse,
  readAllQuery,
  readStreamQuery,
  streamParams,
} from '../schemas/events.js';
import { principalOf } from './auth.js';

interface StreamParams {
  streamId: string;
}

interface AppendRoute {
  Params: StreamParams;
  Body: { expectedRevision?: ExpectedRevision; events: NewEvent[] };
  Headers: { 'if-match'?: string };
}

interface ReadStreamRoute {
  Params: StreamParams;
  Querystring: { fromRevision?: number; direction?: Direction; limit?: number };
}

interface ReadAllRoute {
  Querystring: FilterQuery & { after?: number; direction?: Direction; limit?: number };
}

/** Streams starting with `$` belong to the bridge's own domains, which write them directly. */
const SYSTEM_STREAM_PREFIX = '$';

export const eventsPlugin: FastifyPluginAsync<{ store: EventStore }> = async (app, { store }) => {
  app.post<AppendRoute>(
    '/v1/streams/:streamId/events',
    {
      config: { permission: 'events:append' },
      schema: { params: streamParams, body: appendBody, response: { 200: appendResponse } },
    },
    async (request) => {
      const { streamId } = request.params;
      if (streamId.startsWith(SYSTEM_STREAM_PREFIX)) {
        throw new BridgeError(
          'reserved_stream',
          `streams starting with ${SYSTEM_STREAM_PREFIX} are written by the bridge itself, not through this route`,
        );
      }
      const expectedRevision = expectedRevisionOf(
        request.body.expectedRevision,
        request.headers['if-match'],
      );
      const events = stampIdentity(request.body.events, principalOf(request));
      return store.appendToStream(
        streamId,
        events,
        expectedRevision === undefined ? {} : { expectedRevision },
      );
    },
  );

  app.get<ReadStreamRoute>(
    '/v1/streams/:streamId/events',
    {
      config: { permission: 'events:read' },
      schema: {
        params: streamParams,
        querystring: readStreamQuery,
        response: { 200: pageResponse },
      },
    },
    async (request) => {
      const { fromRevision, direction, limit = DEFAULT_PAGE_LIMIT } = request.query;
      return store.readStream(request.params.streamId, { fromRevision, direction, limit });
    },
  );

  app.get<ReadAllRoute>(
    '/v1/events',
    {
      config: { permission: 'events:read' },
      schema: { querystring: readAllQuery, response: { 200: pageResponse } },
    },
    async (request) => {
      const { after, direction, limit = DEFAULT_PAGE_LIMIT, ...filter } = request.query;
      return store.readAll({ ...filterFromQuery(filter), after, direction, limit });
    },
  );
};

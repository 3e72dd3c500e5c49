import type { FastifyPluginAsync } from 'fastify';
import type { EventStore } from '../../events/store.js';
import { type FilterQuery, filterFromQuery, resumePosition } from '../event-requests.js';
import { subscribeQuery } from '../schemas/events.js';
import { type LiveStreams, sendEvents } from '../sse.js';

interface SubscribeRoute {
  Querystring: FilterQuery & { after?: number };
  Headers: { 'last-event-id'?: string };
}

export interface EventStreamOptions {
  store: EventStore;
  streams: LiveStreams;
  heartbeatMs: number;
}

/** `GET /v1/events/stream`: the log as Server-Sent Events, from a position, then live. */
export const eventStreamPlugin: FastifyPluginAsync<EventStreamOptions> = async (
  app,
  { store, streams, heartbeatMs },
) => {
  app.addHook('preClose', async () => streams.endAll());

  app.get<SubscribeRoute>(
    '/v1/events/stream',
    { config: { permission: 'events:read' }, schema: { querystring: subscribeQuery } },
    async (request, reply) => {
      const { after, ...filter } = request.query;
      // Subscribing validates the filter, so bad input is refused before the stream starts.
      const subscription = store.subscribeToAll({
        ...filterFromQuery(filter),
        after: resumePosition(request.headers['last-event-id'], after),
      });
      await sendEvents(request, reply, subscription, { streams, heartbeatMs });
    },
  );
};

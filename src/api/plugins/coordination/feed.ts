import type { FastifyPluginAsync } from 'fastify';
import type { AgentFeeds } from '../../../coordination/feed/agent-feeds.js';
import type { FeedItem } from '../../../coordination/feed/routes.js';
import { resumePosition } from '../../event-requests.js';
import { feedQuery } from '../../schemas/coordination/feed.js';
import { DEFAULT_HEARTBEAT_MS, LiveStreams, sendEvents } from '../../sse.js';
import { principalOf } from '../auth.js';

interface FeedRoute {
  Querystring: { after?: number };
  Headers: { 'last-event-id'?: string };
}

export interface FeedPluginOptions {
  feeds: AgentFeeds;
  heartbeatMs?: number;
}

/** A broadcast hands one item to every feed: it is written out once. */
const frames = new WeakMap<FeedItem, string>();

/** `id:` the item's log position (what Last-Event-ID resumes after), `event:` its kind. */
function feedFrame(item: FeedItem): string {
  let frame = frames.get(item);
  if (frame === undefined) {
    frame = `id: ${item.position}\nevent: ${item.kind}\ndata: ${JSON.stringify(item)}\n\n`;
    frames.set(item, frame);
  }
  return frame;
}

/** `GET /v1/agents/me/feed`: what concerns the caller, as Server-Sent Events, live. */
export const feedPlugin: FastifyPluginAsync<FeedPluginOptions> = async (
  app,
  { feeds, heartbeatMs = DEFAULT_HEARTBEAT_MS },
) => {
  const streams = new LiveStreams();
  app.addHook('preClose', async () => streams.endAll());

  app.get<FeedRoute>(
    '/v1/agents/me/feed',
    { config: { permission: 'coordination:read' }, schema: { querystring: feedQuery } },
    async (request, reply) => {
      const lastEventId = request.headers['last-event-id'];
      const after =
        lastEventId === undefined ? request.query.after : resumePosition(lastEventId, undefined);
      const feed = feeds.open(principalOf(request), { after });
      await sendEvents(request, reply, feed, { streams, heartbeatMs }, feedFrame);
    },
  );
};

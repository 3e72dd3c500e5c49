import type { FastifyPluginAsync } from 'fastify';
import type { Coordination } from '../../../coordination/open-coordination.js';
import { elicitationsPlugin } from './elicitations.js';
import { feedPlugin } from './feed.js';
import { leasesPlugin } from './leases.js';
import { messagesPlugin } from './messages.js';
import { presencePlugin } from './presence.js';
import { reviewsPlugin } from './reviews.js';
import { tasksPlugin } from './tasks.js';

/** The coordination routes: each domain's plugin translates HTTP to its service. */
export const coordinationPlugin: FastifyPluginAsync<{ coordination: Coordination }> = async (
  app,
  { coordination },
) => {
  await app.register(presencePlugin, { presence: coordination.presence });
  await app.register(messagesPlugin, { messages: coordination.messages });
  await app.register(elicitationsPlugin, { elicitations: coordination.elicitations });
  await app.register(tasksPlugin, { tasks: coordination.tasks });
  await app.register(reviewsPlugin, { reviews: coordination.reviews });
  await app.register(leasesPlugin, { leases: coordination.leases });
  await app.register(feedPlugin, { feeds: coordination.feeds });
};

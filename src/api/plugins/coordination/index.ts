import type { FastifyPluginAsync } from 'fastify';
import type { Coordination } from '../../../coordination/open-coordination.js';
import { presencePlugin } from './presence.js';

/** The coordination routes: each domain's plugin translates HTTP to its service. */
export const coordinationPlugin: FastifyPluginAsync<{ coordination: Coordination }> = async (
  app,
  { coordination },
) => {
  await app.register(presencePlugin, { presence: coordination.presence });
};

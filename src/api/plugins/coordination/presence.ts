import type { FastifyPluginAsync } from 'fastify';
import type { PresenceService } from '../../../coordination/presence/service.js';
import { meResponse, presenceResponse } from '../../schemas/coordination/presence.js';
import { principalOf } from '../auth.js';

/** Who the caller is and whether it is online; `GET /v1/agents` carries everyone's presence. */
export const presencePlugin: FastifyPluginAsync<{ presence: PresenceService }> = async (
  app,
  { presence },
) => {
  app.get(
    '/v1/agents/me',
    { config: { permission: 'coordination:read' }, schema: { response: { 200: meResponse } } },
    async (request) => presence.entry(principalOf(request).agentId),
  );

  app.post(
    '/v1/agents/me/heartbeat',
    {
      config: { permission: 'coordination:read' },
      schema: { response: { 200: presenceResponse } },
    },
    async (request) => presence.heartbeat(principalOf(request)),
  );
};

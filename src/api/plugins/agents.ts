import type { FastifyPluginAsync } from 'fastify';
import type { AgentService, RegisterAgentInput } from '../../agents/service.js';
import type { PresenceView } from '../../coordination/presence/service.js';
import {
  agentListResponse,
  agentParams,
  credentialsResponse,
  registerAgentBody,
  revokedResponse,
} from '../schemas/agents.js';
import { principalOf } from './auth.js';

interface AgentRoute {
  Params: { id: string };
}

export interface AgentsPluginOptions {
  agents: AgentService;
  /** Adds each agent's presence to the directory when coordination runs. */
  presence?: { statusOf(agentId: string): PresenceView };
}

export const agentsPlugin: FastifyPluginAsync<AgentsPluginOptions> = async (
  app,
  { agents, presence },
) => {
  app.post<{ Body: RegisterAgentInput }>(
    '/v1/agents',
    {
      config: { permission: 'agents:manage' },
      schema: { body: registerAgentBody, response: { 201: credentialsResponse } },
    },
    async (request, reply) => {
      const credentials = await agents.register(request.body, principalOf(request));
      return reply.code(201).send(credentials);
    },
  );

  app.get(
    '/v1/agents',
    { config: { permission: 'agents:read' }, schema: { response: { 200: agentListResponse } } },
    async () => {
      const list = agents.list();
      if (!presence) return { agents: list };
      return {
        agents: list.map((agent) => {
          const { status, lastSeenAt } = presence.statusOf(agent.agentId);
          return { ...agent, status, lastSeenAt };
        }),
      };
    },
  );

  app.post<AgentRoute>(
    '/v1/agents/:id/tokens',
    {
      config: { permission: 'agents:manage' },
      schema: { params: agentParams, response: { 201: credentialsResponse } },
    },
    async (request, reply) => {
      const credentials = await agents.issueToken(request.params.id, principalOf(request));
      return reply.code(201).send(credentials);
    },
  );

  app.delete<AgentRoute>(
    '/v1/agents/:id/tokens',
    {
      config: { permission: 'agents:manage' },
      schema: { params: agentParams, response: { 200: revokedResponse } },
    },
    async (request) => agents.revokeTokens(request.params.id, principalOf(request)),
  );
};

import * as z from 'zod';
import { ROLES } from '../../agents/principal.js';
import { PRESENCE_STATUSES } from '../../coordination/presence/events.js';
import { type AnyToolSpec, defineTool } from './define-tool.js';
import { agentView } from './views.js';

const listAgents = defineTool({
  name: 'list_agents',
  title: 'List agents',
  description:
    'The team: every registered agent with its role, capabilities, description and presence (online, idle or offline, from its last sign of life). Use the names and capabilities as addresses for messages, questions and tasks.',
  effect: 'read',
  permission: 'agents:read',
  input: z.strictObject({
    role: z.enum(ROLES).optional().describe('Only agents with this role'),
    capability: z.string().optional().describe('Only agents offering this capability'),
    status: z.enum(PRESENCE_STATUSES).optional().describe('Only agents with this presence'),
  }),
  output: z.object({ agents: z.array(agentView) }),
  run: ({ args, services }) => ({
    agents: services.coordination.presence
      .directory()
      .filter(
        (agent) =>
          (args.role === undefined || agent.role === args.role) &&
          (args.capability === undefined || agent.capabilities.includes(args.capability)) &&
          (args.status === undefined || agent.status === args.status),
      ),
  }),
});

export const AGENT_TOOLS: readonly AnyToolSpec[] = [listAgents];

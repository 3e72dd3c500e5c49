import type { Principal, Role } from '../agents/principal.js';
import type { AgentDirectory } from './addresses.js';

/** How an agent is named in recorded events. */
export type AgentRef = { agentId: string; name: string };

/** The caller of a command as deciders see it: who, in which role, with which capabilities. */
export interface Actor {
  agentId: string;
  name: string;
  role: Role;
  capabilities: readonly string[];
}

/** The caller with its registered capabilities; the bootstrap admin has none. */
export function actorOf(principal: Principal, agents: AgentDirectory): Actor {
  const registered = agents.find(principal.agentId);
  return {
    agentId: principal.agentId,
    name: principal.name,
    role: principal.role,
    capabilities: registered?.agentId === principal.agentId ? registered.capabilities : [],
  };
}

export function refOf(agent: { agentId: string; name: string }): AgentRef {
  return { agentId: agent.agentId, name: agent.name };
}

import type { AgentEvent } from './events.js';
import type { Role } from './principal.js';

export interface RegisteredAgent {
  agentId: string;
  name: string;
  role: Role;
  capabilities: string[];
  description: string;
  /** Live tokens: tokenId → sha256 of the token (hex). */
  tokens: Record<string, string>;
}

export type AgentState = { status: 'unregistered' } | ({ status: 'registered' } & RegisteredAgent);

export function initialAgentState(): AgentState {
  return { status: 'unregistered' };
}

export function evolveAgent(state: AgentState, event: AgentEvent): AgentState {
  switch (event.type) {
    case 'AgentRegistered': {
      const { agentId, name, role, capabilities, description } = event.data;
      // decide admits only known roles, so a recorded role is one.
      return {
        status: 'registered',
        agentId,
        name,
        role: role as Role,
        capabilities,
        description,
        tokens: {},
      };
    }
    case 'AgentTokenIssued':
      if (state.status !== 'registered') return state;
      return { ...state, tokens: { ...state.tokens, [event.data.tokenId]: event.data.tokenHash } };
    case 'AgentTokensRevoked': {
      if (state.status !== 'registered') return state;
      const tokens = { ...state.tokens };
      for (const tokenId of event.data.tokenIds) delete tokens[tokenId];
      return { ...state, tokens };
    }
    default:
      return state;
  }
}

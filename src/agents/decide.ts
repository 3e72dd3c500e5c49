import type { Decider } from '../events/decider.js';
import { isUuid } from '../events/uuid.js';
import { AgentExistsError, AgentNotFoundError, InvalidAgentError } from './errors.js';
import type { AgentEvent } from './events.js';
import { type AgentState, evolveAgent, initialAgentState } from './evolve.js';
import { checkAgentName, checkCapabilities, checkDescription } from './names.js';
import { isRole, ROLES } from './principal.js';

export interface TokenDigest {
  tokenId: string;
  tokenHash: string;
}

export type AgentCommand =
  | {
      type: 'RegisterAgent';
      agentId: string;
      name: string;
      role: string;
      capabilities: string[];
      description: string;
      /** The first token, issued in the same append so a new agent is never without one. */
      token: TokenDigest;
    }
  | ({ type: 'IssueToken'; agent: string } & TokenDigest)
  | { type: 'RevokeTokens'; agent: string };

function register(
  command: Extract<AgentCommand, { type: 'RegisterAgent' }>,
  state: AgentState,
): AgentEvent[] {
  checkAgentName(command.name);
  if (!isRole(command.role)) {
    throw new InvalidAgentError(`role must be one of ${ROLES.join(', ')}`, 'role');
  }
  checkCapabilities(command.capabilities);
  checkDescription(command.description);
  if (!isUuid(command.agentId)) throw new InvalidAgentError('agentId must be a UUID', 'agentId');
  if (state.status === 'registered') throw new AgentExistsError(command.name);
  const { agentId, name, role, capabilities, description, token } = command;
  return [
    { type: 'AgentRegistered', data: { agentId, name, role, capabilities, description } },
    { type: 'AgentTokenIssued', data: { tokenId: token.tokenId, tokenHash: token.tokenHash } },
  ];
}

export function decideAgent(command: AgentCommand, state: AgentState): AgentEvent[] {
  switch (command.type) {
    case 'RegisterAgent':
      return register(command, state);
    case 'IssueToken':
      if (state.status !== 'registered') throw new AgentNotFoundError(command.agent);
      return [
        {
          type: 'AgentTokenIssued',
          data: { tokenId: command.tokenId, tokenHash: command.tokenHash },
        },
      ];
    case 'RevokeTokens': {
      if (state.status !== 'registered') throw new AgentNotFoundError(command.agent);
      const tokenIds = Object.keys(state.tokens);
      return tokenIds.length === 0 ? [] : [{ type: 'AgentTokensRevoked', data: { tokenIds } }];
    }
  }
}

export const agentDecider: Decider<AgentCommand, AgentState, AgentEvent> = {
  decide: decideAgent,
  evolve: evolveAgent,
  initialState: initialAgentState,
};

import type { DomainEvent } from '../events/decider.js';

/** Every agent has its own system stream; the prefix selects all of them. */
export const AGENT_STREAM_PREFIX = '$agent-';

export type AgentRegistered = DomainEvent<
  'AgentRegistered',
  {
    agentId: string;
    name: string;
    role: string;
    capabilities: string[];
    description: string;
  }
>;

/** Only the sha256 of a token is recorded, never the token. */
export type AgentTokenIssued = DomainEvent<
  'AgentTokenIssued',
  { tokenId: string; tokenHash: string }
>;

export type AgentTokensRevoked = DomainEvent<'AgentTokensRevoked', { tokenIds: string[] }>;

export type AgentEvent = AgentRegistered | AgentTokenIssued | AgentTokensRevoked;

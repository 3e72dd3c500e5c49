import { handleCommand } from '../events/command-handler.js';
import type { EventMetadata } from '../events/envelope.js';
import type { EventStore } from '../events/store.js';
import { uuidv7 } from '../events/uuid.js';
import { type AgentCommand, agentDecider } from './decide.js';
import { AgentNotFoundError } from './errors.js';
import type { RegisteredAgent } from './evolve.js';
import { agentStreamId } from './names.js';
import type { Principal, Role } from './principal.js';
import type { AgentRegistry } from './registry.js';
import { agentTokenId, hashToken, newAgentToken, sameDigest } from './tokens.js';

/** The bootstrap administrator: known by its token alone, with no agent stream. */
export const BOOTSTRAP_ADMIN: Principal = Object.freeze({
  agentId: 'admin',
  name: 'admin',
  role: 'admin',
});

export interface RegisterAgentInput {
  name: string;
  role: string;
  capabilities?: string[];
  description?: string;
}

/** What a caller learns once, when a token is issued. */
export interface AgentCredentials {
  agentId: string;
  name: string;
  role: Role;
  token: string;
}

export interface AgentSummary {
  agentId: string;
  name: string;
  role: Role;
  capabilities: string[];
  description: string;
  activeTokens: number;
}

export interface RevokedTokens {
  agentId: string;
  name: string;
  revoked: number;
}

function metadataOf(actor: Principal | undefined): EventMetadata {
  return actor ? { agentId: actor.agentId } : {};
}

export class AgentService {
  private readonly adminTokenHash: string | null;

  constructor(
    private readonly store: EventStore,
    private readonly registry: AgentRegistry,
    adminToken?: string,
  ) {
    this.adminTokenHash = adminToken === undefined ? null : hashToken(adminToken);
  }

  async register(input: RegisterAgentInput, actor?: Principal): Promise<AgentCredentials> {
    const issued = newAgentToken();
    const agentId = uuidv7();
    const streamId = agentStreamId(input.name);
    await this.execute(
      streamId,
      {
        type: 'RegisterAgent',
        agentId,
        name: input.name,
        role: input.role,
        capabilities: input.capabilities ?? [],
        description: input.description ?? '',
        token: { tokenId: issued.tokenId, tokenHash: issued.tokenHash },
      },
      actor,
    );
    const agent = await this.resolve(agentId);
    return { agentId, name: agent.name, role: agent.role, token: issued.token };
  }

  async issueToken(agentIdOrName: string, actor?: Principal): Promise<AgentCredentials> {
    const agent = await this.resolve(agentIdOrName);
    const issued = newAgentToken();
    await this.execute(
      agentStreamId(agent.name),
      {
        type: 'IssueToken',
        agent: agent.name,
        tokenId: issued.tokenId,
        tokenHash: issued.tokenHash,
      },
      actor,
    );
    return { agentId: agent.agentId, name: agent.name, role: agent.role, token: issued.token };
  }

  /** Revokes every live token of the agent; the agent stays registered. */
  async revokeTokens(agentIdOrName: string, actor?: Principal): Promise<RevokedTokens> {
    const agent = await this.resolve(agentIdOrName);
    const events = await this.execute(
      agentStreamId(agent.name),
      { type: 'RevokeTokens', agent: agent.name },
      actor,
    );
    const revoked = events.reduce(
      (count, event) =>
        count + (event.type === 'AgentTokensRevoked' ? event.data.tokenIds.length : 0),
      0,
    );
    return { agentId: agent.agentId, name: agent.name, revoked };
  }

  list(): AgentSummary[] {
    return this.registry
      .list()
      .map(({ agentId, name, role, capabilities, description, tokens }) => ({
        agentId,
        name,
        role,
        capabilities,
        description,
        activeTokens: Object.keys(tokens).length,
      }));
  }

  /** The principal a bearer token stands for, or null; digests are compared in constant time. */
  async authenticate(token: string): Promise<Principal | null> {
    const digest = hashToken(token);
    if (this.adminTokenHash !== null && sameDigest(digest, this.adminTokenHash))
      return BOOTSTRAP_ADMIN;
    let holder = this.registry.tokenHolder(digest);
    if (!holder && agentTokenId(token) !== null) {
      // Another node may have issued it a moment ago.
      await this.registry.catchUp();
      holder = this.registry.tokenHolder(digest);
    }
    if (!holder) return null;
    const { agentId, name, role } = holder;
    return { agentId, name, role };
  }

  private async resolve(agentIdOrName: string): Promise<RegisteredAgent> {
    let agent = this.registry.find(agentIdOrName);
    if (!agent) {
      await this.registry.catchUp();
      agent = this.registry.find(agentIdOrName);
    }
    if (!agent) throw new AgentNotFoundError(agentIdOrName);
    return agent;
  }

  /** Decides and appends, then waits until the registry has folded the result, so it takes effect at once. */
  private async execute(streamId: string, command: AgentCommand, actor: Principal | undefined) {
    const { events, result } = await handleCommand(
      this.store,
      streamId,
      agentDecider,
      command,
      metadataOf(actor),
    );
    if (result) await this.registry.catchUpTo(result.position);
    return events;
  }
}

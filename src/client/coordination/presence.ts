import type { AgentSummary } from '../../agents/service.js';
import type { DirectoryEntry, PresenceView } from '../../coordination/presence/service.js';
import type { Requester } from './requester.js';

export type { DirectoryEntry, PresenceView };

/** An agent of the directory with its presence. */
export type AgentPresence = AgentSummary & Omit<PresenceView, 'agentId'>;

/** Who is who and who is around (`/v1/agents`, `/v1/agents/me`). */
export class PresenceClient {
  constructor(private readonly bridge: Requester) {}

  /** The calling agent as the directory knows it. */
  me(): Promise<DirectoryEntry> {
    return this.bridge.request('GET', '/v1/agents/me');
  }

  /** Tells the bridge the caller is around. */
  heartbeat(): Promise<PresenceView> {
    return this.bridge.request('POST', '/v1/agents/me/heartbeat');
  }

  async directory(): Promise<AgentPresence[]> {
    return (await this.bridge.request<{ agents: AgentPresence[] }>('GET', '/v1/agents')).agents;
  }
}

import type { AgentDirectory } from '../coordination/addresses.js';
import type { Coordination } from '../coordination/open-coordination.js';
import type { EventStore } from '../events/store.js';
import type { Guard } from '../guard/index.js';

/** The guard as MCP tools use it: explanations only, nothing is recorded. */
export interface McpGuard {
  engine: Pick<Guard, 'explain' | 'policyVersion'>;
  /** Where an explained call runs when the tool names no directory. */
  projectRoot: string;
}

/** What the MCP tools and resources are served from: the bridge's own services. */
export interface McpServices {
  store: EventStore;
  agents: AgentDirectory;
  coordination: Coordination;
  guard?: McpGuard;
  /** Name and version the server reports to clients. */
  serverInfo: { name: string; version: string };
  /** Epoch milliseconds the bridge started at. */
  startedAt: number;
  /** Told of failures no caller can be told of (an internal error behind a tool error). */
  reportError: (error: unknown) => void;
}

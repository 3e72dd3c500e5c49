import type { EventStore } from '../events/store.js';
import { type AdminToken, loadOrCreateAdminToken } from './admin-token.js';
import { AgentRegistry } from './registry.js';
import { AgentService } from './service.js';

export interface OpenAgentsOptions {
  store: EventStore;
  dataDir: string;
  /** The configured bootstrap admin token; without one it is read from or created in the data dir. */
  adminToken?: string;
  refreshIntervalMs?: number;
}

export interface Agents {
  service: AgentService;
  registry: AgentRegistry;
  adminToken: AdminToken;
  close(): void;
}

/** The agents domain, ready to authenticate: the admin token in place and the registry folded. */
export async function openAgents(options: OpenAgentsOptions): Promise<Agents> {
  const adminToken = loadOrCreateAdminToken(options.dataDir, options.adminToken);
  const registry = new AgentRegistry(options.store, {
    refreshIntervalMs: options.refreshIntervalMs,
  });
  await registry.start();
  return {
    service: new AgentService(options.store, registry, adminToken.token),
    registry,
    adminToken,
    close: () => registry.stop(),
  };
}

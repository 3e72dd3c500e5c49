import type { FastifyInstance } from 'fastify';
import { type Agents, openAgents } from '../agents/open-agents.js';
import { type Coordination, openCoordination } from '../coordination/open-coordination.js';
import { openSqliteStore } from '../events/sqlite/sqlite-store.js';
import type { AppendObserver, EventStore } from '../events/store.js';
import { createAppendObserver } from '../metrics/append-observer.js';
import { createMetricsRegistry } from '../metrics/registry.js';
import { buildApp } from './app.js';
import { type GuardSettings, type OpenedGuard, openGuard } from './plugins/guard-setup.js';

export interface StartBridgeOptions {
  host: string;
  port: number;
  dataDir: string;
  adminToken?: string;
  bodyLimitBytes?: number;
  metricsPublic?: boolean;
  logLevel?: string;
  /** Opens the event store; SQLite in the data dir by default. */
  openStore?: (observer: AppendObserver) => Promise<EventStore>;
  /** The project the guard protects; the working directory by default. */
  projectRoot?: string;
  guard?: GuardSettings;
}

export interface RunningBridge {
  url: string;
  app: FastifyInstance;
  store: EventStore;
  agents: Agents;
  coordination: Coordination;
  adminToken: string;
  /** True when this start generated the admin token into `<dataDir>/admin.token`: show it once. */
  adminTokenCreated: boolean;
  /**
   * Graceful shutdown: stop accepting connections, end SSE streams, let requests in flight
   * finish, then close the store. Safe to call more than once.
   */
  close(): Promise<void>;
}

export async function startBridge(options: StartBridgeOptions): Promise<RunningBridge> {
  const registry = createMetricsRegistry();
  const observer = createAppendObserver(registry);
  const store = await (
    options.openStore ?? ((observer) => openSqliteStore({ dataDir: options.dataDir, observer }))
  )(observer);
  let agents: Agents | undefined;
  let coordination: Coordination | undefined;
  let app: FastifyInstance | undefined;
  let guard: OpenedGuard | undefined;
  const shutdown = async () => {
    guard?.stopWaiting();
    await app?.close();
    await guard?.close();
    await coordination?.close();
    agents?.close();
    await store.close();
  };
  try {
    agents = await openAgents({ store, dataDir: options.dataDir, adminToken: options.adminToken });
    const projectRoot = options.projectRoot ?? process.cwd();
    coordination = await openCoordination({ store, agents: agents.registry, projectRoot });
    guard = await openGuard({
      store,
      registry,
      agents: agents.registry,
      dataDir: options.dataDir,
      projectRoot,
      settings: options.guard,
      coordination,
    });
    app = await buildApp({
      store,
      agents,
      bodyLimitBytes: options.bodyLimitBytes,
      metricsPublic: options.metricsPublic,
      logLevel: options.logLevel,
      metricsRegistry: registry,
      guard: guard.plugin,
      coordination,
    });
    const url = await app.listen({ host: options.host, port: options.port });
    let closing: Promise<void> | undefined;
    return {
      url,
      app,
      store,
      agents,
      coordination,
      adminToken: agents.adminToken.token,
      adminTokenCreated: agents.adminToken.created,
      close: () => {
        closing ??= shutdown();
        return closing;
      },
    };
  } catch (error) {
    await shutdown();
    throw error;
  }
}

import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Registry } from 'prom-client';
import type { Agents } from '../agents/open-agents.js';
import type { Coordination } from '../coordination/open-coordination.js';
import type { EventStore } from '../events/store.js';
import { createMetricsRegistry } from '../metrics/registry.js';
import { registerSubscriptionLag } from '../metrics/subscription-lag.js';
import { agentsPlugin } from './plugins/agents.js';
import { authPlugin } from './plugins/auth.js';
import { blobsPlugin } from './plugins/blobs.js';
import { connectionDrainPlugin } from './plugins/connection-drain.js';
import { coordinationPlugin } from './plugins/coordination/index.js';
import { errorsPlugin } from './plugins/errors.js';
import { eventStreamPlugin } from './plugins/event-stream.js';
import { eventsPlugin } from './plugins/events.js';
import { type GuardPluginOptions, guardPlugin } from './plugins/guard.js';
import { healthPlugin } from './plugins/health.js';
import { hooksPlugin } from './plugins/hooks.js';
import { mcpPlugin } from './plugins/mcp.js';
import { metricsPlugin, requestTimingPlugin } from './plugins/metrics.js';
import { type ReadinessCheck, readyPlugin } from './plugins/ready.js';
import { validationPlugin } from './plugins/validation.js';
import { DEFAULT_HEARTBEAT_MS, LiveStreams } from './sse.js';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** Stream ids may be 200 characters; percent-encoding can triple that in the URL. */
const MAX_PARAM_LENGTH = 600;

export interface BuildAppOptions {
  store: EventStore;
  agents: Pick<Agents, 'service' | 'registry'>;
  bodyLimitBytes?: number;
  /** Serve /metrics without a token (default true). */
  metricsPublic?: boolean;
  logLevel?: string;
  /** The registry the store's append observer feeds; a fresh one when omitted. */
  metricsRegistry?: Registry;
  heartbeatMs?: number;
  /** Checks /ready adds to its own (store open, agent registry loaded). */
  readiness?: ReadinessCheck[];
  /** The guard and its audit: serves the Claude Code hooks and /v1/guard. */
  guard?: GuardPluginOptions;
  /** Presence, messages, questions, tasks, reviews and leases: serves their routes. */
  coordination?: Coordination;
}

/** The bridge's HTTP app, not yet listening. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { store, agents, coordination } = options;
  const registry = options.metricsRegistry ?? createMetricsRegistry();
  const streams = new LiveStreams();
  registerSubscriptionLag(registry, {
    headPosition: () => store.headPosition(),
    deliveredPositions: () => streams.deliveredPositions(),
  });

  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    // One log line per request would cost more than a guard decision; failures are logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  });
  await app.register(connectionDrainPlugin);
  await app.register(validationPlugin);
  await app.register(errorsPlugin);
  await app.register(requestTimingPlugin, { registry });
  await app.register(authPlugin, { authenticator: agents.service });
  await app.register(healthPlugin);
  await app.register(readyPlugin, {
    checks: [
      {
        name: 'store',
        // Any read succeeds while the store is open and fails once it is closed.
        ready: async () => {
          await store.headPosition();
          return true;
        },
      },
      { name: 'agents', ready: () => agents.registry.ready },
      ...(coordination ? [{ name: 'coordination', ready: () => coordination.ready }] : []),
      ...(options.readiness ?? []),
    ],
  });
  await app.register(metricsPlugin, { registry, isPublic: options.metricsPublic ?? true });
  await app.register(eventsPlugin, { store });
  await app.register(blobsPlugin, { store });
  await app.register(eventStreamPlugin, {
    store,
    streams,
    heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
  });
  await app.register(agentsPlugin, { agents: agents.service, presence: coordination?.presence });
  if (options.guard) {
    await app.register(hooksPlugin, { audit: options.guard.audit, digest: coordination?.digest });
    await app.register(guardPlugin, options.guard);
  }
  if (coordination) await app.register(coordinationPlugin, { coordination });
  if (coordination) {
    await app.register(mcpPlugin, {
      store,
      agents: agents.registry,
      coordination,
      guard: options.guard,
    });
  }
  return app;
}

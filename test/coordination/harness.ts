import { expect } from 'vitest';
import type { Principal } from '../../src/agents/principal.js';
import { AgentRegistry } from '../../src/agents/registry.js';
import { AgentService } from '../../src/agents/service.js';
import { BridgeError } from '../../src/events/errors.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/events/sqlite/sqlite-store.js';

export interface World {
  store: SqliteEventStore;
  registry: AgentRegistry;
  agentService: AgentService;
  close(): Promise<void>;
}

/** A real SQLite store in `dataDir` with the agent registry folded and following. */
export async function openWorld(dataDir: string): Promise<World> {
  const store = await openSqliteStore({ dataDir });
  const registry = new AgentRegistry(store);
  await registry.start();
  return {
    store,
    registry,
    agentService: new AgentService(store, registry),
    close: async () => {
      registry.stop();
      await store.close();
    },
  };
}

export interface AgentSpec {
  name: string;
  role: string;
  capabilities?: string[];
}

/** Registers agents and returns them as principals, by name. */
export async function registerAgents(
  world: World,
  specs: AgentSpec[],
): Promise<Record<string, Principal>> {
  const principals: Record<string, Principal> = {};
  for (const spec of specs) {
    const { agentId, name, role } = await world.agentService.register(spec);
    principals[name] = { agentId, name, role };
  }
  return principals;
}

/** Awaits a promise expected to fail with a BridgeError of `code`; returns the error. */
export async function refusal(promise: Promise<unknown>, code: string): Promise<BridgeError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BridgeError);
  expect((error as BridgeError).code).toBe(code);
  return error as BridgeError;
}

/** The outcomes of settled promises, counted by result or error code. */
export function tally(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const key =
      result.status === 'fulfilled'
        ? 'ok'
        : result.reason instanceof BridgeError
          ? result.reason.code
          : String(result.reason);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Waits for a condition the code under test brings about by itself (a timer, say). */
export async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`gave up waiting until ${what}`);
}

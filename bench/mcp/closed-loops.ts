import { runClosedLoop } from '../lib/closed-loop.js';
import { closedLoopRow, runBackToBack } from './back-to-back.js';
import { BRIDGE_STATUS } from './bench-tools.js';
import { McpClients } from './mcp-clients.js';
import { callFrom, clientsLabel, floorTarget, type McpLoad, targetFor } from './mcp-load.js';

const CLIENTS = "the clients' process";

/**
 * Each client calls back to back, for each client count: the floor first, then each tool
 * through the clients' 2025-11-25 sessions; then the read-only tool over the stateless
 * 2026-07-28 revision.
 */
export async function runClosedLoops(load: McpLoad): Promise<Record<string, unknown>> {
  const { report, plan } = load;
  report.section(
    `closed loop: each client calls back to back (${plan.windowMs} ms measured after ` +
      `${plan.warmupMs} ms warm-up), official v2 client, MCP 2025-11-25 sessions`,
  );
  const details: Record<string, unknown> = {};
  for (const { clients } of plan.loads) {
    const label = clientsLabel(clients);
    const floor = await runClosedLoop({
      ...floorTarget(load),
      warmupMs: plan.warmupMs,
      durationMs: plan.windowMs,
      connections: clients,
    });
    report.add(closedLoopRow(`floor: do-nothing server, ${label}`, floor));
    const tools: Record<string, unknown> = {};
    for (const tool of load.tools) {
      tools[tool.label] = await runBackToBack(load, {
        name: `${tool.label}, ${label}`,
        clients,
        call: callFrom(load, tool),
        caller: CLIENTS,
        target: targetFor(load, clients),
      });
    }
    details[label] = { floor, tools };
  }
  details.stateless = await runStateless(load);
  return details;
}

async function runStateless(load: McpLoad): Promise<unknown> {
  const clients = load.plan.statelessClients;
  const stateless = await McpClients.open(
    load.bridgeUrl,
    load.tokens.slice(0, clients),
    '2026-07-28',
  );
  try {
    await stateless.callEachOnce(BRIDGE_STATUS.call(0, 0));
    return await runBackToBack(load, {
      name: `${BRIDGE_STATUS.label}, ${clientsLabel(clients)}, stateless MCP 2026-07-28`,
      clients,
      call: (client, seq) => stateless.callTool(client, BRIDGE_STATUS.call(client, seq)),
      caller: CLIENTS,
    });
  } finally {
    await stateless.close();
  }
}

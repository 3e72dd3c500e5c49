import { openLoopRow, runOpenLoop } from '../lib/open-loop.js';
import { callFrom, clientsLabel, floorTarget, type McpLoad, targetFor } from './mcp-load.js';
import { openLoopCallsRow, runOpenLoopCalls } from './open-loop-calls.js';
import { cpuNote, meterCpuPerCall } from './process-cpu.js';

/**
 * Each client calls at a fixed rate, for each client count: the floor first, then each tool
 * through the clients' 2025-11-25 sessions, latency from when each call was due.
 */
export async function runOpenLoops(load: McpLoad): Promise<Record<string, unknown>> {
  const { report, plan } = load;
  report.section(
    `open loop: each client at a fixed rate (${plan.windowMs} ms measured after ` +
      `${plan.warmupMs} ms warm-up), official v2 client, MCP 2025-11-25 sessions`,
  );
  const details: Record<string, unknown> = {};
  const window = { warmupMs: plan.warmupMs, durationMs: plan.windowMs };
  for (const { clients, openLoopRatePerClient: rate } of plan.loads) {
    const label = `${clientsLabel(clients)} × ${rate}/s`;
    const floor = await runOpenLoop({
      ...floorTarget(load),
      ...window,
      agents: clients,
      ratePerAgent: rate,
      maxSendLagP99Us: plan.maxSendLagP99Us,
    });
    report.add(openLoopRow(`floor: do-nothing server, ${label}`, floor));
    const tools: Record<string, unknown> = {};
    for (const tool of load.tools) {
      const measured = await meterCpuPerCall(load.bridgePid, callFrom(load, tool), (call) =>
        runOpenLoopCalls({
          ...window,
          callers: clients,
          ratePerCaller: rate,
          timeoutMs: plan.timeoutMs,
          maxSendLagP99Us: plan.maxSendLagP99Us,
          call,
        }),
      );
      const row = openLoopCallsRow(
        `${tool.label}, ${label}`,
        measured.result,
        targetFor(load, clients),
      );
      const note = cpuNote(measured.cpu, 'bridge', "the clients' process");
      report.add({ ...row, notes: [...(row.notes ?? []), note] });
      tools[tool.label] = measured;
    }
    details[label] = { floor, tools };
  }
  return details;
}

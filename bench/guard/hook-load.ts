import type { BridgeProcess } from '../events/bridge-process.js';
import type { Cleanup } from '../events/cleanup.js';
import { formatMiB, residentBytes } from '../events/process-memory.js';
import { runClosedLoop, saturationRow } from '../lib/closed-loop.js';
import { spawnNoopServer } from '../lib/noop-server.js';
import { openLoopRow, runOpenLoop } from '../lib/open-loop.js';
import type { BenchReport } from '../lib/report.js';
import { registerAgents } from './agent-tokens.js';
import { hookMix } from './command-classes.js';
import { hookBody } from './hook-input.js';
import type { GuardBenchPlan } from './plan.js';

const PRE_TOOL_USE = '/v1/hooks/claude-code/pre-tool-use';
const WARMUP_CONNECTIONS = 16;

/**
 * The hook endpoint under open-loop load, each load beside the same load on a do-nothing server
 * in its own process; then the bridge's RSS and its saturation throughput. Every answer of the
 * bridge waits for the durable audit append of its decision.
 */
export async function runHookLoad(
  report: BenchReport,
  plan: GuardBenchPlan,
  cleanup: Cleanup,
  bridge: BridgeProcess,
  adminToken: string,
  projectRoot: string,
): Promise<Record<string, unknown>> {
  const maxAgents = Math.max(...plan.loads.map((load) => load.agents));
  const tokens = await registerAgents(bridge.url, adminToken, maxAgents, 'load-agent');
  const body = hookBody(hookMix(projectRoot), projectRoot);
  const bearer = (agent: number): Record<string, string> => ({
    authorization: `Bearer ${tokens[agent]}`,
  });
  const noop = await spawnNoopServer();
  cleanup.add(() => noop.close());

  const warmup = await runClosedLoop({
    connections: WARMUP_CONNECTIONS,
    durationMs: plan.bridgeWarmupMs,
    warmupMs: 0,
    body,
    headers: bearer,
    url: `${bridge.url}${PRE_TOOL_USE}`,
  });

  report.section(
    `hook endpoint over HTTP, open loop (${plan.httpWindowMs} ms measured after ${plan.httpWarmupMs} ms warm-up)`,
  );
  report.add({
    name: `bridge warmed up first: ${warmup.completed} hook calls in ${plan.bridgeWarmupMs / 1000} s, not measured`,
    notes: [
      `${WARMUP_CONNECTIONS} connections back to back, so the figures below are a running bridge's, not a cold start's`,
    ],
  });
  const details: Record<string, unknown> = { warmup };
  for (const { agents, ratePerAgent, p99MaxUs } of plan.loads) {
    const load = {
      agents,
      ratePerAgent,
      durationMs: plan.httpWindowMs,
      warmupMs: plan.httpWarmupMs,
      body,
      headers: bearer,
    };
    const label = `${agents} agents × ${ratePerAgent}/s`;
    const floor = await runOpenLoop({ ...load, url: `${noop.url}${PRE_TOOL_USE}` });
    report.add(openLoopRow(`floor: do-nothing server, ${label}`, floor));
    const hook = await runOpenLoop({ ...load, url: `${bridge.url}${PRE_TOOL_USE}` });
    report.add(openLoopRow(`pre-tool-use hook, ${label}`, hook, { p99MaxUs, maxErrors: 0 }));
    details[label] = { floor, hook };
  }
  const rssAfterLoad = residentBytes(bridge.pid);
  report.add({
    name: `bridge RSS after the ${maxAgents}-agent run: ${formatMiB(rssAfterLoad)}`,
    notes: ['VmRSS from /proc/<pid>/status'],
  });
  details.rssAfterLoadBytes = rssAfterLoad;

  report.section(
    `saturation: ${plan.saturationConnections} connections back to back, one agent token`,
  );
  const saturationLoad = {
    connections: plan.saturationConnections,
    durationMs: plan.saturationWindowMs,
    body,
    headers: () => bearer(0),
  };
  const floorSaturation = await runClosedLoop({
    ...saturationLoad,
    url: `${noop.url}${PRE_TOOL_USE}`,
  });
  report.add(saturationRow('floor: do-nothing server', floorSaturation));
  const hookSaturation = await runClosedLoop({
    ...saturationLoad,
    url: `${bridge.url}${PRE_TOOL_USE}`,
  });
  report.add(saturationRow('pre-tool-use hook', hookSaturation));
  details.saturation = { floor: floorSaturation, hook: hookSaturation };
  return details;
}

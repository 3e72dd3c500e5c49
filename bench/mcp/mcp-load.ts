import { counted } from '../events/context.js';
import type { LoadTarget } from '../lib/agent-connections.js';
import type { BenchReport, Target } from '../lib/report.js';
import { type BenchTool, jsonRpcBody } from './bench-tools.js';
import type { McpClients } from './mcp-clients.js';
import type { McpBenchPlan } from './plan.js';

/** What the measured sections share. */
export interface McpLoad {
  report: BenchReport;
  plan: McpBenchPlan;
  bridgeUrl: string;
  bridgePid: number;
  /** The do-nothing server in its own process. */
  noopUrl: string;
  /** One agent token per client, as many as the largest client count. */
  tokens: readonly string[];
  /** The 2025-11-25 clients, one session each, as many as the largest client count. */
  clients: McpClients;
  /** The read-only tool first, then the one that writes to the log. */
  tools: readonly BenchTool[];
}

export const SESSION_REVISION = '2025-11-25';

/**
 * The floor's requests: a POST to the do-nothing server with the headers a client sends in a
 * session and the JSON-RPC body of its call of the writing tool (the larger body of the two),
 * each client its own token.
 */
export function floorTarget(load: McpLoad): LoadTarget {
  const tool = load.tools.at(-1) as BenchTool;
  return {
    url: `${load.noopUrl}/mcp`,
    headers: (client) => ({
      authorization: `Bearer ${load.tokens[client]}`,
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': SESSION_REVISION,
      'mcp-session-id': load.clients.sessionId(client) ?? '',
    }),
    body: (client, seq) => jsonRpcBody(tool.call(client, seq), seq),
  };
}

/** The target applies to the tool rows with the target's client count. */
export function targetFor(load: McpLoad, clients: number): Target | undefined {
  return clients === load.plan.targetClients
    ? { p99MaxUs: load.plan.p99MaxUs, maxErrors: 0 }
    : undefined;
}

/** `1 client`, `100 clients`. */
export function clientsLabel(clients: number): string {
  return counted(clients, 'client');
}

/** Calls `tool` from a client through its session; a tool error rejects. */
export function callFrom(load: McpLoad, tool: BenchTool) {
  return (client: number, seq: number): Promise<void> =>
    load.clients.callTool(client, tool.call(client, seq));
}

import { parseBenchArgs } from '../lib/bench-cli.js';

/** One client count, and the rate at which each of its clients calls in the open-loop rows. */
export interface ClientLoad {
  clients: number;
  openLoopRatePerClient: number;
}

/** How big each part of the run is. */
export interface McpBenchPlan {
  quick: boolean;
  markdownFile: string | undefined;
  /** Each client its own agent and session; measured in this order. */
  loads: ClientLoad[];
  /** Clients of the stateless 2026-07-28 row. */
  statelessClients: number;
  warmupMs: number;
  windowMs: number;
  /** The generator's send lag P99 above which open-loop figures are void. */
  maxSendLagP99Us: number;
  /** How long answers still missing after an open loop may take. */
  timeoutMs: number;
  /** The target, judged on the tool rows with this many clients. */
  targetClients: number;
  p99MaxUs: number;
}

const FULL: Omit<McpBenchPlan, 'quick' | 'markdownFile'> = {
  loads: [
    { clients: 1, openLoopRatePerClient: 25 },
    // An agent calling a bridge tool every two seconds is a busy one.
    { clients: 100, openLoopRatePerClient: 0.5 },
  ],
  statelessClients: 1,
  warmupMs: 2_000,
  windowMs: 10_000,
  maxSendLagP99Us: 5_000,
  timeoutMs: 10_000,
  targetClients: 100,
  p99MaxUs: 10_000,
};

const QUICK: Omit<McpBenchPlan, 'quick' | 'markdownFile'> = {
  ...FULL,
  warmupMs: 1_000,
  windowMs: 3_000,
};

export const USAGE = `usage: npm run bench:mcp -- [--quick] [--markdown FILE]
  --quick           a smaller run (shorter windows); rows say so
  --markdown FILE   append the results as a markdown section to FILE`;

/** Reads the command line; anything unknown is refused with `invalid_input`. */
export function planFromArgs(args: readonly string[]): McpBenchPlan {
  const parsed = parseBenchArgs(args, USAGE);
  return { ...(parsed.quick ? QUICK : FULL), ...parsed };
}

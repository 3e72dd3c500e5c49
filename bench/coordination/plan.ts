import { parseBenchArgs } from '../lib/bench-cli.js';

/** How big each part of the run is. */
export interface CoordinationBenchPlan {
  quick: boolean;
  markdownFile: string | undefined;
  /** Lease tables the guard is measured against: leases held by other agents. */
  leaseCounts: number[];
  /** Measured decisions (or checks) per row, after `decideWarmup` unmeasured ones. */
  decideSamples: number;
  decideWarmup: number;
  fsyncSamples: number;
  /** Connected agents, each with its own feed, in the order they are measured (ascending). */
  agentCounts: number[];
  /** Agents sending the direct messages and asking the questions; they open no feed. */
  senders: number;
  /** Direct messages per second, from all senders together. */
  messagesPerSecond: number;
  broadcastsPerSecond: number;
  questionsPerSecond: number;
  warmupMs: number;
  windowMs: number;
  /** The generator's send lag P99 above which the figures are void. */
  maxSendLagP99Us: number;
  /** How long deliveries still missing after the last send may take. */
  drainMs: number;
}

const FULL: Omit<CoordinationBenchPlan, 'quick' | 'markdownFile'> = {
  leaseCounts: [0, 100, 1000],
  decideSamples: 20_000,
  decideWarmup: 5_000,
  fsyncSamples: 1000,
  agentCounts: [100, 1000],
  senders: 4,
  messagesPerSecond: 100,
  broadcastsPerSecond: 2,
  questionsPerSecond: 20,
  warmupMs: 2_000,
  windowMs: 10_000,
  maxSendLagP99Us: 5_000,
  drainMs: 5_000,
};

const QUICK: Omit<CoordinationBenchPlan, 'quick' | 'markdownFile'> = {
  ...FULL,
  decideSamples: 5_000,
  decideWarmup: 1_000,
  fsyncSamples: 300,
  warmupMs: 1_000,
  windowMs: 3_000,
};

export const USAGE = `usage: npm run bench:coordination -- [--quick] [--markdown FILE]
  --quick           a smaller run (fewer samples, shorter windows); rows say so
  --markdown FILE   append the results as a markdown section to FILE`;

/** Reads the command line; anything unknown is refused with `invalid_input`. */
export function planFromArgs(args: readonly string[]): CoordinationBenchPlan {
  const parsed = parseBenchArgs(args, USAGE);
  return { ...(parsed.quick ? QUICK : FULL), ...parsed };
}

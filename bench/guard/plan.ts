import { parseBenchArgs } from '../lib/bench-cli.js';

/** How big each part of the run is. */
export interface GuardBenchPlan {
  quick: boolean;
  markdownFile: string | undefined;
  /** Measured decisions per command class, after `decideWarmup` unmeasured ones. */
  decideSamples: number;
  decideWarmup: number;
  /** The open-loop loads on the hook endpoint and on the floor. */
  loads: Array<{ agents: number; ratePerAgent: number; p99MaxUs: number }>;
  /**
   * Calls the bridge answers back to back before anything is measured, as a bridge that has
   * been serving for a while has compiled its hot paths; the figures are the steady state.
   */
  bridgeWarmupMs: number;
  httpWarmupMs: number;
  httpWindowMs: number;
  saturationConnections: number;
  saturationWindowMs: number;
  hookProcessRuns: number;
  fallbackProcessRuns: number;
}

const FULL: Omit<GuardBenchPlan, 'quick' | 'markdownFile'> = {
  decideSamples: 20_000,
  decideWarmup: 5_000,
  loads: [
    { agents: 100, ratePerAgent: 20, p99MaxUs: 5_000 },
    { agents: 1000, ratePerAgent: 2, p99MaxUs: 25_000 },
  ],
  bridgeWarmupMs: 20_000,
  httpWarmupMs: 2_000,
  httpWindowMs: 10_000,
  saturationConnections: 64,
  saturationWindowMs: 5_000,
  hookProcessRuns: 20,
  fallbackProcessRuns: 5,
};

const QUICK: Omit<GuardBenchPlan, 'quick' | 'markdownFile'> = {
  ...FULL,
  decideSamples: 5_000,
  decideWarmup: 1_000,
  bridgeWarmupMs: 10_000,
  httpWarmupMs: 500,
  httpWindowMs: 2_000,
  saturationWindowMs: 1_500,
  hookProcessRuns: 5,
  fallbackProcessRuns: 2,
};

export const USAGE = `usage: npm run bench:guard -- [--quick] [--markdown FILE]
  --quick           a smaller run (fewer samples, shorter windows); rows say so
  --markdown FILE   append the results as a markdown section to FILE`;

/** Reads the command line; anything unknown is refused with `invalid_input`. */
export function planFromArgs(args: readonly string[]): GuardBenchPlan {
  const parsed = parseBenchArgs(args, USAGE);
  return { ...(parsed.quick ? QUICK : FULL), ...parsed };
}

import { parseBenchArgs } from '../lib/bench-cli.js';

/** How big each part of the run is. */
export interface EventsBenchPlan {
  quick: boolean;
  markdownFile: string | undefined;
  fsyncSamples: number;
  singleWriterSamples: number;
  writerCounts: number[];
  /** The row where the writers of `writers` share `streams` streams. */
  sharedStreams: { writers: number; streams: number };
  inProcessWarmupMs: number;
  inProcessWindowMs: number;
  httpWarmupMs: number;
  httpWindowMs: number;
  seedEvents: number;
  /** Samples per filtered page, unless its time budget runs out first. */
  readSamples: number;
  readBudgetMs: number;
  coldStartRuns: number;
  sseRatePerSecond: number;
  sseWarmupMs: number;
  sseWindowMs: number;
}

const FULL: Omit<EventsBenchPlan, 'quick' | 'markdownFile'> = {
  fsyncSamples: 1000,
  singleWriterSamples: 5000,
  writerCounts: [1, 8, 64, 256],
  sharedStreams: { writers: 64, streams: 4 },
  inProcessWarmupMs: 500,
  inProcessWindowMs: 3000,
  httpWarmupMs: 1000,
  httpWindowMs: 3000,
  seedEvents: 1_000_000,
  readSamples: 200,
  readBudgetMs: 1000,
  coldStartRuns: 5,
  sseRatePerSecond: 500,
  sseWarmupMs: 1000,
  sseWindowMs: 10_000,
};

const QUICK: Omit<EventsBenchPlan, 'quick' | 'markdownFile'> = {
  ...FULL,
  fsyncSamples: 300,
  singleWriterSamples: 1000,
  inProcessWarmupMs: 200,
  inProcessWindowMs: 1000,
  httpWarmupMs: 300,
  httpWindowMs: 1000,
  seedEvents: 100_000,
  readSamples: 50,
  readBudgetMs: 300,
  coldStartRuns: 3,
  sseWarmupMs: 500,
  sseWindowMs: 3000,
};

export const USAGE = `usage: npm run bench:events -- [--quick] [--markdown FILE]
  --quick           a smaller run (100k seeded events, shorter windows); rows say so
  --markdown FILE   append the results as a markdown section to FILE`;

/** Reads the command line; anything unknown is refused with `invalid_input`. */
export function planFromArgs(args: readonly string[]): EventsBenchPlan {
  const parsed = parseBenchArgs(args, USAGE);
  return { ...(parsed.quick ? QUICK : FULL), ...parsed };
}

import type { BenchReport, ResultRow, Target } from '../lib/report.js';
import type { LatencySummary } from '../lib/stats.js';
import type { Cleanup } from './cleanup.js';
import type { EventsBenchPlan } from './plan.js';

/** What every part of the run shares. */
export interface BenchContext {
  report: BenchReport;
  plan: EventsBenchPlan;
  cleanup: Cleanup;
  /** Extra figures for the BENCH_JSON line (seeding, query plans, memory). */
  details: Record<string, unknown>;
}

/** The targets of issue 2, section 7, and the page budget of the filtered reads. */
export const TARGETS = {
  singleAppend: { p99MaxUs: 1000 },
  writers64: { minPerSecond: 20_000, maxErrors: 0 },
  filteredPage: { p99MaxUs: 10_000 },
  coldStart: { p99MaxUs: 2_000_000 },
  sseDelivery: { p99MaxUs: 5000, maxErrors: 0 },
  rssMiB: 200,
} satisfies Record<string, Target | number>;

/** The fdatasync floor as a row, repeated beside the figures it bounds. */
export function fsyncFloorRow(floor: LatencySummary, where: string): ResultRow {
  return {
    name: 'floor: fdatasync of 512 B',
    latency: floor,
    notes: [`one write + fdatasync on the disk of ${where}, measured at the start of this run`],
  };
}

/** `1 writer`, `64 writers`. */
export function counted(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

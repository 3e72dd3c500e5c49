import { InvalidInputError } from '../../src/events/errors.js';

/**
 * Latency figures in microseconds. With no samples every figure is NaN (JSON: null), so an
 * empty run can never pass a target.
 */
export interface LatencySummary {
  count: number;
  minUs: number;
  p50Us: number;
  p95Us: number;
  p99Us: number;
  maxUs: number;
  meanUs: number;
}

/**
 * The nearest-rank percentile of samples sorted ascending: the smallest sample such that at
 * least p% of all samples are ≤ it, i.e. sorted[ceil(p/100 · n) − 1], and the minimum for p = 0.
 * Always one of the samples, never an interpolation. NaN when there are no samples.
 */
export function percentileOfSorted(sortedAscending: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) {
    throw new InvalidInputError(`percentile must be between 0 and 100, got ${p}`, { p });
  }
  const n = sortedAscending.length;
  if (n === 0) return Number.NaN;
  const exactRank = (p * n) / 100;
  // Absorb floating-point noise such as 99.9 · 1000 / 100 = 999.0000000000001.
  const rank = Math.max(1, Math.ceil(exactRank - 1e-9 * Math.max(1, exactRank)));
  return sortedAscending[rank - 1] as number;
}

/** Count, min, nearest-rank P50/P95/P99, max and mean of samples in microseconds. */
export function summarize(samplesUs: readonly number[]): LatencySummary {
  return summarizeSorted([...samplesUs].sort((a, b) => a - b));
}

function summarizeSorted(sorted: readonly number[]): LatencySummary {
  let sum = 0;
  for (const sample of sorted) sum += sample;
  const n = sorted.length;
  return {
    count: n,
    minUs: n === 0 ? Number.NaN : (sorted[0] as number),
    p50Us: percentileOfSorted(sorted, 50),
    p95Us: percentileOfSorted(sorted, 95),
    p99Us: percentileOfSorted(sorted, 99),
    maxUs: n === 0 ? Number.NaN : (sorted[n - 1] as number),
    meanUs: n === 0 ? Number.NaN : sum / n,
  };
}

/** Collects latency samples in microseconds; recording is a push, sorting waits for a query. */
export class LatencyRecorder {
  private readonly samplesUs: number[] = [];
  private sorted = true;

  recordUs(us: number): void {
    if (!Number.isFinite(us)) {
      throw new InvalidInputError(`a latency sample must be a finite number, got ${us}`);
    }
    this.samplesUs.push(us);
    this.sorted = false;
  }

  get count(): number {
    return this.samplesUs.length;
  }

  percentileUs(p: number): number {
    return percentileOfSorted(this.sortedSamples(), p);
  }

  summary(): LatencySummary {
    return summarizeSorted(this.sortedSamples());
  }

  private sortedSamples(): readonly number[] {
    if (!this.sorted) {
      this.samplesUs.sort((a, b) => a - b);
      this.sorted = true;
    }
    return this.samplesUs;
  }
}

/** Events per second given a count and the elapsed time in microseconds. */
export function ratePerSecond(count: number, elapsedUs: number): number {
  if (!(elapsedUs > 0)) {
    throw new InvalidInputError(`elapsed time must be > 0 µs, got ${elapsedUs}`, { elapsedUs });
  }
  return (count * 1_000_000) / elapsedUs;
}

/** A duration to three figures: `4.25 µs`, `212 µs`, `1.20 ms`, `3.40 s`; `n/a` when not a number. */
export function formatUs(us: number): string {
  if (!Number.isFinite(us)) return 'n/a';
  // Thresholds just under a unit's 1000 so that rounding never prints `1000 µs`.
  if (us < 999.5) return `${threeFigures(us)} µs`;
  if (us < 999_500) return `${threeFigures(us / 1000)} ms`;
  return `${threeFigures(us / 1_000_000)} s`;
}

function threeFigures(value: number): string {
  return value < 999.5 ? value.toPrecision(3) : value.toFixed(0);
}

/** A rate for people: `45,210/s`, `3.5/s`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return 'n/a';
  const digits = perSecond < 100 ? 1 : 0;
  return `${perSecond.toLocaleString('en-US', { maximumFractionDigits: digits })}/s`;
}

/** One line: `p50 212 µs  p95 301 µs  p99 402 µs  max 1.20 ms  mean 220 µs  (n=1000)`. */
export function formatLatency(summary: LatencySummary): string {
  if (summary.count === 0) return 'no samples';
  return [
    `p50 ${formatUs(summary.p50Us)}`,
    `p95 ${formatUs(summary.p95Us)}`,
    `p99 ${formatUs(summary.p99Us)}`,
    `max ${formatUs(summary.maxUs)}`,
    `mean ${formatUs(summary.meanUs)}`,
    `(n=${summary.count})`,
  ].join('  ');
}

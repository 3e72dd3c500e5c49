import type { LatencySummary } from '../lib/stats.js';

/**
 * What a step adds to an operation timed with and without it: each percentile (and the mean) of
 * the timings with the step minus the same figure without it. Min and max are NaN, since the
 * difference of two extremes says nothing; the count is that of the smaller sample.
 */
export function percentileDifference(
  withStep: LatencySummary,
  withoutStep: LatencySummary,
): LatencySummary {
  return {
    count: Math.min(withStep.count, withoutStep.count),
    minUs: Number.NaN,
    p50Us: withStep.p50Us - withoutStep.p50Us,
    p95Us: withStep.p95Us - withoutStep.p95Us,
    p99Us: withStep.p99Us - withoutStep.p99Us,
    maxUs: Number.NaN,
    meanUs: withStep.meanUs - withoutStep.meanUs,
  };
}

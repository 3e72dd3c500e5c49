import { describe, expect, it } from 'vitest';
import { timeCalls, timePaired } from '../../bench/coordination/micro-timer.js';
import { percentileDifference } from '../../bench/coordination/percentile-difference.js';
import type { LatencySummary } from '../../bench/lib/stats.js';

describe('timeCalls', () => {
  it('calls the operation warm-up plus samples times in order and keeps only the samples', () => {
    const seen: number[] = [];
    const summary = timeCalls((i) => seen.push(i), { warmup: 3, samples: 5 });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(summary.count).toBe(5);
    expect(summary.minUs).toBeGreaterThanOrEqual(0);
  });
});

describe('timePaired', () => {
  it('runs both variants on the same input, alternating which goes first', () => {
    const order: string[] = [];
    const { first, second } = timePaired(
      (i) => order.push(`a${i}`),
      (i) => order.push(`b${i}`),
      { warmup: 1, samples: 3 },
    );
    expect(order).toEqual(['a0', 'b0', 'b1', 'a1', 'a2', 'b2', 'b3', 'a3']);
    expect(first.count).toBe(3);
    expect(second.count).toBe(3);
  });
});

describe('percentileDifference', () => {
  const summary = (p50Us: number, p95Us: number, p99Us: number, meanUs: number, count = 10) =>
    ({ count, minUs: 1, p50Us, p95Us, p99Us, maxUs: 99, meanUs }) satisfies LatencySummary;

  it('subtracts each percentile and the mean; min and max have no meaning there', () => {
    const difference = percentileDifference(summary(7, 12, 30, 8), summary(5, 9, 20, 6, 8));
    expect(difference).toEqual({
      count: 8,
      minUs: Number.NaN,
      p50Us: 2,
      p95Us: 3,
      p99Us: 10,
      maxUs: Number.NaN,
      meanUs: 2,
    });
  });

  it('can come out negative when the variant with the step was faster by chance', () => {
    expect(percentileDifference(summary(5, 9, 18, 6), summary(5, 9, 20, 6)).p99Us).toBe(-2);
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatLatency,
  formatRate,
  formatUs,
  LatencyRecorder,
  percentileOfSorted,
  ratePerSecond,
  summarize,
} from '../../bench/lib/stats.js';

const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const oneToThousand = Array.from({ length: 1000 }, (_, i) => i + 1);

describe('percentileOfSorted (nearest rank)', () => {
  it.each([
    { samples: [42], p: 0, expected: 42 },
    { samples: [42], p: 50, expected: 42 },
    { samples: [42], p: 100, expected: 42 },
    { samples: oneToTen, p: 0, expected: 1 },
    { samples: oneToTen, p: 10, expected: 1 },
    { samples: oneToTen, p: 11, expected: 2 },
    { samples: oneToTen, p: 50, expected: 5 },
    { samples: oneToTen, p: 51, expected: 6 },
    { samples: oneToTen, p: 95, expected: 10 },
    { samples: oneToTen, p: 100, expected: 10 },
    { samples: [15, 20, 35, 40, 50], p: 30, expected: 20 },
    { samples: [15, 20, 35, 40, 50], p: 40, expected: 20 },
    { samples: [15, 20, 35, 40, 50], p: 50, expected: 35 },
    { samples: oneToThousand, p: 95, expected: 950 },
    { samples: oneToThousand, p: 99, expected: 990 },
    { samples: oneToThousand, p: 99.9, expected: 999 },
    { samples: oneToThousand, p: 99.95, expected: 1000 },
  ])('p$p of $samples.length samples is $expected', ({ samples, p, expected }) => {
    expect(percentileOfSorted(samples, p)).toBe(expected);
  });

  it('is NaN without samples', () => {
    expect(percentileOfSorted([], 99)).toBeNaN();
  });

  it.each([-1, 100.5, Number.NaN])('refuses percentile %s', (p) => {
    expect(() => percentileOfSorted(oneToTen, p)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

describe('summarize', () => {
  it('sorts a copy and reports every figure', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(summarize(samples)).toEqual({
      count: 5,
      minUs: 1,
      p50Us: 3,
      p95Us: 5,
      p99Us: 5,
      maxUs: 5,
      meanUs: 3,
    });
    expect(samples).toEqual([5, 1, 4, 2, 3]);
  });

  it('gives NaN figures without samples', () => {
    const summary = summarize([]);
    expect(summary.count).toBe(0);
    for (const value of [summary.minUs, summary.p99Us, summary.maxUs, summary.meanUs]) {
      expect(value).toBeNaN();
    }
  });
});

describe('LatencyRecorder', () => {
  it('answers percentiles over everything recorded so far', () => {
    const recorder = new LatencyRecorder();
    for (const us of [30, 10, 20]) recorder.recordUs(us);
    expect(recorder.percentileUs(50)).toBe(20);
    recorder.recordUs(5);
    expect(recorder.count).toBe(4);
    expect(recorder.summary()).toMatchObject({ minUs: 5, p50Us: 10, maxUs: 30, meanUs: 16.25 });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses sample %s', (us) => {
    const recorder = new LatencyRecorder();
    expect(() => recorder.recordUs(us)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(recorder.count).toBe(0);
  });
});

describe('formatting', () => {
  it.each([
    { us: 4.254, text: '4.25 µs' },
    { us: 212.4, text: '212 µs' },
    { us: 999.4, text: '999 µs' },
    { us: 999.6, text: '1.00 ms' },
    { us: 1204, text: '1.20 ms' },
    { us: 25_000, text: '25.0 ms' },
    { us: 3_400_000, text: '3.40 s' },
    { us: 2_000_000_000, text: '2000 s' },
    { us: Number.NaN, text: 'n/a' },
  ])('formatUs($us) is $text', ({ us, text }) => {
    expect(formatUs(us)).toBe(text);
  });

  it.each([
    { perSecond: 45_210.4, text: '45,210/s' },
    { perSecond: 3.46, text: '3.5/s' },
    { perSecond: Number.NaN, text: 'n/a' },
  ])('formatRate($perSecond) is $text', ({ perSecond, text }) => {
    expect(formatRate(perSecond)).toBe(text);
  });

  it('prints a summary on one line, and says when there is nothing', () => {
    expect(formatLatency(summarize([100, 200, 300]))).toBe(
      'p50 200 µs  p95 300 µs  p99 300 µs  max 300 µs  mean 200 µs  (n=3)',
    );
    expect(formatLatency(summarize([]))).toBe('no samples');
  });
});

describe('ratePerSecond', () => {
  it('divides by elapsed microseconds', () => {
    expect(ratePerSecond(500, 250_000)).toBe(2000);
  });

  it('refuses an empty interval', () => {
    expect(() => ratePerSecond(1, 0)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

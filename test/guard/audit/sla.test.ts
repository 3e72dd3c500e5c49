import { describe, expect, it } from 'vitest';
import { SlaTracker } from '../../../src/metrics/sla.js';

function trackerAt(options: { targetMs?: number; windowMs?: number; maxSamples?: number } = {}) {
  const clock = { now: 1_000_000 };
  const tracker = new SlaTracker({ ...options, now: () => clock.now });
  return { tracker, clock };
}

describe('SlaTracker', () => {
  it('has no figures before any sample', () => {
    const { tracker } = trackerAt();
    expect(tracker.snapshot()).toEqual({
      targetMs: 100,
      windowMs: 60_000,
      maxSamples: 10_000,
      samples: 0,
      p50Ms: null,
      p95Ms: null,
      p99Ms: null,
      withinTarget: null,
    });
  });

  it('gives nearest-rank percentiles and the share within the target', () => {
    const { tracker } = trackerAt({ targetMs: 90 });
    for (let ms = 1; ms <= 100; ms++) tracker.record(ms);
    expect(tracker.snapshot()).toMatchObject({
      samples: 100,
      p50Ms: 50,
      p95Ms: 95,
      p99Ms: 99,
      withinTarget: 0.9,
    });
  });

  it.each([
    ['the time window', { windowMs: 1000 }],
    ['the sample count', { maxSamples: 2 }],
  ])('counts only the newest samples, by %s', (_name, options) => {
    const { tracker, clock } = trackerAt(options);
    tracker.record(500);
    clock.now += 2000;
    tracker.record(5);
    tracker.record(7);
    expect(tracker.snapshot()).toMatchObject({ samples: 2, p50Ms: 5, p99Ms: 7, withinTarget: 1 });
  });

  it.each([
    [{ targetMs: 0 }, /targetMs/],
    [{ windowMs: -1 }, /windowMs/],
    [{ maxSamples: Number.NaN }, /maxSamples/],
  ])('refuses %o', (options, message) => {
    expect(() => new SlaTracker(options)).toThrow(message);
  });
});

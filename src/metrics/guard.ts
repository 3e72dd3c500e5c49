import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { SlaTracker } from './sla.js';

export interface GuardDecisionSample {
  verdict: string;
  /** From receiving the call to its audit event being durable: what the agent waits for. */
  seconds: number;
  cached: boolean;
}

const QUANTILES = [
  ['0.5', 'p50Ms'],
  ['0.95', 'p95Ms'],
  ['0.99', 'p99Ms'],
] as const;

/**
 * Guard decision metrics: a histogram by verdict fed per decision, and the SLA tracker's rolling
 * figures as gauges computed when scraped. Returns the function that records one decision.
 */
export function registerGuardMetrics(
  registry: Registry,
  sla: SlaTracker,
): (sample: GuardDecisionSample) => void {
  const duration = new Histogram({
    name: 'guard_decision_seconds',
    help: 'Time to answer a guarded tool call, audit event durable, by verdict',
    labelNames: ['verdict'],
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [registry],
  });
  const cacheHits = new Counter({
    name: 'guard_decision_cache_hits_total',
    help: 'Guard decisions answered from the decision cache',
    registers: [registry],
  });
  new Gauge({
    name: 'guard_decision_rolling_seconds',
    help: `Rolling percentiles of guard decision time over the last ${sla.windowMs / 1000} s (at most ${sla.maxSamples} decisions)`,
    labelNames: ['quantile'],
    registers: [registry],
    collect() {
      const snapshot = sla.snapshot();
      for (const [quantile, key] of QUANTILES) {
        const value = snapshot[key];
        this.set({ quantile }, value === null ? Number.NaN : value / 1000);
      }
    },
  });
  new Gauge({
    name: 'guard_decision_within_target_ratio',
    help: 'Share of the rolling window of guard decisions answered within the target time',
    registers: [registry],
    collect() {
      this.set(sla.snapshot().withinTarget ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'guard_decision_target_seconds',
    help: 'The guard decision time target',
    registers: [registry],
    collect() {
      this.set(sla.targetMs / 1000);
    },
  });
  return ({ verdict, seconds, cached }) => {
    duration.observe({ verdict }, seconds);
    if (cached) cacheHits.inc();
    sla.record(seconds * 1000);
  };
}

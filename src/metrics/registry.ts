import { collectDefaultMetrics, Registry } from 'prom-client';

/** A registry of its own per bridge instance (never prom-client's global one), with process metrics. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

import { Histogram, type Registry } from 'prom-client';
import type { AppendObserver } from '../events/store.js';

/** Feeds the append histograms from the store's group commits; pass it to the store when opening it. */
export function createAppendObserver(registry: Registry): AppendObserver {
  const duration = new Histogram({
    name: 'event_append_duration_seconds',
    help: 'Time to make one group commit durable: what every append in it waited for its write',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const batchEvents = new Histogram({
    name: 'event_append_batch_events',
    help: 'Events written by one group commit',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096],
    registers: [registry],
  });
  const batchAppends = new Histogram({
    name: 'event_append_batch_appends',
    help: 'Appends carried by one group commit',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers: [registry],
  });
  return {
    onCommit({ appends, events, seconds }) {
      if (appends === 0) return;
      duration.observe(seconds);
      batchEvents.observe(events);
      batchAppends.observe(appends);
    },
  };
}

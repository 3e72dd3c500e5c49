import { Gauge, type Registry } from 'prom-client';

export interface LiveSubscriptions {
  headPosition(): Promise<number>;
  /** Last position delivered by each live subscription. */
  deliveredPositions(): Iterable<number>;
}

/** Subscription gauges, computed when scraped. */
export function registerSubscriptionLag(registry: Registry, live: LiveSubscriptions): void {
  new Gauge({
    name: 'sse_subscriptions',
    help: 'Live SSE event subscriptions',
    registers: [registry],
    collect() {
      this.set([...live.deliveredPositions()].length);
    },
  });
  new Gauge({
    name: 'sse_subscription_lag_events',
    help: 'Largest head position minus last delivered position among live SSE subscriptions (a filtered subscription also counts events its filter skips)',
    registers: [registry],
    async collect() {
      const positions = [...live.deliveredPositions()];
      if (positions.length === 0) {
        this.set(0);
        return;
      }
      try {
        const head = await live.headPosition();
        this.set(Math.max(0, ...positions.map((position) => head - position)));
      } catch {
        // The store is closing: keep the last value.
      }
    },
  });
}

import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Watches how late this process's event loop runs while a load is measured: a generator whose
 * loop is late also reads its deliveries late. `stop()` gives the P50 and P99 delay in µs.
 */
export function watchEventLoopDelay(): { stop(): { p50Us: number; p99Us: number } } {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      return { p50Us: histogram.percentile(50) / 1000, p99Us: histogram.percentile(99) / 1000 };
    },
  };
}

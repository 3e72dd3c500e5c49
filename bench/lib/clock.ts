import { performance } from 'node:perf_hooks';

/** Monotonic time in microseconds, with sub-microsecond resolution. */
export function nowUs(): number {
  return performance.now() * 1000;
}

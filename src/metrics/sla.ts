export const DEFAULT_SLA_TARGET_MS = 100;
export const DEFAULT_SLA_WINDOW_MS = 60_000;
export const DEFAULT_SLA_MAX_SAMPLES = 10_000;

export interface SlaOptions {
  /** A sample at or under this many milliseconds meets the target. */
  targetMs?: number;
  /** Only samples younger than this count. */
  windowMs?: number;
  /** At most this many of the newest samples count. */
  maxSamples?: number;
  now?: () => number;
}

export interface SlaSnapshot {
  targetMs: number;
  windowMs: number;
  maxSamples: number;
  /** Samples in the window; the figures below are null when there are none. */
  samples: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Share of the samples at or under the target, from 0 to 1. */
  withinTarget: number | null;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got ${value}`);
  }
  return value;
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: Float64Array, share: number): number {
  const rank = Math.max(1, Math.ceil(share * sorted.length));
  return sorted[rank - 1] as number;
}

/**
 * Rolling latency figures over the newest samples: those of the last `windowMs`, at most
 * `maxSamples` of them. Samples live in a ring buffer, so recording is O(1) and allocation-free;
 * the percentiles are computed when asked for.
 */
export class SlaTracker {
  readonly targetMs: number;
  readonly windowMs: number;
  readonly maxSamples: number;
  private readonly now: () => number;
  private readonly times: Float64Array;
  private readonly durations: Float64Array;
  private next = 0;
  private size = 0;

  constructor(options: SlaOptions = {}) {
    this.targetMs = positive(options.targetMs ?? DEFAULT_SLA_TARGET_MS, 'targetMs');
    this.windowMs = positive(options.windowMs ?? DEFAULT_SLA_WINDOW_MS, 'windowMs');
    this.maxSamples = Math.floor(
      positive(options.maxSamples ?? DEFAULT_SLA_MAX_SAMPLES, 'maxSamples'),
    );
    this.now = options.now ?? Date.now;
    this.times = new Float64Array(this.maxSamples);
    this.durations = new Float64Array(this.maxSamples);
  }

  record(durationMs: number): void {
    this.times[this.next] = this.now();
    this.durations[this.next] = durationMs;
    this.next = (this.next + 1) % this.maxSamples;
    this.size = Math.min(this.size + 1, this.maxSamples);
  }

  snapshot(): SlaSnapshot {
    const recent = this.recentDurations().sort();
    const samples = recent.length;
    let within = 0;
    for (const duration of recent) if (duration <= this.targetMs) within++;
    return {
      targetMs: this.targetMs,
      windowMs: this.windowMs,
      maxSamples: this.maxSamples,
      samples,
      p50Ms: samples > 0 ? percentile(recent, 0.5) : null,
      p95Ms: samples > 0 ? percentile(recent, 0.95) : null,
      p99Ms: samples > 0 ? percentile(recent, 0.99) : null,
      withinTarget: samples > 0 ? within / samples : null,
    };
  }

  /** Newest first, stopping at the first sample older than the window. */
  private recentDurations(): Float64Array {
    const oldest = this.now() - this.windowMs;
    const out = new Float64Array(this.size);
    let count = 0;
    for (let step = 1; step <= this.size; step++) {
      const index = (this.next - step + this.maxSamples) % this.maxSamples;
      if ((this.times[index] as number) < oldest) break;
      out[count++] = this.durations[index] as number;
    }
    return out.subarray(0, count);
  }
}

import type { AppendObserver } from '../../src/events/store.js';
import { formatUs, LatencyRecorder } from '../lib/stats.js';

/** Watches the store's group commits, so a row can say how its appends were batched. */
export class CommitStats implements AppendObserver {
  private commitTimes = new LatencyRecorder();
  private appends = 0;

  onCommit(batch: { appends: number; events: number; seconds: number }): void {
    this.commitTimes.recordUs(batch.seconds * 1e6);
    this.appends += batch.appends;
  }

  reset(): void {
    this.commitTimes = new LatencyRecorder();
    this.appends = 0;
  }

  /** `412 group commits, 64.0 appends each on average, commit time p50 … p99 …` */
  describe(): string {
    const commits = this.commitTimes.count;
    if (commits === 0) return 'no group commits';
    const times = this.commitTimes.summary();
    return (
      `${commits} group commits (warm-up included), ${(this.appends / commits).toFixed(1)} ` +
      `appends each on average, time per commit p50 ${formatUs(times.p50Us)} p99 ${formatUs(times.p99Us)}`
    );
  }
}

import type { Clock } from './time.js';

/** Node refuses longer timer delays; a later deadline is reached in steps. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * Expires things at their deadlines: one timer per id, set as the read model folds each change.
 * Nothing is timed until `resume`, which takes over what the log held at start and expires what
 * is already overdue (after a restart, say). A timer that wakes early sleeps again for the rest;
 * timers never keep the process alive. An expiry that fails (the store closing, say) is left to
 * the next start, since deciders refuse anything past its deadline anyway.
 */
export class Deadlines {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private running = false;

  constructor(
    private readonly expire: (id: string) => Promise<void>,
    private readonly clock: Clock,
  ) {}

  /** Times `id` to expire at `deadline` (epoch ms), or stops timing it when null. */
  track(id: string, deadline: number | null): void {
    if (!this.running) return;
    this.clear(id);
    if (deadline === null) return;
    const delay = Math.min(Math.max(0, deadline - this.clock()), MAX_TIMER_DELAY_MS);
    const timer = setTimeout(() => {
      this.timers.delete(id);
      if (this.clock() < deadline) this.track(id, deadline);
      else this.expire(id).catch(() => undefined);
    }, delay);
    timer.unref();
    this.timers.set(id, timer);
  }

  /** Starts timing; resolves once everything already overdue has been expired. */
  async resume(items: Iterable<{ id: string; deadline: number | null }>): Promise<void> {
    this.running = true;
    const overdue: Promise<void>[] = [];
    const now = this.clock();
    for (const { id, deadline } of items) {
      if (deadline !== null && deadline <= now) overdue.push(this.expire(id));
      else this.track(id, deadline);
    }
    await Promise.all(overdue);
  }

  stop(): void {
    this.running = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private clear(id: string): void {
    const timer = this.timers.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(id);
  }
}

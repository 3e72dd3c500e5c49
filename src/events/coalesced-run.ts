/**
 * Runs an async task one at a time. Calls that arrive while it runs share a single follow-up
 * run, which starts after the current one and so sees whatever they were waiting for.
 */
export class CoalescedRun {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly task: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) {
      this.running = this.task().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.run();
      });
    return this.queued;
  }

  get busy(): boolean {
    return this.running !== null || this.queued !== null;
  }

  /** Resolves once nothing is running or queued, whatever the outcome. */
  async settled(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running)?.catch(() => undefined);
  }
}

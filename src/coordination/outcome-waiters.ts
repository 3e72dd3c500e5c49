/**
 * Callers waiting for something to be settled, by id: `wait` resolves when `notify(id)` is called
 * or after `waitMs`, or when `signal` aborts (the caller went away), whichever comes first.
 * Nothing polls; the read model notifies as it folds.
 */
export class OutcomeWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();

  wait(id: string, waitMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      let waiters = this.waiting.get(id);
      if (!waiters) {
        waiters = new Set();
        this.waiting.set(id, waiters);
      }
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        const current = this.waiting.get(id);
        current?.delete(done);
        if (current?.size === 0) this.waiting.delete(id);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      signal?.addEventListener('abort', done, { once: true });
      waiters.add(done);
    });
  }

  notify(id: string): void {
    const waiters = this.waiting.get(id);
    if (!waiters) return;
    for (const done of [...waiters]) done();
  }

  /** Resolves every waiter at once, as on shutdown. */
  releaseAll(): void {
    for (const id of [...this.waiting.keys()]) this.notify(id);
  }
}

import type { EventEnvelope, EventFilter, JsonValue } from '../events/envelope.js';
import type { EventStore, Subscription } from '../events/store.js';

/**
 * An in-memory view folded from the log. Unlike `ReadModel`, whose state is replaced by a pure
 * evolve on every event, a model here updates its indexes in place, which keeps a fold over
 * many items linear in the number of events.
 */
export interface ProjectionModel {
  /** Folds one more event in; called once per matching event, in log order. */
  apply(event: EventEnvelope): void;
  /** The folded state as JSON for a snapshot; later events must not change what it returned. */
  save(): JsonValue;
  /** Replaces the folded state with one that `save` returned. */
  load(state: JsonValue): void;
}

export interface ProjectionOptions {
  /** Names the snapshot. */
  name: string;
  /** Bump it whenever the model's fold or saved shape changes: older snapshots are then ignored. */
  version: number;
  filter: EventFilter;
  /** Save a snapshot after this many events since the last one (default 10 000) and on close. */
  snapshotEvery?: number;
}

const DEFAULT_SNAPSHOT_EVERY = 10_000;

/** Keeps a model current: latest snapshot, then the tail of the log, then live events. */
export class Projection {
  private subscription: Subscription | null = null;
  private following: Promise<void> = Promise.resolve();
  private applied = 0;
  private savedPosition = 0;
  private sinceSnapshot = 0;
  private caughtUp = false;
  private closed = false;
  private waiters: { position: number; resolve: () => void }[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly model: ProjectionModel,
    private readonly options: ProjectionOptions,
  ) {}

  /** Resolves once everything recorded so far has been folded in. */
  async start(): Promise<void> {
    const snapshot = await this.store.loadSnapshot(this.options.name);
    if (snapshot && snapshot.version === this.options.version) {
      this.model.load(snapshot.state);
      this.applied = snapshot.position;
      this.savedPosition = snapshot.position;
    }
    const subscription = this.store.subscribeToAll({ ...this.options.filter, after: this.applied });
    this.subscription = subscription;
    this.following = this.follow(subscription);
    await subscription.caughtUp;
    this.caughtUp = true;
  }

  get ready(): boolean {
    return this.caughtUp && !this.closed;
  }

  /** Position of the last event folded in (or of the snapshot it started from). */
  get position(): number {
    return this.applied;
  }

  /**
   * Resolves once the event at `position` has been folded in; it must match the filter (a
   * service waits for its own append this way, so what it returns reflects what it wrote).
   */
  waitFor(position: number): Promise<void> {
    if (this.applied >= position || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  /** Stops following the log and saves a final snapshot. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.subscription?.close();
    await this.following;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
    await this.saveSnapshot();
  }

  private async follow(subscription: Subscription): Promise<void> {
    for await (const event of subscription) {
      this.model.apply(event);
      this.applied = event.position;
      this.releaseWaiters();
      this.sinceSnapshot += 1;
      if (this.sinceSnapshot >= (this.options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY)) {
        await this.saveSnapshot();
      }
    }
  }

  private releaseWaiters(): void {
    if (this.waiters.length === 0) return;
    const waiting: { position: number; resolve: () => void }[] = [];
    for (const waiter of this.waiters) {
      if (waiter.position <= this.applied) waiter.resolve();
      else waiting.push(waiter);
    }
    this.waiters = waiting;
  }

  private async saveSnapshot(): Promise<void> {
    if (this.applied === this.savedPosition) return;
    this.sinceSnapshot = 0;
    this.savedPosition = this.applied;
    await this.store.saveSnapshot(this.options.name, {
      position: this.applied,
      version: this.options.version,
      state: this.model.save(),
    });
  }
}

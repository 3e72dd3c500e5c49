import type { EventEnvelope, EventFilter, JsonValue } from './envelope.js';
import type { EventStore } from './store.js';

export interface ReadModelDefinition<State extends JsonValue> {
  /** Names the snapshot; one read model, one name. */
  name: string;
  /** Bump it whenever `evolve` or the state's shape changes: older snapshots are then ignored. */
  version: number;
  initialState(): State;
  /** Pure, never mutating its input: the state after one more event. */
  evolve(state: State, event: EventEnvelope): State;
  filter?: EventFilter;
}

export interface ReadModelOptions {
  /** Save a snapshot after this many events since the last one (default 1000). */
  snapshotEvery?: number;
}

/** A fold of the log kept current: latest snapshot + replay of the tail, then live events. */
export class ReadModel<State extends JsonValue> {
  private current: State;
  private position: number;
  private sinceSnapshot = 0;
  private savedPosition: number;
  private readonly done: Promise<void>;

  private constructor(
    private readonly store: EventStore,
    private readonly definition: ReadModelDefinition<State>,
    start: { state: State; position: number },
    private readonly snapshotEvery: number,
    private readonly subscription = store.subscribeToAll({
      ...definition.filter,
      after: start.position,
    }),
  ) {
    this.current = start.state;
    this.position = start.position;
    this.savedPosition = start.position;
    this.done = this.follow();
  }

  static async start<State extends JsonValue>(
    store: EventStore,
    definition: ReadModelDefinition<State>,
    options: ReadModelOptions = {},
  ): Promise<ReadModel<State>> {
    const snapshot = await store.loadSnapshot(definition.name);
    const start =
      snapshot && snapshot.version === definition.version
        ? { state: snapshot.state as State, position: snapshot.position }
        : { state: definition.initialState(), position: 0 };
    const model = new ReadModel(store, definition, start, options.snapshotEvery ?? 1000);
    await model.subscription.caughtUp;
    return model;
  }

  get state(): State {
    return this.current;
  }

  /** Position of the last event folded in (or of the snapshot it started from). */
  get lastPosition(): number {
    return this.position;
  }

  /** Stops following the log and saves a final snapshot. */
  async close(): Promise<void> {
    this.subscription.close();
    await this.done;
    await this.saveSnapshot();
  }

  private async follow(): Promise<void> {
    for await (const event of this.subscription) {
      this.current = this.definition.evolve(this.current, event);
      this.position = event.position;
      this.sinceSnapshot += 1;
      if (this.sinceSnapshot >= this.snapshotEvery) await this.saveSnapshot();
    }
  }

  private async saveSnapshot(): Promise<void> {
    if (this.position === this.savedPosition) return;
    const at = { position: this.position, version: this.definition.version, state: this.current };
    this.sinceSnapshot = 0;
    this.savedPosition = at.position;
    await this.store.saveSnapshot(this.definition.name, at);
  }
}

import type { Decider, DomainEvent } from '../events/decider.js';
import type { EventEnvelope, JsonValue } from '../events/envelope.js';
import type { ProjectionModel } from './projection.js';

export interface StreamStatesOptions<State, Event extends DomainEvent> {
  /** Streams named `<prefix><id>` are folded, one state per id. */
  prefix: string;
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>;
  /** States that are still live (an open question, a pending review) are also kept apart. */
  isActive?: (state: State) => boolean;
  /** Hears of every state an event changed, as it is folded. */
  changed?: (id: string, state: State) => void;
}

/**
 * A read model made of the deciders' own states: each stream of a domain folded with the same
 * `evolve` that commands are decided on, so what a reader sees and what a command is checked
 * against never disagree.
 */
export class StreamStates<State, Event extends DomainEvent> implements ProjectionModel {
  private states = new Map<string, State>();
  private active = new Map<string, State>();

  constructor(private readonly options: StreamStatesOptions<State, Event>) {}

  get(id: string): State | undefined {
    return this.states.get(id);
  }

  /** Every state, in the order its stream began. */
  all(): IterableIterator<State> {
    return this.states.values();
  }

  /** The states `isActive` accepts, in the order their streams began. */
  live(): IterableIterator<State> {
    return this.active.values();
  }

  apply(event: EventEnvelope): void {
    const { prefix, decider, changed } = this.options;
    const id = event.streamId.slice(prefix.length);
    const before = this.states.get(id) ?? decider.initialState();
    const after = decider.evolve(before, { type: event.type, data: event.data } as Event);
    if (after === before) return;
    this.put(id, after);
    changed?.(id, after);
  }

  save(): JsonValue {
    return [...this.states] as unknown as JsonValue;
  }

  load(state: JsonValue): void {
    this.states = new Map();
    this.active = new Map();
    for (const [id, saved] of state as unknown as [string, State][]) this.put(id, saved);
  }

  private put(id: string, state: State): void {
    this.states.set(id, state);
    if (this.options.isActive?.(state)) this.active.set(id, state);
    else this.active.delete(id);
  }
}

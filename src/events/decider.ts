import type { JsonValue } from './envelope.js';

/** A domain event before it is recorded: a type and its data. */
export interface DomainEvent<Type extends string = string, Data extends JsonValue = JsonValue> {
  type: Type;
  data: Data;
}

/**
 * A domain as three pure functions: `decide` turns a command and the current state into events
 * (or throws a BridgeError), `evolve` folds one event into the state, `initialState` starts the fold.
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

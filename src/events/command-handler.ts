import type { Decider, DomainEvent } from './decider.js';
import type { AppendResult, EventEnvelope, EventMetadata } from './envelope.js';
import { WrongExpectedRevisionError } from './errors.js';
import type { EventStore } from './store.js';

const PAGE = 1000;

export interface HandledCommand<State, Event extends DomainEvent> {
  state: State;
  events: Event[];
  result: AppendResult | null;
}

async function loadStream<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<unknown, State, Event>,
): Promise<{ state: State; revision: number }> {
  let state = decider.initialState();
  let revision = -1;
  let from: number | null = 0;
  while (from !== null) {
    const page: { events: EventEnvelope[]; next: number | null } = await store.readStream(
      streamId,
      {
        fromRevision: from,
        limit: PAGE,
      },
    );
    for (const event of page.events) {
      state = decider.evolve(state, { type: event.type, data: event.data } as Event);
      revision = event.revision;
    }
    from = page.next;
  }
  return { state, revision };
}

/**
 * Reads a stream, decides, and appends the new events expecting the revision that was read.
 * A concurrent writer makes the append conflict; the command is then decided once more on fresh state.
 */
export async function handleCommand<Command, State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  metadata: EventMetadata = {},
): Promise<HandledCommand<State, Event>> {
  for (let attempt = 0; ; attempt++) {
    const { state, revision } = await loadStream(
      store,
      streamId,
      decider as Decider<unknown, State, Event>,
    );
    const events = decider.decide(command, state);
    if (events.length === 0) return { state, events, result: null };
    try {
      const result = await store.appendToStream(
        streamId,
        events.map((event) => ({ type: event.type, data: event.data, metadata })),
        { expectedRevision: revision < 0 ? 'no_stream' : revision },
      );
      return { state: events.reduce(decider.evolve, state), events, result };
    } catch (error) {
      if (attempt === 0 && error instanceof WrongExpectedRevisionError) continue;
      throw error;
    }
  }
}

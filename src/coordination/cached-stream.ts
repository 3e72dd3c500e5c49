import type { HandledCommand } from '../events/command-handler.js';
import type { Decider, DomainEvent } from '../events/decider.js';
import type { EventMetadata } from '../events/envelope.js';
import { WrongExpectedRevisionError } from '../events/errors.js';
import type { EventStore } from '../events/store.js';

const PAGE = 1000;
const DEFAULT_ATTEMPTS = 5;

/**
 * `handleCommand` for one busy stream whose history keeps growing: the folded state and its
 * revision stay in memory, so a command does not re-read the stream. Commands on this node run
 * one at a time, so they never conflict with each other; an append that conflicts anyway was
 * raced by another node sharing the store, and is decided again after reading what it wrote.
 */
export class CachedStream<Command, State, Event extends DomainEvent> {
  private state: State;
  private revision = -1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly streamId: string,
    private readonly decider: Decider<Command, State, Event>,
    private readonly attempts = DEFAULT_ATTEMPTS,
  ) {
    this.state = decider.initialState();
  }

  get current(): State {
    return this.state;
  }

  /** Reads what the stream gained since the state was last folded. */
  async refresh(): Promise<void> {
    for (;;) {
      const page = await this.store.readStream(this.streamId, {
        fromRevision: this.revision + 1,
        limit: PAGE,
      });
      for (const event of page.events) {
        this.state = this.decider.evolve(this.state, {
          type: event.type,
          data: event.data,
        } as Event);
        this.revision = event.revision;
      }
      if (page.next === null) return;
    }
  }

  /** Decides the command on the current state and appends the result, after any queued commands. */
  execute(command: Command, metadata: EventMetadata = {}): Promise<HandledCommand<State, Event>> {
    const run = this.queue.then(() => this.run(command, metadata));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(
    command: Command,
    metadata: EventMetadata,
  ): Promise<HandledCommand<State, Event>> {
    for (let attempt = 1; ; attempt++) {
      const events = this.decider.decide(command, this.state);
      if (events.length === 0) return { state: this.state, events, result: null };
      try {
        const result = await this.store.appendToStream(
          this.streamId,
          events.map((event) => ({ type: event.type, data: event.data, metadata })),
          { expectedRevision: this.revision < 0 ? 'no_stream' : this.revision },
        );
        this.state = events.reduce(this.decider.evolve, this.state);
        this.revision = result.nextRevision - 1;
        return { state: this.state, events, result };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= this.attempts) throw error;
        await this.refresh();
      }
    }
  }
}

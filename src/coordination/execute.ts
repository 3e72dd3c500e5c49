import { type HandledCommand, handleCommand } from '../events/command-handler.js';
import type { Decider, DomainEvent } from '../events/decider.js';
import { WrongExpectedRevisionError } from '../events/errors.js';
import type { EventStore } from '../events/store.js';
import type { Projection } from './projection.js';

/**
 * How often a command is decided afresh when its stream keeps changing under it (each
 * `handleCommand` already tries twice). A stream with several writers whose commands do not end
 * it (experts approving one review, say) can conflict more than once; deciding on fresh state
 * then gives each caller a real answer instead of a conflict.
 */
const ROUNDS = 4;

/**
 * Decides a command on its stream (read, decide, append expecting the revision read), then waits
 * until the service's read model has folded what was written, so the caller reads its own
 * write. `actor` is recorded as the events' agent; none for the bridge's own timers.
 */
export async function executeCommand<Command, State, Event extends DomainEvent>(
  store: EventStore,
  projection: Projection,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  actor: { agentId: string } | undefined,
): Promise<HandledCommand<State, Event>> {
  const metadata = actor ? { agentId: actor.agentId } : {};
  for (let round = 1; ; round++) {
    try {
      const handled = await handleCommand(store, streamId, decider, command, metadata);
      if (handled.result) await projection.waitFor(handled.result.position);
      return handled;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || round >= ROUNDS) throw error;
    }
  }
}

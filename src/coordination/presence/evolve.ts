import { epochOf } from '../time.js';
import type { PresenceEvent, PresenceStatus } from './events.js';

/** What the log says about one agent's presence: the last recorded status and heartbeat. */
export type PresenceState = { status: PresenceStatus; lastSeenAt: string | null };

export function initialPresenceState(): PresenceState {
  return { status: 'offline', lastSeenAt: null };
}

function later(recorded: string | null, candidate: string): string {
  return recorded !== null && epochOf(recorded) > epochOf(candidate) ? recorded : candidate;
}

export function evolvePresence(state: PresenceState, event: PresenceEvent): PresenceState {
  switch (event.type) {
    case 'PresenceChanged':
      return {
        status: event.data.status,
        lastSeenAt: later(state.lastSeenAt, event.data.lastSeenAt),
      };
    case 'PresenceRefreshed':
      return { ...state, lastSeenAt: later(state.lastSeenAt, event.data.lastSeenAt) };
    default:
      return state;
  }
}

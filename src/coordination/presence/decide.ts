import type { Decider } from '../../events/decider.js';
import { epochOf, isoAt } from '../time.js';
import type { PresenceEvent } from './events.js';
import { evolvePresence, initialPresenceState, type PresenceState } from './evolve.js';
import { type PresenceThresholds, presenceStatus } from './status.js';

/**
 * Records what heartbeats imply at `now`: a change of status at once, otherwise a newer heartbeat
 * only when the recorded one is at least `refreshEveryMs` older. Anything else writes nothing.
 */
export type PresenceCommand = {
  type: 'RecordPresence';
  agentId: string;
  name: string;
  /** The latest heartbeat this node has seen (epoch ms). */
  lastSeenAt: number;
  now: number;
  thresholds: PresenceThresholds;
  refreshEveryMs: number;
};

export function decidePresence(command: PresenceCommand, state: PresenceState): PresenceEvent[] {
  const recorded = state.lastSeenAt === null ? null : epochOf(state.lastSeenAt);
  const lastSeen = recorded === null ? command.lastSeenAt : Math.max(recorded, command.lastSeenAt);
  const status = presenceStatus(lastSeen, command.now, command.thresholds);
  const { agentId, name } = command;
  if (status !== state.status) {
    return [
      { type: 'PresenceChanged', data: { agentId, name, status, lastSeenAt: isoAt(lastSeen) } },
    ];
  }
  if (recorded !== null && lastSeen - recorded >= command.refreshEveryMs) {
    return [{ type: 'PresenceRefreshed', data: { agentId, lastSeenAt: isoAt(lastSeen) } }];
  }
  return [];
}

export const presenceDecider: Decider<PresenceCommand, PresenceState, PresenceEvent> = {
  decide: decidePresence,
  evolve: evolvePresence,
  initialState: initialPresenceState,
};

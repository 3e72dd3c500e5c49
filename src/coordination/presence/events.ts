import type { DomainEvent } from '../../events/decider.js';

/** One stream per agent: `$presence-<agentId>`. */
export const PRESENCE_STREAM_PREFIX = '$presence-';

export const PRESENCE_STATUSES = ['online', 'idle', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** The status derived from heartbeats changed; `lastSeenAt` is the heartbeat it was derived from. */
export type PresenceChanged = DomainEvent<
  'PresenceChanged',
  { agentId: string; name: string; status: PresenceStatus; lastSeenAt: string }
>;

/** A coarse record of a later heartbeat, so a restart knows roughly when the agent was last seen. */
export type PresenceRefreshed = DomainEvent<
  'PresenceRefreshed',
  { agentId: string; lastSeenAt: string }
>;

export type PresenceEvent = PresenceChanged | PresenceRefreshed;

export function presenceStreamId(agentId: string): string {
  return `${PRESENCE_STREAM_PREFIX}${agentId}`;
}

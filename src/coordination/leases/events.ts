import type { DomainEvent } from '../../events/decider.js';
import type { AgentRef } from '../actor.js';

/**
 * Every lease lives in this one stream. Whether two leases conflict depends on how their globs
 * overlap, which no per-path stream could see; one stream appended with its expected revision
 * makes every acquisition decide against all leases held at that moment, so of two agents
 * leasing the same path at once exactly one wins.
 */
export const LEASES_STREAM = '$leases';

export type LeaseAcquired = DomainEvent<
  'LeaseAcquired',
  {
    leaseId: string;
    holder: AgentRef;
    /** Normalized project-relative paths and globs. */
    paths: string[];
    exclusive: boolean;
    reason: string;
    ttlSeconds: number;
    acquiredAt: string;
    expiresAt: string;
  }
>;

export type LeaseRenewed = DomainEvent<
  'LeaseRenewed',
  { leaseId: string; expiresAt: string; renewedAt: string }
>;

export type LeaseReleased = DomainEvent<
  'LeaseReleased',
  { leaseId: string; by: AgentRef; releasedAt: string }
>;

export type LeaseForceReleased = DomainEvent<
  'LeaseForceReleased',
  { leaseId: string; by: AgentRef; reason: string; releasedAt: string }
>;

/** Written by a sweep some time after the lease ran out; it counted as gone from `expiresAt` on. */
export type LeaseExpired = DomainEvent<'LeaseExpired', { leaseId: string; expiredAt: string }>;

export type LeaseEvent =
  | LeaseAcquired
  | LeaseRenewed
  | LeaseReleased
  | LeaseForceReleased
  | LeaseExpired;

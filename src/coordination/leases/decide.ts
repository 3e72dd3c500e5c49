import type { Decider } from '../../events/decider.js';
import { type Actor, type AgentRef, refOf } from '../actor.js';
import { CoordinationError, invalidInput, notFound } from '../errors.js';
import { checkBoolean, checkOptionalText, checkSeconds } from '../fields.js';
import { epochOf, isoAt } from '../time.js';
import type { LeaseEvent } from './events.js';
import { evolveLeases, initialLeaseBook, type Lease, type LeaseBook } from './evolve.js';
import { compilePattern, normalizeLeasePattern, patternsOverlap } from './lease-paths.js';

export const MAX_LEASE_PATHS = 100;
export const DEFAULT_LEASE_TTL_SECONDS = 3600;
export const MAX_LEASE_TTL_SECONDS = 86_400;
export const MAX_LEASE_REASON_LENGTH = 2000;

export type LeaseCommand =
  | {
      type: 'Acquire';
      leaseId: string;
      holder: AgentRef;
      paths: string[];
      exclusive?: boolean;
      ttlSeconds?: number;
      reason?: string;
      /** Absolute root of the project, against which absolute paths are checked. */
      projectRoot: string;
      now: number;
    }
  /** Without `ttlSeconds` the lease gets its original time to live again. */
  | { type: 'Renew'; leaseId: string; agent: AgentRef; ttlSeconds?: number; now: number }
  | { type: 'Release'; leaseId: string; agent: AgentRef; now: number }
  /** `holderOffline`: whether presence says the holder is gone, which makes its lease stale. */
  | {
      type: 'ForceRelease';
      leaseId: string;
      actor: Actor;
      holderOffline: boolean;
      reason?: string;
      now: number;
    }
  | { type: 'ExpireLeases'; now: number };

export function isLive(lease: Lease, now: number): boolean {
  return now < epochOf(lease.expiresAt);
}

function checkPaths(paths: unknown, projectRoot: string): string[] {
  if (!Array.isArray(paths) || paths.length === 0 || paths.length > MAX_LEASE_PATHS) {
    throw invalidInput('paths', `paths must be a list of 1 to ${MAX_LEASE_PATHS} paths or globs`);
  }
  return [...new Set(paths.map((path) => normalizeLeasePattern(path, projectRoot)))];
}

/** Exclusive leases clash with any overlapping lease of another agent; shared ones only with exclusive ones. */
function findConflict(
  book: LeaseBook,
  holder: AgentRef,
  paths: string[],
  exclusive: boolean,
  now: number,
) {
  const wanted = paths.map(compilePattern);
  for (const lease of Object.values(book.leases)) {
    if (lease.holder.agentId === holder.agentId || !isLive(lease, now)) continue;
    if (!exclusive && !lease.exclusive) continue;
    for (const held of lease.paths.map(compilePattern)) {
      const clash = wanted.find((pattern) => patternsOverlap(pattern, held));
      if (clash) return { lease, path: clash.pattern, heldPath: held.pattern };
    }
  }
  return null;
}

function acquire(
  command: Extract<LeaseCommand, { type: 'Acquire' }>,
  book: LeaseBook,
): LeaseEvent[] {
  const paths = checkPaths(command.paths, command.projectRoot);
  const exclusive = checkBoolean(command.exclusive, 'exclusive', true);
  const ttlSeconds = checkSeconds(
    command.ttlSeconds,
    'ttlSeconds',
    MAX_LEASE_TTL_SECONDS,
    DEFAULT_LEASE_TTL_SECONDS,
  );
  const reason = checkOptionalText(command.reason, 'reason', MAX_LEASE_REASON_LENGTH);
  if (command.leaseId in book.leases) {
    throw new CoordinationError('already_exists', `lease ${command.leaseId} exists already`);
  }
  const conflict = findConflict(book, command.holder, paths, exclusive, command.now);
  if (conflict) {
    const { lease } = conflict;
    throw new CoordinationError(
      'lease_conflict',
      `${conflict.path} overlaps ${conflict.heldPath}, leased ${lease.exclusive ? 'exclusively' : 'shared'} by ${lease.holder.name} until ${lease.expiresAt}`,
      {
        leaseId: lease.leaseId,
        holder: lease.holder.name,
        paths: lease.paths,
        exclusive: lease.exclusive,
        expiresAt: lease.expiresAt,
      },
    );
  }
  return [
    {
      type: 'LeaseAcquired',
      data: {
        leaseId: command.leaseId,
        holder: command.holder,
        paths,
        exclusive,
        reason,
        ttlSeconds,
        acquiredAt: isoAt(command.now),
        expiresAt: isoAt(command.now + Math.round(ttlSeconds * 1000)),
      },
    },
  ];
}

function heldLease(book: LeaseBook, leaseId: string, agent: AgentRef): Lease {
  const lease = book.leases[leaseId];
  if (!lease) throw notFound('lease', leaseId);
  if (lease.holder.agentId !== agent.agentId) {
    throw new CoordinationError(
      'not_holder',
      `lease ${leaseId} is held by ${lease.holder.name}, not ${agent.name}`,
    );
  }
  return lease;
}

export function decideLeases(command: LeaseCommand, book: LeaseBook): LeaseEvent[] {
  const at = isoAt(command.now);
  switch (command.type) {
    case 'Acquire':
      return acquire(command, book);
    case 'Renew': {
      const lease = heldLease(book, command.leaseId, command.agent);
      const ttlSeconds = checkSeconds(
        command.ttlSeconds,
        'ttlSeconds',
        MAX_LEASE_TTL_SECONDS,
        lease.ttlSeconds,
      );
      if (!isLive(lease, command.now)) {
        throw new CoordinationError(
          'expired',
          `lease ${lease.leaseId} ran out at ${lease.expiresAt}; lease the paths again`,
        );
      }
      const expiresAt = isoAt(command.now + Math.round(ttlSeconds * 1000));
      return [{ type: 'LeaseRenewed', data: { leaseId: lease.leaseId, expiresAt, renewedAt: at } }];
    }
    case 'Release': {
      const lease = heldLease(book, command.leaseId, command.agent);
      return [
        {
          type: 'LeaseReleased',
          data: { leaseId: lease.leaseId, by: command.agent, releasedAt: at },
        },
      ];
    }
    case 'ForceRelease': {
      const lease = book.leases[command.leaseId];
      if (!lease) throw notFound('lease', command.leaseId);
      const { actor } = command;
      const allowed =
        actor.role === 'admin' ||
        actor.agentId === lease.holder.agentId ||
        command.holderOffline ||
        !isLive(lease, command.now);
      if (!allowed) {
        throw new CoordinationError(
          'forbidden',
          `lease ${lease.leaseId} is held by ${lease.holder.name}, who is present, until ${lease.expiresAt}; only an admin may force-release it before then`,
        );
      }
      const reason = checkOptionalText(command.reason, 'reason', MAX_LEASE_REASON_LENGTH);
      return [
        {
          type: 'LeaseForceReleased',
          data: { leaseId: lease.leaseId, by: refOf(actor), reason, releasedAt: at },
        },
      ];
    }
    case 'ExpireLeases':
      return Object.values(book.leases)
        .filter((lease) => !isLive(lease, command.now))
        .map((lease) => ({
          type: 'LeaseExpired',
          data: { leaseId: lease.leaseId, expiredAt: at },
        }));
  }
}

export const leaseDecider: Decider<LeaseCommand, LeaseBook, LeaseEvent> = {
  decide: decideLeases,
  evolve: evolveLeases,
  initialState: initialLeaseBook,
};

import type { EventEnvelope, JsonValue } from '../../events/envelope.js';
import type { ProjectionModel } from '../projection.js';
import { epochOf } from '../time.js';
import type { LeaseEvent } from './events.js';
import type { Lease } from './evolve.js';
import { type CompiledPattern, compilePattern } from './lease-paths.js';

interface HeldLease {
  lease: Lease;
  expiresAtMs: number;
}

interface HeldGlob {
  held: HeldLease;
  pattern: CompiledPattern;
}

/**
 * The leases in force, indexed for the guard, which asks on every write. Literal patterns are
 * found by looking up the path and each of its ancestors; globs are filed under their literal
 * base, so only globs whose base is an ancestor of the path are tried, each compiled once.
 * Leases that ran out by the clock count as gone before their `LeaseExpired` is written.
 */
export class LeaseTable implements ProjectionModel {
  private byId = new Map<string, HeldLease>();
  private literals = new Map<string, HeldLease[]>();
  private globs = new Map<string, HeldGlob[]>();

  /**
   * The exclusive lease of another agent that covers a normalized project path, or null. The
   * answer is the lease as recorded (holder, paths, expiry), allocated once when it was folded.
   */
  check(path: string, agentId: string, now: number): Lease | null {
    const atRoot = this.matchGlobs(this.globs.get(''), path, agentId, now);
    if (atRoot) return atRoot;
    for (let end = path.indexOf('/'); ; end = path.indexOf('/', end + 1)) {
      const prefix = end === -1 ? path : path.slice(0, end);
      const literal = this.matchLiterals(this.literals.get(prefix), agentId, now);
      if (literal) return literal;
      const glob = this.matchGlobs(this.globs.get(prefix), path, agentId, now);
      if (glob) return glob;
      if (end === -1) return null;
    }
  }

  get(leaseId: string): Lease | undefined {
    return this.byId.get(leaseId)?.lease;
  }

  /** Leases in force at `now`, oldest first. */
  live(now: number): Lease[] {
    const leases: Lease[] = [];
    for (const held of this.byId.values()) if (held.expiresAtMs > now) leases.push(held.lease);
    return leases;
  }

  /** Whether some lease has run out by the clock but has not been recorded as expired. */
  hasLapsed(now: number): boolean {
    for (const held of this.byId.values()) if (held.expiresAtMs <= now) return true;
    return false;
  }

  apply(event: EventEnvelope): void {
    const typed = { type: event.type, data: event.data } as LeaseEvent;
    switch (typed.type) {
      case 'LeaseAcquired':
        this.add(typed.data);
        return;
      case 'LeaseRenewed': {
        const held = this.byId.get(typed.data.leaseId);
        if (!held) return;
        held.lease = { ...held.lease, expiresAt: typed.data.expiresAt };
        held.expiresAtMs = epochOf(typed.data.expiresAt);
        return;
      }
      case 'LeaseReleased':
      case 'LeaseForceReleased':
      case 'LeaseExpired':
        this.remove(typed.data.leaseId);
        return;
    }
  }

  save(): JsonValue {
    return [...this.byId.values()].map((held) => held.lease);
  }

  load(state: JsonValue): void {
    this.byId = new Map();
    this.literals = new Map();
    this.globs = new Map();
    for (const lease of state as Lease[]) this.add(lease);
  }

  private matchLiterals(
    candidates: HeldLease[] | undefined,
    agentId: string,
    now: number,
  ): Lease | null {
    if (candidates === undefined) return null;
    for (const held of candidates) {
      if (held.lease.exclusive && held.expiresAtMs > now && held.lease.holder.agentId !== agentId) {
        return held.lease;
      }
    }
    return null;
  }

  private matchGlobs(
    candidates: HeldGlob[] | undefined,
    path: string,
    agentId: string,
    now: number,
  ): Lease | null {
    if (candidates === undefined) return null;
    for (const { held, pattern } of candidates) {
      if (
        held.lease.exclusive &&
        held.expiresAtMs > now &&
        held.lease.holder.agentId !== agentId &&
        pattern.regex.test(path)
      ) {
        return held.lease;
      }
    }
    return null;
  }

  private add(lease: Lease): void {
    const held: HeldLease = { lease, expiresAtMs: epochOf(lease.expiresAt) };
    this.byId.set(lease.leaseId, held);
    for (const pattern of lease.paths.map(compilePattern)) {
      if (pattern.literal) file(this.literals, pattern.pattern, held);
      else file(this.globs, pattern.base, { held, pattern });
    }
  }

  private remove(leaseId: string): void {
    const held = this.byId.get(leaseId);
    if (!held) return;
    this.byId.delete(leaseId);
    for (const pattern of held.lease.paths.map(compilePattern)) {
      if (pattern.literal) unfile(this.literals, pattern.pattern, (entry) => entry === held);
      else unfile(this.globs, pattern.base, (entry) => entry.held === held);
    }
  }
}

function file<T>(index: Map<string, T[]>, key: string, entry: T): void {
  const entries = index.get(key);
  if (entries) entries.push(entry);
  else index.set(key, [entry]);
}

function unfile<T>(index: Map<string, T[]>, key: string, isEntry: (entry: T) => boolean): void {
  const remaining = (index.get(key) ?? []).filter((entry) => !isEntry(entry));
  if (remaining.length === 0) index.delete(key);
  else index.set(key, remaining);
}

import type { Principal } from '../../agents/principal.js';
import type { EventStore } from '../../events/store.js';
import { uuidv7 } from '../../events/uuid.js';
import { actorOf, refOf } from '../actor.js';
import type { AgentDirectory } from '../addresses.js';
import { CachedStream } from '../cached-stream.js';
import { notFound } from '../errors.js';
import { Projection } from '../projection.js';
import { type Clock, systemClock } from '../time.js';
import { type LeaseCommand, leaseDecider } from './decide.js';
import {
  LEASES_STREAM,
  type LeaseEvent,
  type LeaseForceReleased,
  type LeaseReleased,
} from './events.js';
import type { Lease, LeaseBook } from './evolve.js';
import { toProjectPath } from './lease-paths.js';
import { LeaseTable } from './lease-table.js';

export interface AcquireLeaseInput {
  /** Project-relative (or absolute, inside the project) paths and globs. */
  paths: string[];
  /** Default true. */
  exclusive?: boolean;
  /** Default 1 h, at most 24 h; fractions of a second are allowed. */
  ttlSeconds?: number;
  reason?: string;
}

export interface LeaseServiceOptions {
  /** Absolute root of the project the paths belong to. */
  projectRoot: string;
  /** How often leases that ran out are recorded as expired (default 30 s). */
  sweepIntervalMs?: number;
  /** Whether the agent is gone by its presence; anyone may force-release the lease of a gone agent. */
  isOffline?: (agentId: string) => boolean;
  clock?: Clock;
}

const DEFAULT_SWEEP_INTERVAL_MS = 30_000;

/** Advisory file leases: commands through the one `$leases` stream, checks against `LeaseTable`. */
export class LeaseService {
  readonly table = new LeaseTable();
  private readonly projection: Projection;
  private readonly stream: CachedStream<LeaseCommand, LeaseBook, LeaseEvent>;
  private readonly clock: Clock;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    store: EventStore,
    private readonly agents: AgentDirectory,
    private readonly options: LeaseServiceOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.stream = new CachedStream(store, LEASES_STREAM, leaseDecider);
    this.projection = new Projection(store, this.table, {
      name: 'coordination.leases',
      version: 1,
      filter: { streamPrefix: LEASES_STREAM },
    });
  }

  async start(): Promise<void> {
    await this.stream.refresh();
    await this.projection.start();
    this.sweeper = setInterval(() => {
      // A failed sweep (the store closing, say) is simply tried again at the next interval.
      this.sweep().catch(() => undefined);
    }, this.options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  get ready(): boolean {
    return this.projection.ready;
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await this.projection.close();
  }

  /** Leases the paths, or refuses with `lease_conflict` naming the holder in the way. */
  async acquire(principal: Principal, input: AcquireLeaseInput): Promise<Lease> {
    const leaseId = uuidv7();
    await this.execute(principal, {
      type: 'Acquire',
      leaseId,
      holder: refOf(principal),
      paths: input.paths,
      exclusive: input.exclusive,
      ttlSeconds: input.ttlSeconds,
      reason: input.reason,
      projectRoot: this.options.projectRoot,
      now: this.clock(),
    });
    return this.get(leaseId);
  }

  async renew(principal: Principal, leaseId: string, ttlSeconds?: number): Promise<Lease> {
    const id = leaseId.toLowerCase();
    await this.execute(principal, {
      type: 'Renew',
      leaseId: id,
      agent: refOf(principal),
      ttlSeconds,
      now: this.clock(),
    });
    return this.get(id);
  }

  /** The release as recorded. */
  async release(principal: Principal, leaseId: string): Promise<LeaseReleased['data']> {
    const [released] = await this.execute(principal, {
      type: 'Release',
      leaseId: leaseId.toLowerCase(),
      agent: refOf(principal),
      now: this.clock(),
    });
    return released?.data as LeaseReleased['data'];
  }

  /** Allowed to an admin, the holder, and anyone once the lease ran out or its holder is offline. */
  async forceRelease(
    principal: Principal,
    leaseId: string,
    reason?: string,
  ): Promise<LeaseForceReleased['data']> {
    const id = leaseId.toLowerCase();
    const holder = this.stream.current.leases[id]?.holder;
    const [released] = await this.execute(principal, {
      type: 'ForceRelease',
      leaseId: id,
      actor: actorOf(principal, this.agents),
      holderOffline: holder !== undefined && (this.options.isOffline?.(holder.agentId) ?? false),
      reason,
      now: this.clock(),
    });
    return released?.data as LeaseForceReleased['data'];
  }

  get(leaseId: string): Lease {
    const lease = this.table.get(leaseId.toLowerCase());
    if (!lease) throw notFound('lease', leaseId);
    return lease;
  }

  /** Leases in force, oldest first; only one holder's when `holder` gives its agent id or name. */
  list(filter: { holder?: string } = {}): Lease[] {
    const live = this.table.live(this.clock());
    const { holder } = filter;
    return holder === undefined
      ? live
      : live.filter((lease) => lease.holder.agentId === holder || lease.holder.name === holder);
  }

  /**
   * The exclusive lease of another agent covering a path (absolute, or relative to the project
   * root), or null; paths outside the project are never leased.
   */
  check(path: string, agentId: string): Lease | null {
    const relative = toProjectPath(path, this.options.projectRoot);
    if (relative === null || relative === '') return null;
    return this.table.check(relative, agentId, this.clock());
  }

  /** Records the leases that ran out as expired. */
  async sweep(): Promise<void> {
    if (!this.table.hasLapsed(this.clock())) return;
    await this.execute(undefined, { type: 'ExpireLeases', now: this.clock() });
  }

  private async execute(
    actor: { agentId: string } | undefined,
    command: LeaseCommand,
  ): Promise<LeaseEvent[]> {
    const { events, result } = await this.stream.execute(
      command,
      actor ? { agentId: actor.agentId } : {},
    );
    if (result) await this.projection.waitFor(result.position);
    return events;
  }
}

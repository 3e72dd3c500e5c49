import { AgentNotFoundError } from '../../agents/errors.js';
import type { RegisteredAgent } from '../../agents/evolve.js';
import type { Principal, Role } from '../../agents/principal.js';
import type { EventStore } from '../../events/store.js';
import type { AgentDirectory } from '../addresses.js';
import { executeCommand } from '../execute.js';
import { Projection } from '../projection.js';
import { StreamStates } from '../stream-states.js';
import { type Clock, epochOf, isoAt, systemClock } from '../time.js';
import { decidePresence, type PresenceCommand, presenceDecider } from './decide.js';
import {
  PRESENCE_STREAM_PREFIX,
  type PresenceEvent,
  type PresenceStatus,
  presenceStreamId,
} from './events.js';
import { initialPresenceState, type PresenceState } from './evolve.js';
import {
  checkThresholds,
  DEFAULT_PRESENCE_THRESHOLDS,
  type PresenceThresholds,
  presenceStatus,
} from './status.js';

export interface PresenceOptions {
  thresholds?: Partial<PresenceThresholds>;
  /** While the status stays the same, record a newer heartbeat at most this often (default 15 min). */
  refreshEveryMs?: number;
  /** How often status changes that happen by silence (online → idle → offline) are recorded (default 10 s). */
  sweepIntervalMs?: number;
  clock?: Clock;
}

export interface PresenceView {
  agentId: string;
  status: PresenceStatus;
  lastSeenAt: string | null;
}

export interface DirectoryEntry extends PresenceView {
  name: string;
  role: Role;
  capabilities: string[];
  description: string;
}

const DEFAULT_REFRESH_EVERY_MS = 15 * 60_000;
const DEFAULT_SWEEP_INTERVAL_MS = 10_000;

/**
 * Presence from heartbeats. The precise time of each agent's last heartbeat lives in memory; the
 * log gets an event only when the derived status changes, or a coarse refresh, so frequent
 * heartbeats cost no writes.
 */
export class PresenceService {
  private readonly model = new StreamStates<PresenceState, PresenceEvent>({
    prefix: PRESENCE_STREAM_PREFIX,
    decider: presenceDecider,
  });
  private readonly projection: Projection;
  private readonly lastSeen = new Map<string, number>();
  private readonly writing = new Map<string, Promise<void>>();
  private readonly thresholds: PresenceThresholds;
  private readonly refreshEveryMs: number;
  private readonly clock: Clock;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly agents: AgentDirectory,
    private readonly options: PresenceOptions = {},
  ) {
    this.thresholds = checkThresholds({ ...DEFAULT_PRESENCE_THRESHOLDS, ...options.thresholds });
    this.refreshEveryMs = options.refreshEveryMs ?? DEFAULT_REFRESH_EVERY_MS;
    this.clock = options.clock ?? systemClock;
    this.projection = new Projection(store, this.model, {
      name: 'coordination.presence',
      version: 1,
      filter: { streamPrefix: PRESENCE_STREAM_PREFIX },
    });
  }

  async start(): Promise<void> {
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

  /** Notes a heartbeat; an agent coming online is recorded before this resolves. */
  async heartbeat(principal: Principal): Promise<PresenceView> {
    const agent = this.agents.find(principal.agentId);
    if (!agent || agent.agentId !== principal.agentId) {
      throw new AgentNotFoundError(principal.agentId);
    }
    const now = this.clock();
    this.lastSeen.set(agent.agentId, Math.max(now, this.lastSeen.get(agent.agentId) ?? 0));
    if (this.recorded(agent.agentId).status !== 'online') await this.record(agent, now);
    return this.statusOf(agent.agentId);
  }

  statusOf(agentId: string): PresenceView {
    const lastSeen = this.lastSeenOf(agentId);
    return {
      agentId,
      status: presenceStatus(lastSeen, this.clock(), this.thresholds),
      lastSeenAt: lastSeen === null ? null : isoAt(lastSeen),
    };
  }

  /** Every registered agent with its presence. */
  directory(): DirectoryEntry[] {
    return this.agents.list().map((agent) => this.entryOf(agent));
  }

  /** One registered agent with its presence. */
  entry(agentId: string): DirectoryEntry {
    const agent = this.agents.find(agentId);
    if (!agent || agent.agentId !== agentId) throw new AgentNotFoundError(agentId);
    return this.entryOf(agent);
  }

  private entryOf(agent: RegisteredAgent): DirectoryEntry {
    const { agentId, name, role, capabilities, description } = agent;
    return { ...this.statusOf(agentId), name, role, capabilities, description };
  }

  /** Records what silence has changed since the last sweep, and coarse refreshes. */
  async sweep(): Promise<void> {
    const now = this.clock();
    await Promise.all(this.agents.list().map((agent) => this.record(agent, now)));
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await Promise.allSettled(this.writing.values());
    await this.projection.close();
  }

  private recorded(agentId: string): PresenceState {
    return this.model.get(agentId) ?? initialPresenceState();
  }

  private lastSeenOf(agentId: string): number | null {
    const recorded = this.recorded(agentId).lastSeenAt;
    const inMemory = this.lastSeen.get(agentId);
    if (recorded === null) return inMemory ?? null;
    return Math.max(epochOf(recorded), inMemory ?? 0);
  }

  /** Writes when the decider, run first on the state in memory, would write; one write per agent at a time. */
  private record(agent: { agentId: string; name: string }, now: number): Promise<void> {
    const lastSeenAt = this.lastSeenOf(agent.agentId);
    if (lastSeenAt === null) return Promise.resolve();
    const command: PresenceCommand = {
      type: 'RecordPresence',
      agentId: agent.agentId,
      name: agent.name,
      lastSeenAt,
      now,
      thresholds: this.thresholds,
      refreshEveryMs: this.refreshEveryMs,
    };
    if (decidePresence(command, this.recorded(agent.agentId)).length === 0) {
      return Promise.resolve();
    }
    const inFlight = this.writing.get(agent.agentId);
    if (inFlight) return inFlight;
    const write = executeCommand(
      this.store,
      this.projection,
      presenceStreamId(agent.agentId),
      presenceDecider,
      command,
      agent,
    )
      .then(() => undefined)
      .finally(() => this.writing.delete(agent.agentId));
    this.writing.set(agent.agentId, write);
    return write;
  }
}

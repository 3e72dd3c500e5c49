import { CoalescedRun } from '../events/coalesced-run.js';
import type { EventEnvelope } from '../events/envelope.js';
import type { EventStore } from '../events/store.js';
import { AGENT_STREAM_PREFIX, type AgentEvent } from './events.js';
import { type AgentState, evolveAgent, initialAgentState, type RegisteredAgent } from './evolve.js';
import { nameOfAgentStream } from './names.js';

const PAGE = 1000;
export const DEFAULT_REFRESH_INTERVAL_MS = 1000;

export interface AgentRegistryOptions {
  /**
   * How often to look for agent events written by other nodes sharing the store (local commits
   * are seen at once). This bounds how long a token revoked elsewhere still works here.
   */
  refreshIntervalMs?: number;
}

/**
 * Who is registered and which tokens are live: a fold of every `$agent-` stream with the
 * agents' own evolve, kept current from the store. It reads only forwards from the last position
 * it applied, so events are folded in log order whichever node wrote them.
 */
export class AgentRegistry {
  private readonly byName = new Map<string, AgentState>();
  private readonly nameById = new Map<string, string>();
  /** Live tokens by the hash of the whole token: a request's token is found by its hash alone. */
  private readonly holderByTokenHash = new Map<string, { name: string; tokenId: string }>();
  private appliedPosition = 0;
  private loaded = false;
  private readonly reads = new CoalescedRun(() => this.readNewEvents());
  private stopCommits: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly options: AgentRegistryOptions = {},
  ) {}

  /** Folds everything recorded so far, then follows new agent events. */
  async start(): Promise<void> {
    await this.catchUp();
    this.loaded = true;
    this.stopCommits = this.store.onCommit((events) => {
      if (events.some((event) => event.streamId.startsWith(AGENT_STREAM_PREFIX))) this.refresh();
    });
    this.timer = setInterval(
      () => this.refresh(),
      this.options.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS,
    );
    this.timer.unref();
  }

  stop(): void {
    this.stopCommits?.();
    this.stopCommits = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** True once everything recorded at start has been folded. */
  get ready(): boolean {
    return this.loaded;
  }

  get position(): number {
    return this.appliedPosition;
  }

  /**
   * Reads agent events the registry has not folded yet. Calls that arrive while a read is under
   * way share one follow-up read, which starts after it and so sees what they are waiting for.
   */
  catchUp(): Promise<void> {
    return this.reads.run();
  }

  async catchUpTo(position: number): Promise<void> {
    if (this.appliedPosition < position) await this.catchUp();
  }

  find(agentIdOrName: string): RegisteredAgent | undefined {
    const state = this.byName.get(this.nameById.get(agentIdOrName) ?? agentIdOrName);
    return state?.status === 'registered' ? state : undefined;
  }

  /** The agent holding the token with this hash, while the token is live. */
  tokenHolder(tokenHash: string): RegisteredAgent | undefined {
    const holder = this.holderByTokenHash.get(tokenHash);
    const agent = holder === undefined ? undefined : this.find(holder.name);
    // a name registered again after removal must not inherit the old agent's tokens
    return agent?.tokens[holder?.tokenId ?? ''] === tokenHash ? agent : undefined;
  }

  list(): RegisteredAgent[] {
    const agents: RegisteredAgent[] = [];
    for (const state of this.byName.values()) {
      if (state.status === 'registered') agents.push(state);
    }
    return agents.sort((left, right) => left.name.localeCompare(right.name));
  }

  private refresh(): void {
    // A failed background read (the store closing, say) is retried by the next trigger.
    this.catchUp().catch(() => undefined);
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({
        after: this.appliedPosition,
        streamPrefix: AGENT_STREAM_PREFIX,
        limit: PAGE,
      });
      for (const event of page.events) this.apply(event);
      if (page.next === null) return;
    }
  }

  private apply(event: EventEnvelope): void {
    if (event.position <= this.appliedPosition) return;
    this.appliedPosition = event.position;
    const name = nameOfAgentStream(event.streamId);
    if (name === null) return;
    const before = this.byName.get(name) ?? initialAgentState();
    const after = evolveAgent(before, { type: event.type, data: event.data } as AgentEvent);
    this.byName.set(name, after);
    if (after.status !== 'registered') return;
    this.nameById.set(after.agentId, name);
    const tokensBefore = before.status === 'registered' ? before.tokens : {};
    for (const [tokenId, tokenHash] of Object.entries(tokensBefore)) {
      if (!(tokenId in after.tokens)) this.holderByTokenHash.delete(tokenHash);
    }
    for (const [tokenId, tokenHash] of Object.entries(after.tokens)) {
      this.holderByTokenHash.set(tokenHash, { name, tokenId });
    }
  }
}

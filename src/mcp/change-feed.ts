import type { AgentDirectory } from '../coordination/addresses.js';
import type { ElicitationAsked } from '../coordination/elicitations/events.js';
import type { EventStore, Subscription } from '../events/store.js';
import { type Audience, type Change, changesOf } from './resources/changes.js';

/** One connected agent's way to hear of changes: a session, or a handler's open subscriptions. */
export interface ChangeSink {
  readonly agentId: string;
  resourceUpdated(uri: string): void;
  resourceListChanged(): void;
  /** A question was addressed by name to this agent. */
  questionAsked?(question: ElicitationAsked['data']): void;
  questionClosed?(elicitationId: string): void;
}

function audienceKey(audience: Audience): string {
  return audience.kind === 'everyone' ? '*' : audience.agentIds.join(',');
}

/**
 * Follows the log from the moment it starts and tells the connected agents what changed. Changes
 * of one burst are delivered once, after the burst, when the services' own read models (fed by
 * earlier subscriptions of the same store) have folded the events, so a client that reads on
 * notice sees the change.
 */
export class ChangeFeed {
  private readonly sinks = new Map<string, Set<ChangeSink>>();
  private readonly pending = new Map<string, Change>();
  private subscription: Subscription | null = null;
  private following: Promise<void> = Promise.resolve();
  private flushing: NodeJS.Immediate | null = null;
  /** Keeps questions apart in `pending`: unlike resource changes, they are never merged. */
  private sequence = 0;

  constructor(
    private readonly store: EventStore,
    private readonly agents: AgentDirectory,
  ) {}

  async start(): Promise<void> {
    const subscription = this.store.subscribeToAll({ after: await this.store.headPosition() });
    this.subscription = subscription;
    this.following = this.follow(subscription);
  }

  async close(): Promise<void> {
    this.subscription?.close();
    await this.following;
    if (this.flushing) clearImmediate(this.flushing);
    this.pending.clear();
  }

  /** Adds a sink; returns its removal. */
  add(sink: ChangeSink): () => void {
    let sinks = this.sinks.get(sink.agentId);
    if (!sinks) {
      sinks = new Set();
      this.sinks.set(sink.agentId, sinks);
    }
    sinks.add(sink);
    return () => {
      const current = this.sinks.get(sink.agentId);
      current?.delete(sink);
      if (current?.size === 0) this.sinks.delete(sink.agentId);
    };
  }

  private async follow(subscription: Subscription): Promise<void> {
    const nameOf = (agentId: string) => this.agents.find(agentId)?.name;
    for await (const event of subscription) {
      if (this.sinks.size === 0) continue;
      for (const change of changesOf(event, nameOf)) this.queue(change);
    }
  }

  private queue(change: Change): void {
    const key =
      change.kind === 'updated'
        ? `u ${change.uri} ${audienceKey(change.audience)}`
        : change.kind === 'listed'
          ? `l ${audienceKey(change.audience)}`
          : `${change.kind} ${this.sequence++}`;
    this.pending.set(key, change);
    this.flushing ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushing = null;
    const changes = [...this.pending.values()];
    this.pending.clear();
    for (const change of changes) {
      switch (change.kind) {
        case 'updated':
          for (const sink of this.reached(change.audience)) sink.resourceUpdated(change.uri);
          break;
        case 'listed':
          for (const sink of this.reached(change.audience)) sink.resourceListChanged();
          break;
        case 'asked': {
          const agentId = this.agents.find(change.agentName)?.agentId;
          for (const sink of agentId === undefined ? [] : (this.sinks.get(agentId) ?? [])) {
            sink.questionAsked?.(change.question);
          }
          break;
        }
        case 'closed':
          for (const sinks of this.sinks.values()) {
            for (const sink of sinks) sink.questionClosed?.(change.elicitationId);
          }
          break;
      }
    }
  }

  private *reached(audience: Audience): Generator<ChangeSink> {
    if (audience.kind === 'everyone') {
      for (const sinks of this.sinks.values()) yield* sinks;
      return;
    }
    for (const agentId of audience.agentIds) yield* this.sinks.get(agentId) ?? [];
  }
}

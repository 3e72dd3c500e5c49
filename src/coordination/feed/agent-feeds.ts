import type { Principal } from '../../agents/principal.js';
import type { EventEnvelope, ReadPage } from '../../events/envelope.js';
import type { EventStore } from '../../events/store.js';
import { CatchUpSubscription } from '../../events/subscription.js';
import { type Actor, actorOf } from '../actor.js';
import type { AgentDirectory } from '../addresses.js';
import { Projection } from '../projection.js';
import { isFor } from './audience.js';
import { FeedOrigins } from './origins.js';
import { FEED_EVENT_TYPES, type FeedItem, type RoutedItem, routeEvent } from './routes.js';

const CATCH_UP_PAGE = 500;

export interface FeedOptions {
  /** Items after this log position; by default, those routed from now on. */
  after?: number;
  /** How many items may wait for a slow reader before it is caught up from the log instead. */
  bufferSize?: number;
}

interface Listener {
  reader: Actor;
  deliver(events: readonly EventEnvelope[]): void;
}

/** One agent's feed: its items in log order; `close()` ends it. */
export class FeedSubscription implements AsyncIterable<FeedItem> {
  constructor(
    private readonly events: CatchUpSubscription,
    private readonly routed: WeakMap<EventEnvelope, RoutedItem>,
  ) {}

  /** Position of the last item handed out (or where the feed started). */
  get lastPosition(): number {
    return this.events.lastPosition;
  }

  close(): void {
    this.events.close();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<FeedItem> {
    for await (const event of this.events) {
      const routed = this.routed.get(event);
      if (routed) yield routed.item;
    }
  }
}

/**
 * Every agent's live feed from one pass over the log: each coordination event is routed once
 * (which feed items it makes, for whom) as it is folded, then handed to the connected agents it
 * is for. A feed resumed from a position reads only the log between that position and what the
 * fan-out has routed, then takes the rest live; a reader too slow for its buffer is caught up
 * from the log the same way, so nobody waits for it.
 */
export class AgentFeeds {
  private readonly origins = new FeedOrigins();
  /** Routing of the envelopes in flight to feeds; entries go with their envelopes. */
  private readonly routed = new WeakMap<EventEnvelope, RoutedItem>();
  private readonly listeners = new Set<Listener>();
  private readonly projection: Projection;

  constructor(
    private readonly store: EventStore,
    private readonly agents: AgentDirectory,
  ) {
    this.projection = new Projection(
      store,
      {
        apply: (event) => this.apply(event),
        save: () => this.origins.save(),
        load: (state) => this.origins.load(state),
      },
      { name: 'coordination.feed', version: 1, filter: { types: FEED_EVENT_TYPES } },
    );
  }

  start(): Promise<void> {
    return this.projection.start();
  }

  get ready(): boolean {
    return this.projection.ready;
  }

  close(): Promise<void> {
    return this.projection.close();
  }

  /** Position of the last event the fan-out has routed: where a feed opened now starts. */
  get position(): number {
    return this.projection.position;
  }

  /** The caller's feed: items after `after` (by default, from now on), then live. */
  open(principal: Principal, options: FeedOptions = {}): FeedSubscription {
    const { after = this.position, bufferSize } = options;
    const reader = actorOf(principal, this.agents);
    const events = new CatchUpSubscription(
      {
        onCommit: (deliver) => this.listen({ reader, deliver }),
        readPage: (cursor) => this.readPage(reader, cursor),
        cursorAfter: (event) => event.position,
        matches: (event) => this.concerns(event, reader),
      },
      after,
      after,
      bufferSize,
    );
    return new FeedSubscription(events, this.routed);
  }

  private listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private concerns(event: EventEnvelope, reader: Actor): boolean {
    const routed = this.routed.get(event);
    return routed !== undefined && isFor(routed.audience, reader);
  }

  private apply(event: EventEnvelope): void {
    this.origins.remember(event);
    if (this.listeners.size === 0) return;
    const routed = routeEvent(event, this.origins);
    if (!routed) return;
    this.routed.set(event, routed);
    for (const listener of this.listeners) {
      if (isFor(routed.audience, listener.reader)) listener.deliver([event]);
    }
  }

  /**
   * The reader's items after `cursor`, up to what the fan-out has routed: anything later reaches
   * the reader live. Origins only grow, so routing an older event now gives what it gave then.
   */
  private async readPage(reader: Actor, cursor: number): Promise<ReadPage> {
    const routedUpTo = this.position;
    if (cursor >= routedUpTo) return { events: [], next: null };
    const page = await this.store.readAll({
      after: cursor,
      types: FEED_EVENT_TYPES,
      limit: CATCH_UP_PAGE,
    });
    const events: EventEnvelope[] = [];
    for (const event of page.events) {
      if (event.position > routedUpTo) return { events, next: null };
      const routed = routeEvent(event, this.origins);
      if (!routed || !isFor(routed.audience, reader)) continue;
      this.routed.set(event, routed);
      events.push(event);
    }
    return { events, next: page.next !== null && page.next < routedUpTo ? page.next : null };
  }
}

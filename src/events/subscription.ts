import type { EventEnvelope, EventFilter, ReadPage } from './envelope.js';
import type { CommitListener, Subscription } from './store.js';

export const DEFAULT_SUBSCRIPTION_BUFFER = 10_000;

export interface SubscriptionSource {
  /** Registers for events as they become durable. */
  onCommit(listener: CommitListener): () => void;
  /** Reads the page of matching events that follows `cursor`. */
  readPage(cursor: number): Promise<ReadPage>;
  /** The cursor that follows an event, for when the source reports no `next`. */
  cursorAfter(event: EventEnvelope): number;
  matches(event: EventEnvelope): boolean;
}

/**
 * Catches up from the log, then goes live. Live events that arrive while catching up are held
 * and merged by position, so the switch has no gap and no duplicate. A consumer that lets the
 * buffer fill is not waited for: the buffer stops taking live events and the consumer is caught
 * up from the log again, so appends and other consumers never wait for it.
 */
export class CatchUpSubscription implements Subscription {
  private readonly buffer: EventEnvelope[] = [];
  private heldWhileCatchingUp: EventEnvelope[] = [];
  private heldOverflowed = false;
  private live = false;
  private closed = false;
  private queuedPosition: number;
  private delivered: number;
  private wake: (() => void) | null = null;
  private readonly unsubscribe: () => void;
  private markCaughtUp: () => void = () => {};
  readonly caughtUp = new Promise<void>((resolve) => {
    this.markCaughtUp = resolve;
  });

  constructor(
    private readonly source: SubscriptionSource,
    private cursor: number,
    afterPosition: number,
    private readonly bufferSize = DEFAULT_SUBSCRIPTION_BUFFER,
  ) {
    this.queuedPosition = afterPosition;
    this.delivered = afterPosition;
    this.unsubscribe = source.onCommit((events) => this.receive(events));
  }

  get lastPosition(): number {
    return this.delivered;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.buffer.length = 0;
    this.heldWhileCatchingUp = [];
    this.wake?.();
  }

  [Symbol.asyncIterator](): AsyncIterator<EventEnvelope> {
    return {
      next: () => this.next(),
      return: async () => {
        this.close();
        return { done: true, value: undefined };
      },
    };
  }

  private async next(): Promise<IteratorResult<EventEnvelope>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      const event = this.buffer.shift();
      if (event) {
        this.delivered = event.position;
        return { done: false, value: event };
      }
      if (!this.live) {
        await this.catchUp();
        continue;
      }
      this.markCaughtUp();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }

  private async catchUp(): Promise<void> {
    const page = await this.source.readPage(this.cursor);
    if (this.closed) return;
    for (const event of page.events) this.enqueue(event);
    const last = page.events.at(-1);
    if (page.next !== null) {
      this.cursor = page.next;
      return;
    }
    if (last) this.cursor = this.source.cursorAfter(last);
    if (this.heldOverflowed) {
      this.heldOverflowed = false;
      this.heldWhileCatchingUp = [];
      return;
    }
    for (const event of this.heldWhileCatchingUp) this.enqueue(event);
    this.heldWhileCatchingUp = [];
    this.live = true;
  }

  private enqueue(event: EventEnvelope): void {
    if (event.position <= this.queuedPosition) return;
    this.buffer.push(event);
    this.queuedPosition = event.position;
    this.cursor = this.source.cursorAfter(event);
  }

  private receive(events: readonly EventEnvelope[]): void {
    if (this.closed) return;
    for (const event of events) {
      if (!this.source.matches(event)) continue;
      if (!this.live) {
        if (this.heldOverflowed) continue;
        if (this.heldWhileCatchingUp.length >= this.bufferSize) {
          this.heldOverflowed = true;
          this.heldWhileCatchingUp = [];
          continue;
        }
        this.heldWhileCatchingUp.push(event);
        continue;
      }
      if (this.buffer.length >= this.bufferSize) {
        this.live = false;
        continue;
      }
      this.enqueue(event);
    }
    this.wake?.();
  }
}

export function matchesFilter(event: EventEnvelope, filter: EventFilter): boolean {
  if (filter.types && !filter.types.includes(event.type)) return false;
  if (filter.streamPrefix && !event.streamId.startsWith(filter.streamPrefix)) return false;
  if (filter.agentId !== undefined && event.metadata.agentId !== filter.agentId) return false;
  if (filter.correlationId !== undefined && event.metadata.correlationId !== filter.correlationId) {
    return false;
  }
  const at = Date.parse(event.recordedAt);
  if (filter.since !== undefined && at < new Date(filter.since).getTime()) return false;
  if (filter.until !== undefined && at >= new Date(filter.until).getTime()) return false;
  return true;
}

import type { BlobRef } from './blobs.js';
import type {
  AppendOptions,
  AppendResult,
  EventEnvelope,
  EventFilter,
  NewEvent,
  ReadAllOptions,
  ReadPage,
  ReadStreamOptions,
} from './envelope.js';
import type { Snapshot } from './snapshots.js';

export interface SubscribeOptions extends EventFilter {
  /** Deliver events after this position (exclusive). Default 0: the whole log. */
  after?: number;
  /** How many live events may wait for a slow consumer before it is caught up from the store again. */
  bufferSize?: number;
}

export interface StreamSubscribeOptions {
  /** Deliver events of the stream from this revision (inclusive). Default 0. */
  fromRevision?: number;
  bufferSize?: number;
}

/** A live, gap-free and duplicate-free sequence of events; `close()` ends it. */
export interface Subscription extends AsyncIterable<EventEnvelope> {
  /** Position of the last event handed to the consumer (0 before any). */
  readonly lastPosition: number;
  /**
   * Resolves once the consumer has been handed every matching event that was in the log when the
   * subscription went live, i.e. the first time it waits for new events.
   */
  readonly caughtUp: Promise<void>;
  close(): void;
}

export type CommitListener = (events: readonly EventEnvelope[]) => void;

export interface AppendObserver {
  /** Called once a group commit is durable: how many appends it carried and how long it took. */
  onCommit?(batch: { appends: number; events: number; seconds: number }): void;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadPage>;
  readAll(options?: ReadAllOptions): Promise<ReadPage>;
  /** Current revision of a stream, or -1 when it does not exist. */
  streamRevision(streamId: string): Promise<number>;
  /** Global position of the last event (0 when the log is empty). */
  headPosition(): Promise<number>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  subscribeToStream(streamId: string, options?: StreamSubscribeOptions): Subscription;
  /** Register a listener for events as soon as they are durable; returns an unsubscribe function. */
  onCommit(listener: CommitListener): () => void;

  putBlob(content: Uint8Array): Promise<BlobRef>;
  getBlob(hash: string): Promise<Uint8Array | null>;

  saveSnapshot(name: string, snapshot: Snapshot): Promise<void>;
  loadSnapshot(name: string): Promise<Snapshot | null>;

  close(): Promise<void>;
}

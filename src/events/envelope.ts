export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Well-known metadata keys; any other JSON key may ride along. */
export interface EventMetadata {
  agentId?: string;
  correlationId?: string;
  causationId?: string;
  [key: string]: JsonValue | undefined;
}

/** An event as a writer proposes it. */
export interface NewEvent {
  id?: string;
  type: string;
  data: JsonValue;
  metadata?: EventMetadata;
}

/** An event as the log recorded it. */
export interface EventEnvelope {
  position: number;
  streamId: string;
  revision: number;
  id: string;
  type: string;
  data: JsonValue;
  metadata: EventMetadata;
  recordedAt: string;
  hash: string;
}

export type ExpectedRevision = 'any' | 'no_stream' | 'exists' | number;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Global position of the last event written. */
  position: number;
  /** The revision the next event of the stream will get. */
  nextRevision: number;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  fromRevision?: number;
  direction?: Direction;
  limit?: number;
}

export interface EventFilter {
  types?: string[];
  streamPrefix?: string;
  agentId?: string;
  correlationId?: string;
  /** ISO time or epoch milliseconds, inclusive. */
  since?: string | number;
  /** ISO time or epoch milliseconds, exclusive. */
  until?: string | number;
}

export interface ReadAllOptions extends EventFilter {
  /** Exclusive cursor: forwards reads positions after it, backwards reads positions before it. */
  after?: number;
  direction?: Direction;
  limit?: number;
}

export interface ReadPage {
  events: EventEnvelope[];
  /** What to pass as `after` (readAll) or `fromRevision` (readStream) for the next page; null at the end. */
  next: number | null;
}

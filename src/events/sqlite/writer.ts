import type Database from 'better-sqlite3';
import { canonicalJson } from '../canonical.js';
import { chainHash, GENESIS_HASH } from '../chain.js';
import type { AppendResult, EventEnvelope, ExpectedRevision, JsonValue } from '../envelope.js';
import {
  IdempotencyConflictError,
  StoreClosedError,
  WrongExpectedRevisionError,
} from '../errors.js';
import type { Snapshot } from '../snapshots.js';
import type { AppendObserver, CommitListener } from '../store.js';
import { uuidv7 } from '../uuid.js';
import type { PreparedEvent } from '../validate.js';

interface Pending<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

type Operation =
  | ({
      kind: 'append';
      streamId: string;
      events: PreparedEvent[];
      expected: ExpectedRevision;
    } & Pending<AppendResult>)
  | ({ kind: 'blob'; hash: string; content: Uint8Array } & Pending<void>)
  | ({ kind: 'snapshot'; name: string; snapshot: Snapshot } & Pending<void>);

interface Head {
  position: number;
  hash: string;
  recordedMs: number;
}

interface StoredEventRow {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/**
 * The single writer. Appends that arrive while a commit is under way wait in a queue and are
 * committed together: one transaction and one fsync for all of them (group commit). A promise
 * resolves only after its transaction is durable.
 */
export class SqliteWriter {
  private queue: Operation[] = [];
  private scheduled = false;
  private closed = false;
  private idle: Array<() => void> = [];
  private readonly listeners = new Set<CommitListener>();
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly secret: Buffer,
    private readonly observer: AppendObserver = {},
  ) {
    this.statements = {
      head: db.prepare(
        'SELECT position, hash, recorded_ms AS recordedMs FROM events ORDER BY position DESC LIMIT 1',
      ),
      revision: db.prepare(
        'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      byId: db.prepare(
        'SELECT position, stream_id, revision, type, data, metadata FROM events WHERE id = ?',
      ),
      insert: db.prepare(
        `INSERT INTO events (position, stream_id, revision, id, type, data, metadata, agent_id,
           correlation_id, recorded_at, recorded_ms, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      blob: db.prepare('INSERT OR IGNORE INTO blobs (hash, size, content) VALUES (?, ?, ?)'),
      snapshot: db.prepare(
        `INSERT INTO snapshots (name, position, version, state, saved_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, version = excluded.version,
           state = excluded.state, saved_at = excluded.saved_at`,
      ),
    };
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(
    streamId: string,
    events: PreparedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.enqueue<AppendResult>((pending) => ({
      kind: 'append',
      streamId,
      events,
      expected,
      ...pending,
    }));
  }

  putBlob(hash: string, content: Uint8Array): Promise<void> {
    return this.enqueue<void>((pending) => ({ kind: 'blob', hash, content, ...pending }));
  }

  saveSnapshot(name: string, snapshot: Snapshot): Promise<void> {
    return this.enqueue<void>((pending) => ({ kind: 'snapshot', name, snapshot, ...pending }));
  }

  /** Refuses new work and resolves once everything queued is committed. */
  close(): Promise<void> {
    this.closed = true;
    if (this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private enqueue<T>(make: (pending: Pending<T>) => Operation): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push(make({ resolve, reject } as Pending<T>));
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    const started = process.hrtime.bigint();
    const committed: EventEnvelope[] = [];
    const settle: Array<() => void> = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const head = this.readHead();
        for (const operation of batch) {
          try {
            const settleOne = this.apply(operation, head, committed);
            settle.push(settleOne);
          } catch (error) {
            if (!isRefusal(error)) throw error;
            settle.push(() => operation.reject(error));
          }
        }
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } catch (error) {
      for (const operation of batch) operation.reject(error);
      this.afterFlush();
      return;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const appends = batch.filter((operation) => operation.kind === 'append').length;
    this.observer.onCommit?.({ appends, events: committed.length, seconds });
    if (committed.length > 0) {
      for (const listener of this.listeners) listener(committed);
    }
    for (const settleOne of settle) settleOne();
    this.afterFlush();
  }

  private afterFlush(): void {
    if (this.queue.length > 0) {
      setImmediate(() => this.flush());
      return;
    }
    this.scheduled = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private readHead(): Head {
    const row = this.statements.head.get() as Head | undefined;
    return row ?? { position: 0, hash: GENESIS_HASH, recordedMs: 0 };
  }

  private apply(operation: Operation, head: Head, committed: EventEnvelope[]): () => void {
    switch (operation.kind) {
      case 'blob':
        this.statements.blob.run(operation.hash, operation.content.byteLength, operation.content);
        return () => operation.resolve();
      case 'snapshot': {
        const { position, version, state } = operation.snapshot;
        this.statements.snapshot.run(
          operation.name,
          position,
          version,
          JSON.stringify(state),
          new Date().toISOString(),
        );
        return () => operation.resolve();
      }
      case 'append': {
        const result = this.appendEvents(operation, head, committed);
        return () => operation.resolve(result);
      }
    }
  }

  private appendEvents(
    operation: Extract<Operation, { kind: 'append' }>,
    head: Head,
    committed: EventEnvelope[],
  ): AppendResult {
    const { streamId, events, expected } = operation;
    const replay = this.findReplay(streamId, events);
    if (replay) return replay;
    const current = this.currentRevision(streamId);
    checkExpected(streamId, expected, current);
    let revision = current;
    for (const event of events) {
      revision += 1;
      head.position += 1;
      head.recordedMs = Math.max(Date.now(), head.recordedMs);
      const envelope = {
        position: head.position,
        streamId,
        revision,
        id: event.id ?? uuidv7(),
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        recordedAt: new Date(head.recordedMs).toISOString(),
      };
      const hash = chainHash(this.secret, head.hash, {
        ...envelope,
        dataText: event.dataText,
        metadataText: event.metadataText,
      });
      head.hash = hash;
      this.statements.insert.run(
        envelope.position,
        streamId,
        revision,
        envelope.id,
        event.type,
        event.dataText,
        event.metadataText,
        event.metadata.agentId ?? null,
        event.metadata.correlationId ?? null,
        envelope.recordedAt,
        head.recordedMs,
        hash,
      );
      committed.push({ ...envelope, hash });
    }
    return { position: head.position, nextRevision: revision + 1 };
  }

  /** Inside the batch's transaction this also sees events written earlier in the same batch. */
  private currentRevision(streamId: string): number {
    const row = this.statements.revision.get(streamId) as { revision: number } | undefined;
    return row ? row.revision : -1;
  }

  /**
   * An append whose event ids are already in the log is a retry: when every event matches what
   * was stored, the original result is returned and nothing is written.
   */
  private findReplay(streamId: string, events: PreparedEvent[]): AppendResult | null {
    const stored = events.map((event) =>
      event.id ? (this.statements.byId.get(event.id) as StoredEventRow | undefined) : undefined,
    );
    const known = stored.findIndex((row) => row !== undefined);
    if (known < 0) return null;
    const firstKnownId = events[known]?.id as string;
    if (stored.some((row) => row === undefined)) {
      throw new IdempotencyConflictError(firstKnownId, 'the append mixes recorded and new events');
    }
    for (const [index, row] of stored.entries()) {
      if (!sameEvent(row as StoredEventRow, streamId, events[index] as PreparedEvent)) {
        throw new IdempotencyConflictError(
          events[index]?.id as string,
          'it was recorded with different content',
        );
      }
    }
    const last = stored[stored.length - 1] as StoredEventRow;
    return { position: last.position, nextRevision: last.revision + 1 };
  }
}

function sameEvent(stored: StoredEventRow, streamId: string, event: PreparedEvent): boolean {
  return (
    stored.stream_id === streamId &&
    stored.type === event.type &&
    canonicalJson(JSON.parse(stored.data) as JsonValue) === canonicalJson(event.data) &&
    canonicalJson(JSON.parse(stored.metadata) as JsonValue) ===
      canonicalJson(event.metadata as JsonValue)
  );
}

function checkExpected(streamId: string, expected: ExpectedRevision, current: number): void {
  const actual = current < 0 ? 'no_stream' : current;
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current < 0) ||
    (expected === 'exists' && current >= 0) ||
    expected === current;
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
}

function isRefusal(error: unknown): boolean {
  return error instanceof WrongExpectedRevisionError || error instanceof IdempotencyConflictError;
}

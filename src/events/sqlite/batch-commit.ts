import type Database from 'better-sqlite3';
import { canonicalJson } from '../canonical.js';
import { type ChainedEvent, chainHash, GENESIS_HASH } from '../chain.js';
import type { ExpectedRevision, JsonValue } from '../envelope.js';
import { uuidv7 } from '../uuid.js';
import { COPY_KEYS, INDEX_TAIL_LIMIT } from './index-file.js';
import { UnindexedTail } from './unindexed-tail.js';
import type {
  BatchOutcome,
  EventToRecord,
  OperationOutcome,
  RecordedFacts,
  Refusal,
  WriteOperation,
} from './write-protocol.js';

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

type Append = Extract<WriteOperation, { kind: 'append' }>;

/**
 * Commits a batch of operations in one transaction and one fsync. An operation refused for its
 * expected revision or a reused event id is left out without affecting the others; any other
 * failure rolls the whole batch back.
 *
 * New events go to the log alone; the index file takes them in bulk, once `INDEX_TAIL_LIMIT`
 * of them have gathered (readers look through that short tail of the log themselves). Copying
 * many events at once writes each index page once for all of them, instead of once per commit.
 */
export class BatchCommitter {
  private readonly statements;
  private readonly tail = new UnindexedTail();
  /** The log as of this writer's last commit; null when it must be read again. */
  private dataVersion: number | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly secret: Buffer,
  ) {
    this.statements = {
      head: db.prepare(
        'SELECT position, hash, recorded_ms AS recordedMs FROM main.events ORDER BY position DESC LIMIT 1',
      ),
      revision: db.prepare(
        'SELECT revision FROM idx.event_keys WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      byId: db.prepare(
        `SELECT e.position, e.stream_id, e.revision, e.type, e.data, e.metadata
         FROM idx.event_keys k JOIN main.events e ON e.position = k.position WHERE k.id = ?`,
      ),
      byPosition: db.prepare(
        'SELECT position, stream_id, revision, type, data, metadata FROM main.events WHERE position = ?',
      ),
      dataVersion: db.prepare('PRAGMA main.data_version').pluck(),
      indexedUpTo: db.prepare('SELECT max(position) FROM idx.event_keys').pluck(),
      copyKeys: db.prepare(COPY_KEYS),
      insert: db.prepare(
        `INSERT INTO main.events (position, stream_id, revision, id, type, data, metadata, agent_id,
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

  commit(batch: readonly WriteOperation[]): BatchOutcome {
    const started = process.hrtime.bigint();
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        this.takeOtherWritersIn();
        const head = this.readHead();
        const outcomes = batch.map((operation) => this.apply(operation, head));
        if (this.tail.size >= INDEX_TAIL_LIMIT) this.indexTail();
        this.db.exec('COMMIT');
        return { ok: true, outcomes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        // what the tail learned in the rolled-back batch is gone: index and learn again
        this.dataVersion = null;
        throw error;
      }
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Another connection committed since this writer's last batch (another node sharing the log):
   * its events are not in this writer's tail, so the index takes everything first. Under the
   * write lock nobody else commits until this batch is done.
   */
  private takeOtherWritersIn(): void {
    const version = this.statements.dataVersion.get() as number;
    if (version !== this.dataVersion) this.indexTail();
    this.dataVersion = version;
  }

  /** Copies every event the index lacks into it, in this batch's transaction. */
  private indexTail(): void {
    const indexed = (this.statements.indexedUpTo.get() as number | null) ?? 0;
    this.statements.copyKeys.run(indexed);
    this.tail.clear();
  }

  private readHead(): Head {
    const row = this.statements.head.get() as Head | undefined;
    return row ?? { position: 0, hash: GENESIS_HASH, recordedMs: 0 };
  }

  private apply(operation: WriteOperation, head: Head): OperationOutcome {
    switch (operation.kind) {
      case 'blob':
        this.statements.blob.run(operation.hash, operation.content.byteLength, operation.content);
        return { ok: true };
      case 'snapshot': {
        const { name, position, version, stateText, savedAt } = operation;
        this.statements.snapshot.run(name, position, version, stateText, savedAt);
        return { ok: true };
      }
      case 'append':
        return this.append(operation, head);
    }
  }

  private append(operation: Append, head: Head): OperationOutcome {
    const { streamId, events, expected } = operation;
    const replay = this.findReplay(streamId, events);
    if (replay) return replay;
    const current = this.currentRevision(streamId);
    const refusal = expectationRefusal(streamId, expected, current);
    if (refusal) return { ok: false, refusal };
    let revision = current;
    const recorded: RecordedFacts[] = [];
    for (const event of events) {
      revision += 1;
      head.position += 1;
      head.recordedMs = Math.max(Date.now(), head.recordedMs);
      const chained: ChainedEvent = {
        position: head.position,
        streamId,
        revision,
        id: event.id ?? uuidv7(),
        type: event.type,
        recordedAt: new Date(head.recordedMs).toISOString(),
        dataText: event.dataText,
        metadataText: event.metadataText,
      };
      const hash = chainHash(this.secret, head.hash, chained);
      head.hash = hash;
      this.statements.insert.run(
        chained.position,
        streamId,
        revision,
        chained.id,
        event.type,
        event.dataText,
        event.metadataText,
        event.agentId,
        event.correlationId,
        chained.recordedAt,
        head.recordedMs,
        hash,
      );
      this.tail.add(streamId, revision, chained.id, chained.position);
      recorded.push({
        position: chained.position,
        revision,
        id: chained.id,
        recordedAt: chained.recordedAt,
        hash,
      });
    }
    return { ok: true, result: { position: head.position, nextRevision: revision + 1 }, recorded };
  }

  /** Counts events written earlier in the same batch and in the tail the index lacks. */
  private currentRevision(streamId: string): number {
    const inTail = this.tail.revision(streamId);
    if (inTail !== undefined) return inTail;
    const row = this.statements.revision.get(streamId) as { revision: number } | undefined;
    return row ? row.revision : -1;
  }

  private storedEvent(id: string): StoredEventRow | undefined {
    const position = this.tail.positionOf(id);
    const row =
      position === undefined
        ? this.statements.byId.get(id)
        : this.statements.byPosition.get(position);
    return row as StoredEventRow | undefined;
  }

  /**
   * An append whose event ids are already in the log is a retry: when every event matches what
   * was stored, the original result is returned and nothing is written.
   */
  private findReplay(streamId: string, events: EventToRecord[]): OperationOutcome | null {
    const stored = events.map((event) => (event.id ? this.storedEvent(event.id) : undefined));
    const known = stored.findIndex((row) => row !== undefined);
    if (known < 0) return null;
    if (stored.some((row) => row === undefined)) {
      return idempotencyRefusal(events[known], 'the append mixes recorded and new events');
    }
    for (const [index, row] of stored.entries()) {
      if (!sameEvent(row as StoredEventRow, streamId, events[index] as EventToRecord)) {
        return idempotencyRefusal(events[index], 'it was recorded with different content');
      }
    }
    const last = stored[stored.length - 1] as StoredEventRow;
    return { ok: true, result: { position: last.position, nextRevision: last.revision + 1 } };
  }
}

function idempotencyRefusal(event: EventToRecord | undefined, why: string): OperationOutcome {
  return { ok: false, refusal: { code: 'idempotency_conflict', eventId: event?.id ?? '', why } };
}

function sameEvent(stored: StoredEventRow, streamId: string, event: EventToRecord): boolean {
  return (
    stored.stream_id === streamId &&
    stored.type === event.type &&
    sameJson(stored.data, event.dataText) &&
    sameJson(stored.metadata, event.metadataText)
  );
}

function sameJson(left: string, right: string): boolean {
  return (
    left === right ||
    canonicalJson(JSON.parse(left) as JsonValue) === canonicalJson(JSON.parse(right) as JsonValue)
  );
}

function expectationRefusal(
  streamId: string,
  expected: ExpectedRevision,
  current: number,
): Refusal | null {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current < 0) ||
    (expected === 'exists' && current >= 0) ||
    expected === current;
  if (ok) return null;
  return {
    code: 'wrong_expected_revision',
    streamId,
    expected,
    actual: current < 0 ? 'no_stream' : current,
  };
}

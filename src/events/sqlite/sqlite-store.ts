import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type BlobRef, blobHash, isBlobHash } from '../blobs.js';
import type {
  AppendOptions,
  AppendResult,
  NewEvent,
  ReadAllOptions,
  ReadPage,
  ReadStreamOptions,
} from '../envelope.js';
import { InvalidInputError, StoreClosedError } from '../errors.js';
import { loadOrCreateSecret } from '../secret.js';
import type { Snapshot } from '../snapshots.js';
import type {
  AppendObserver,
  CommitListener,
  EventStore,
  StreamSubscribeOptions,
  SubscribeOptions,
  Subscription,
} from '../store.js';
import { CatchUpSubscription, matchesFilter } from '../subscription.js';
import { prepareEvents, validateExpectedRevision, validateStreamId } from '../validate.js';
import { closeIndex, openIndex } from './index-file.js';
import { checkOpeningIntegrity } from './opening-check.js';
import { SqliteReader } from './reader.js';
import { configureConnection, migrate, READ_CACHE_KIB, refreshStatistics } from './schema.js';
import { SqliteWriter } from './writer.js';

export const DATABASE_FILE = 'events.db';

export interface SqliteStoreOptions {
  dataDir: string;
  observer?: AppendObserver;
}

const SUBSCRIPTION_PAGE = 500;

export class SqliteEventStore implements EventStore {
  private readonly reader: SqliteReader;
  private readonly writer: SqliteWriter;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    secret: Buffer,
    observer: AppendObserver | undefined,
  ) {
    this.reader = new SqliteReader(db);
    this.writer = new SqliteWriter(db.name, secret, observer);
  }

  static open(options: SqliteStoreOptions): SqliteEventStore {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const secret = loadOrCreateSecret(options.dataDir);
    const db = new Database(join(options.dataDir, DATABASE_FILE));
    try {
      configureConnection(db, READ_CACHE_KIB);
      migrate(db);
      checkOpeningIntegrity(db, secret);
      openIndex(db, READ_CACHE_KIB);
      refreshStatistics(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteEventStore(db, secret, options.observer);
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    validateStreamId(streamId);
    const expected = options.expectedRevision ?? 'any';
    validateExpectedRevision(expected);
    return this.writer.append(streamId, prepareEvents(events), expected);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadPage> {
    this.assertOpen();
    validateStreamId(streamId);
    return this.reader.readStream(streamId, options);
  }

  async readAll(options?: ReadAllOptions): Promise<ReadPage> {
    this.assertOpen();
    return this.reader.readAll(options);
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return this.reader.streamRevision(streamId);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.reader.headPosition();
  }

  onCommit(listener: CommitListener): () => void {
    return this.writer.onCommit(listener);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const { after = 0, bufferSize, ...filter } = options;
    // Validates the filter once, up front, instead of in the first read.
    this.reader.readAll({ ...filter, after, limit: 1 });
    return new CatchUpSubscription(
      {
        onCommit: (listener) => this.onCommit(listener),
        readPage: async (cursor) =>
          this.reader.readAll({ ...filter, after: cursor, limit: SUBSCRIPTION_PAGE }),
        cursorAfter: (event) => event.position,
        matches: (event) => matchesFilter(event, filter),
      },
      after,
      after,
      bufferSize,
    );
  }

  subscribeToStream(streamId: string, options: StreamSubscribeOptions = {}): Subscription {
    this.assertOpen();
    validateStreamId(streamId);
    const fromRevision = options.fromRevision ?? 0;
    if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) {
      throw new InvalidInputError('fromRevision must be an integer >= 0');
    }
    return new CatchUpSubscription(
      {
        onCommit: (listener) => this.onCommit(listener),
        readPage: async (cursor) =>
          this.reader.readStream(streamId, { fromRevision: cursor, limit: SUBSCRIPTION_PAGE }),
        cursorAfter: (event) => event.revision + 1,
        matches: (event) => event.streamId === streamId,
      },
      fromRevision,
      0,
      options.bufferSize,
    );
  }

  async putBlob(content: Uint8Array): Promise<BlobRef> {
    this.assertOpen();
    if (!(content instanceof Uint8Array)) throw new InvalidInputError('a blob must be bytes');
    const hash = blobHash(content);
    await this.writer.putBlob(hash, content);
    return { hash, size: content.byteLength };
  }

  async getBlob(hash: string): Promise<Uint8Array | null> {
    this.assertOpen();
    if (!isBlobHash(hash)) throw new InvalidInputError('a blob hash is 64 lowercase hex digits');
    const row = this.db.prepare('SELECT content FROM blobs WHERE hash = ?').get(hash) as
      | { content: Buffer }
      | undefined;
    return row ? new Uint8Array(row.content) : null;
  }

  async saveSnapshot(name: string, snapshot: Snapshot): Promise<void> {
    this.assertOpen();
    if (typeof name !== 'string' || name.length === 0) {
      throw new InvalidInputError('a snapshot needs a name');
    }
    await this.writer.saveSnapshot(name, snapshot);
  }

  async loadSnapshot(name: string): Promise<Snapshot | null> {
    this.assertOpen();
    const row = this.db
      .prepare('SELECT position, version, state FROM snapshots WHERE name = ?')
      .get(name) as { position: number; version: number; state: string } | undefined;
    return row
      ? { position: row.position, version: row.version, state: JSON.parse(row.state) }
      : null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.close();
    closeIndex(this.db);
    this.db.pragma('optimize');
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}

export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteEventStore> {
  return SqliteEventStore.open(options);
}

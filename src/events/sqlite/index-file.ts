import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/**
 * The log's secondary indexes (by stream, id, type, agent, correlation) live in a file of their
 * own, attached as `idx`, written in the same transactions as the log but never fsynced: only the
 * log's pages pay for durability. The index is derived, so whatever a crash leaves of it is put
 * right from the log when the store opens.
 */
export const INDEX_FILE = 'events-index.db';
export const INDEX_SCHEMA = 'idx';

const INDEX_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS idx.event_keys (
  position INTEGER PRIMARY KEY,
  stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  agent_id TEXT,
  correlation_id TEXT
);
CREATE TABLE IF NOT EXISTS idx.index_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

const INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS idx.keys_by_stream ON event_keys (stream_id, revision);
CREATE UNIQUE INDEX IF NOT EXISTS idx.keys_by_id ON event_keys (id);
CREATE INDEX IF NOT EXISTS idx.keys_by_type ON event_keys (type, position);
CREATE INDEX IF NOT EXISTS idx.keys_by_agent ON event_keys (agent_id, position)
  WHERE agent_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx.keys_by_correlation ON event_keys (correlation_id, position)
  WHERE correlation_id IS NOT NULL;
`;

const DROP_INDEXES = `
DROP INDEX IF EXISTS idx.keys_by_stream;
DROP INDEX IF EXISTS idx.keys_by_id;
DROP INDEX IF EXISTS idx.keys_by_type;
DROP INDEX IF EXISTS idx.keys_by_agent;
DROP INDEX IF EXISTS idx.keys_by_correlation;
`;

/**
 * How many of the newest events may be in the log but not yet in the index: the writer copies
 * them over in bulk once this many have gathered, and readers look through at most this many
 * rows of the log besides the index.
 */
export const INDEX_TAIL_LIMIT = 64;

/** Copies the log's events after a position into the index. */
export const COPY_KEYS = `INSERT INTO idx.event_keys
  SELECT position, stream_id, revision, id, type, agent_id, correlation_id
  FROM main.events WHERE position > ?`;

/** Attaches the index file to a connection of the log and sets it up for unsynced writes. */
export function attachIndex(db: Database.Database, databaseFile: string, cacheKiB: number): void {
  const file = path.join(path.dirname(databaseFile), INDEX_FILE);
  db.prepare(`ATTACH DATABASE ? AS ${INDEX_SCHEMA}`).run(file);
  db.pragma(`${INDEX_SCHEMA}.journal_mode = WAL`);
  db.pragma(`${INDEX_SCHEMA}.synchronous = OFF`);
  db.pragma(`${INDEX_SCHEMA}.cache_size = -${cacheKiB}`);
}

/** This boot of the machine, where the OS tells; a crash of the process alone keeps it. */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

function meta(db: Database.Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM idx.index_meta WHERE key = ?').get(key) as
    | { value: string }
    | undefined;
  return row?.value;
}

function setMeta(db: Database.Database, entries: Record<string, string>): void {
  const upsert = db.prepare(
    `INSERT INTO idx.index_meta (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  for (const [key, value] of Object.entries(entries)) upsert.run(key, value);
}

/**
 * Unsynced pages survive a crash of the process (the OS still holds them) but not a crash of
 * the machine. So the index is trusted when it was closed cleanly, or when it was last opened
 * during this same boot; otherwise it is built again from the log.
 */
function trusted(db: Database.Database, boot: string): boolean {
  if (meta(db, 'version') !== String(INDEX_VERSION)) return false;
  if (meta(db, 'clean') === '1') return true;
  return boot !== 'unknown' && meta(db, 'boot') === boot;
}

function rebuild(db: Database.Database): void {
  db.transaction(() => {
    db.exec(DROP_INDEXES);
    db.exec('DELETE FROM idx.event_keys');
    db.prepare(COPY_KEYS).run(0);
    // Building each index once over the whole table is faster than growing them row by row.
    db.exec(INDEXES);
  })();
}

/** Brings the index level with the log: rows beyond the log's head go, the log's tail is added. */
function levelWithLog(db: Database.Database): void {
  const head = (
    db.prepare('SELECT max(position) AS p FROM main.events').get() as { p: number | null }
  ).p;
  db.transaction(() => {
    db.prepare('DELETE FROM idx.event_keys WHERE position > ?').run(head ?? 0);
    const indexed = (
      db.prepare('SELECT max(position) AS p FROM idx.event_keys').get() as { p: number | null }
    ).p;
    db.prepare(COPY_KEYS).run(indexed ?? 0);
  })();
}

function removeIndexFiles(databaseFile: string): void {
  const file = path.join(path.dirname(databaseFile), INDEX_FILE);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) rmSync(file + suffix);
  }
}

/**
 * Attaches the index and makes it agree with the log before anything reads or writes through
 * it. An index file that cannot be read is thrown away and built again: it holds nothing the log
 * does not.
 */
export function openIndex(db: Database.Database, cacheKiB: number): void {
  const boot = bootId();
  try {
    attachIndex(db, db.name, cacheKiB);
    db.exec(SCHEMA);
    if (trusted(db, boot)) {
      db.exec(INDEXES);
      levelWithLog(db);
    } else {
      rebuild(db);
    }
  } catch (error) {
    if (!isUnreadable(error)) throw error;
    if (db.prepare("SELECT 1 FROM pragma_database_list WHERE name = 'idx'").get()) {
      db.exec(`DETACH DATABASE ${INDEX_SCHEMA}`);
    }
    removeIndexFiles(db.name);
    attachIndex(db, db.name, cacheKiB);
    db.exec(SCHEMA);
    rebuild(db);
  }
  // Recorded with a sync before any unsynced write can follow it.
  db.pragma(`${INDEX_SCHEMA}.synchronous = FULL`);
  setMeta(db, { version: String(INDEX_VERSION), clean: '0', boot });
  db.pragma(`${INDEX_SCHEMA}.synchronous = OFF`);
}

/** After the last write: the whole log indexed, on disk, then marked as closed cleanly. */
export function closeIndex(db: Database.Database): void {
  levelWithLog(db);
  db.pragma(`${INDEX_SCHEMA}.synchronous = FULL`);
  db.pragma(`${INDEX_SCHEMA}.wal_checkpoint(TRUNCATE)`);
  setMeta(db, { clean: '1' });
}

function isUnreadable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

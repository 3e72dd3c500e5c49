import type Database from 'better-sqlite3';

/** 2: the secondary indexes moved out of the log's file into the index file (index-file.ts). */
export const SCHEMA_VERSION = 2;

const DROP_LOG_FILE_INDEXES = `
DROP INDEX IF EXISTS events_by_stream;
DROP INDEX IF EXISTS events_by_id;
DROP INDEX IF EXISTS events_by_type;
DROP INDEX IF EXISTS events_by_agent;
DROP INDEX IF EXISTS events_by_correlation;
`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  agent_id TEXT,
  correlation_id TEXT,
  recorded_at TEXT NOT NULL,
  recorded_ms INTEGER NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS blobs (
  hash TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS snapshots (
  name TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  version INTEGER NOT NULL,
  state TEXT NOT NULL,
  saved_at TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * How much of the file each connection keeps in its own page cache, in KiB. The reads get the
 * larger share; the write thread needs little more than the index pages its commits touch. Both
 * count toward the process's memory, and the OS page cache holds the file besides.
 */
export const READ_CACHE_KIB = 32 * 1024;
export const WRITE_CACHE_KIB = 8 * 1024;

/** Durability first: WAL with a full sync at every commit, so an acknowledged append is on disk. */
export function configureConnection(db: Database.Database, cacheKiB: number): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = -${cacheKiB}`);
  db.pragma('temp_store = MEMORY');
}

/** Keeps the query planner's statistics fresh, for the log and its index; bounded, so cheap. */
export function refreshStatistics(db: Database.Database): void {
  db.pragma('analysis_limit = 1000');
  db.pragma('optimize = 0x10002');
}

export function migrate(db: Database.Database): void {
  db.exec(SCHEMA);
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
    | { value: string }
    | undefined;
  if (row && Number(row.value) > SCHEMA_VERSION) {
    throw new Error(
      `events.db has schema version ${row.value}, newer than this bridge understands (${SCHEMA_VERSION})`,
    );
  }
  if (row?.value === String(SCHEMA_VERSION)) return;
  db.transaction(() => {
    db.exec(DROP_LOG_FILE_INDEXES);
    db.prepare(
      `INSERT INTO meta (key, value) VALUES ('schema_version', ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(String(SCHEMA_VERSION));
  })();
}

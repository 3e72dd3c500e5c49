import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 1;

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
CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream_id, revision);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events (id);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);
CREATE INDEX IF NOT EXISTS events_by_agent ON events (agent_id, position) WHERE agent_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_by_correlation ON events (correlation_id, position)
  WHERE correlation_id IS NOT NULL;

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

export function migrate(db: Database.Database): void {
  db.exec(SCHEMA);
  // Keeps the query planner's statistics fresh; bounded, so it stays cheap on a large log.
  db.pragma('analysis_limit = 1000');
  db.pragma('optimize = 0x10002');
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
    | { value: string }
    | undefined;
  if (!row) {
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)").run(
      String(SCHEMA_VERSION),
    );
  } else if (Number(row.value) > SCHEMA_VERSION) {
    throw new Error(
      `events.db has schema version ${row.value}, newer than this bridge understands (${SCHEMA_VERSION})`,
    );
  }
}

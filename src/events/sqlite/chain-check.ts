import type Database from 'better-sqlite3';
import { chainHash, GENESIS_HASH, secretFingerprint } from '../chain.js';
import type { EventRow } from './rows.js';
import { EVENT_COLUMNS } from './rows.js';

export interface ChainFault {
  position: number;
  message: string;
}

/**
 * Walks events in position order from `fromPosition`, checking that positions have no gap, that
 * each stream's revisions count up from 0, and that every hash chains to the stored one before it.
 * A bad event is reported once: the next one is checked against its stored hash.
 */
export function* checkChain(
  db: Database.Database,
  secret: Buffer,
  fromPosition = 1,
  streamRevisions: Map<string, number> | null = new Map(),
): Generator<ChainFault, { events: number }> {
  let previousHash = GENESIS_HASH;
  let expectedPosition = fromPosition;
  if (fromPosition > 1) {
    const before = db.prepare('SELECT hash FROM events WHERE position = ?').get(fromPosition - 1) as
      | { hash: string }
      | undefined;
    if (!before) {
      yield { position: fromPosition - 1, message: `event ${fromPosition - 1} is missing` };
    } else {
      previousHash = before.hash;
    }
  }
  let count = 0;
  const rows = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? ORDER BY position`)
    .iterate(fromPosition) as IterableIterator<EventRow>;
  for (const row of rows) {
    count += 1;
    if (row.position !== expectedPosition) {
      yield {
        position: row.position,
        message:
          row.position > expectedPosition
            ? `positions ${expectedPosition}..${row.position - 1} are missing`
            : `position ${row.position} is out of order`,
      };
    }
    expectedPosition = row.position + 1;
    if (streamRevisions) {
      const expectedRevision = (streamRevisions.get(row.stream_id) ?? -1) + 1;
      if (row.revision !== expectedRevision) {
        yield {
          position: row.position,
          message: `stream ${row.stream_id} jumps to revision ${row.revision}, expected ${expectedRevision}`,
        };
      }
      streamRevisions.set(row.stream_id, row.revision);
    }
    const computed = chainHash(secret, previousHash, {
      position: row.position,
      streamId: row.stream_id,
      revision: row.revision,
      id: row.id,
      type: row.type,
      recordedAt: row.recorded_at,
      dataText: row.data,
      metadataText: row.metadata,
    });
    if (computed !== row.hash) {
      yield {
        position: row.position,
        message: `event ${row.position} (${row.type} in ${row.stream_id}) does not match its chain hash: it was changed, or an event before it was removed`,
      };
    }
    previousHash = row.hash;
  }
  return { events: count };
}

export function storedFingerprint(db: Database.Database): string | null {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'secret_fingerprint'").get() as
    | { value: string }
    | undefined;
  return row ? row.value : null;
}

export function secretMatches(db: Database.Database, secret: Buffer): boolean | null {
  const stored = storedFingerprint(db);
  return stored === null ? null : stored === secretFingerprint(secret);
}

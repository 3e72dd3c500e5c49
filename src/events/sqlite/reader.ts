import type Database from 'better-sqlite3';
import type { EventEnvelope, ReadAllOptions, ReadPage, ReadStreamOptions } from '../envelope.js';
import { InvalidInputError } from '../errors.js';
import { EVENT_COLUMNS, type EventRow, JOINED_EVENT_COLUMNS, rowToEnvelope } from './rows.js';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 10_000;
const MAX_TYPES = 100;
const HIGHEST_CODE_POINT = String.fromCodePoint(0x10ffff);
/**
 * Up to this many events under a stream prefix, reading them through the stream index and
 * sorting by position is cheapest; beyond it, walking the log in position order and skipping
 * other streams finds a page sooner (the sort would read every match to return a page).
 */
const PREFIX_SORT_LIMIT = 5000;

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new InvalidInputError(`limit must be an integer from 1 to ${MAX_PAGE}`);
  }
  return limit;
}

function cursor(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidInputError(`${name} must be an integer >= 0`);
  }
  return value;
}

function toMillis(value: string | number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const millis = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(millis)) {
    throw new InvalidInputError(`${name} must be an ISO 8601 time or epoch milliseconds`);
  }
  return millis;
}

/** The log's events found through the index: filters name the index's columns as `k.`. */
const THROUGH_INDEX = `SELECT ${JOINED_EVENT_COLUMNS} FROM idx.event_keys k JOIN main.events e ON e.position = k.position`;

/** A filter on one of the index's columns, as SQL for the index and for the log itself. */
interface KeyFilter {
  indexSql: string;
  logSql: string;
  values: unknown[];
  /** A stream prefix with few events under it, best found through the stream index. */
  narrowStreamRange?: boolean;
}

/**
 * Reads pages of the log; statements are prepared once per query shape. The index file lags the
 * log by at most `INDEX_TAIL_LIMIT` events, so reads through it also read that tail of the log.
 */
export class SqliteReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): ReadPage {
    const limit = pageLimit(options.limit);
    const from = cursor(options.fromRevision, 'fromRevision');
    const backwards = options.direction === 'backwards';
    const start = from ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const bound = backwards ? 'revision <= ?' : 'revision >= ?';
    const order = backwards ? 'DESC' : 'ASC';
    const indexed = this.indexedUpTo();
    // A stream's revisions grow with its positions: its events in the tail come after all of
    // its indexed ones.
    const rows = this.inOrder(
      backwards,
      limit + 1,
      (wanted) =>
        this.statement(
          `${THROUGH_INDEX} WHERE k.stream_id = ? AND k.${bound} AND k.position <= ? ORDER BY k.revision ${order} LIMIT ?`,
        ).all(streamId, start, indexed, wanted) as EventRow[],
      (wanted) =>
        this.statement(
          `SELECT ${EVENT_COLUMNS} FROM main.events WHERE position > ? AND stream_id = ? AND ${bound} ORDER BY revision ${order} LIMIT ?`,
        ).all(indexed, streamId, start, wanted) as EventRow[],
    );
    const more = rows.length > limit;
    const events = rows.slice(0, limit).map(rowToEnvelope);
    const last = events.at(-1);
    const next = more && last ? last.revision + (backwards ? -1 : 1) : null;
    return { events, next };
  }

  readAll(options: ReadAllOptions = {}): ReadPage {
    const limit = pageLimit(options.limit);
    const after = cursor(options.after, 'after');
    const backwards = options.direction === 'backwards';
    const filters = this.keyFilters(options);
    // The positions a read may return, as one range [from, to): one range per query, so that
    // SQLite walks positions from the right place.
    let from = 1;
    let to = Number.MAX_SAFE_INTEGER;
    if (after !== undefined) {
      if (backwards) to = after;
      else from = after + 1;
    }
    const since = toMillis(options.since, 'since');
    const until = toMillis(options.until, 'until');
    if (since !== undefined) from = Math.max(from, this.firstPositionAtOrAfter(since));
    if (until !== undefined) to = Math.min(to, this.firstPositionAtOrAfter(until));
    const order = backwards ? 'DESC' : 'ASC';

    let rows: EventRow[];
    if (filters.length === 0) {
      // Without filters on the index's columns, the log is read on its own.
      rows = this.statement(
        `SELECT ${EVENT_COLUMNS} FROM main.events WHERE position >= ? AND position < ? ORDER BY position ${order} LIMIT ?`,
      ).all(from, to, limit + 1) as EventRow[];
    } else {
      const indexed = this.indexedUpTo();
      const conditions = filters.map((filter) => filter.indexSql);
      const values = filters.flatMap((filter) => filter.values);
      // Few events under a stream prefix are found through the stream index and then sorted:
      // a unary + keeps SQLite from walking positions instead, which would read every event
      // since the cursor to find them.
      const position = filters.some((filter) => filter.narrowStreamRange)
        ? '+k.position'
        : 'k.position';
      const tailConditions = filters.map((filter) => filter.logSql);
      // Events in the tail come after every indexed one. Through the index, the page's
      // positions are found (and sorted) on the index alone; only the events of the page are
      // then read from the log.
      rows = this.inOrder(
        backwards,
        limit + 1,
        (wanted) =>
          this.statement(
            `SELECT ${JOINED_EVENT_COLUMNS} FROM (SELECT k.position FROM idx.event_keys k WHERE ${position} >= ? AND ${position} < ? AND ${conditions.join(' AND ')} ORDER BY k.position ${order} LIMIT ?) page JOIN main.events e ON e.position = page.position ORDER BY e.position ${order}`,
          ).all(from, Math.min(to, indexed + 1), ...values, wanted) as EventRow[],
        (wanted) =>
          this.statement(
            `SELECT ${EVENT_COLUMNS} FROM main.events WHERE position >= ? AND position < ? AND ${tailConditions.join(' AND ')} ORDER BY position ${order} LIMIT ?`,
          ).all(Math.max(from, indexed + 1), to, ...values, wanted) as EventRow[],
      );
    }
    const more = rows.length > limit;
    const events: EventEnvelope[] = rows.slice(0, limit).map(rowToEnvelope);
    const last = events.at(-1);
    return { events, next: more && last ? last.position : null };
  }

  /** The filters of a read on the index's columns, for the index (`k.`) and for the log's tail. */
  private keyFilters(options: ReadAllOptions): KeyFilter[] {
    const filters: KeyFilter[] = [];
    if (options.types !== undefined) {
      if (options.types.length === 0 || options.types.length > MAX_TYPES) {
        throw new InvalidInputError(`types must list 1 to ${MAX_TYPES} event types`);
      }
      const marks = options.types.map(() => '?').join(', ');
      filters.push({
        indexSql: `k.type IN (${marks})`,
        logSql: `type IN (${marks})`,
        values: [...options.types],
      });
    }
    if (options.streamPrefix !== undefined && options.streamPrefix !== '') {
      const upper = options.streamPrefix + HIGHEST_CODE_POINT;
      // Many events under the prefix: walking positions finds a page sooner, so a unary +
      // keeps SQLite from using the stream index for this term.
      const many = this.manyUnderPrefix(options.streamPrefix, upper);
      const plus = many ? '+' : '';
      filters.push({
        indexSql: `${plus}k.stream_id >= ? AND ${plus}k.stream_id < ?`,
        logSql: 'stream_id >= ? AND stream_id < ?',
        values: [options.streamPrefix, upper],
        narrowStreamRange: !many,
      });
    }
    if (options.agentId !== undefined) {
      filters.push({
        indexSql: 'k.agent_id = ?',
        logSql: 'agent_id = ?',
        values: [options.agentId],
      });
    }
    if (options.correlationId !== undefined) {
      filters.push({
        indexSql: 'k.correlation_id = ?',
        logSql: 'correlation_id = ?',
        values: [options.correlationId],
      });
    }
    return filters;
  }

  /**
   * Up to `wanted` rows in read order from the index and the log's tail after it: forwards the
   * index's rows come first, backwards the tail's; the second is read only if the first leaves
   * room.
   */
  private inOrder(
    backwards: boolean,
    wanted: number,
    fromIndex: (wanted: number) => EventRow[],
    fromTail: (wanted: number) => EventRow[],
  ): EventRow[] {
    const [first, second] = backwards ? [fromTail, fromIndex] : [fromIndex, fromTail];
    const rows = first(wanted);
    if (rows.length < wanted) rows.push(...second(wanted - rows.length));
    return rows;
  }

  /** The last position the index holds; the log's events after it are its unindexed tail. */
  private indexedUpTo(): number {
    const row = this.statement('SELECT max(position) AS position FROM idx.event_keys').get() as {
      position: number | null;
    };
    return row.position ?? 0;
  }

  private manyUnderPrefix(prefix: string, upper: string): boolean {
    const row = this.statement(
      'SELECT count(*) AS n FROM (SELECT 1 FROM idx.event_keys WHERE stream_id >= ? AND stream_id < ? LIMIT ?)',
    ).get(prefix, upper, PREFIX_SORT_LIMIT) as { n: number };
    return row.n >= PREFIX_SORT_LIMIT;
  }

  /**
   * recorded_ms never decreases along the log, so a time bound is a position bound, found by a
   * binary search over positions (a handful of primary-key lookups, no index of its own).
   */
  private firstPositionAtOrAfter(millis: number): number {
    const at = this.statement(
      'SELECT recorded_ms AS ms FROM main.events WHERE position >= ? ORDER BY position LIMIT 1',
    );
    let low = 1;
    let high = this.headPosition() + 1;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const row = at.get(middle) as { ms: number } | undefined;
      if (row && row.ms >= millis) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  streamRevision(streamId: string): number {
    const indexed = this.indexedUpTo();
    const inTail = this.statement(
      'SELECT revision FROM main.events WHERE position > ? AND stream_id = ? ORDER BY position DESC LIMIT 1',
    ).get(indexed, streamId) as { revision: number } | undefined;
    if (inTail) return inTail.revision;
    const row = this.statement(
      'SELECT revision FROM idx.event_keys WHERE stream_id = ? AND position <= ? ORDER BY revision DESC LIMIT 1',
    ).get(streamId, indexed) as { revision: number } | undefined;
    return row ? row.revision : -1;
  }

  headPosition(): number {
    const row = this.statement('SELECT max(position) AS position FROM main.events').get() as {
      position: number | null;
    };
    return row.position ?? 0;
  }
}

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

/** Reads pages of the log; statements are prepared once per query shape. */
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
    const sql = backwards
      ? `${THROUGH_INDEX} WHERE k.stream_id = ? AND k.revision <= ? ORDER BY k.revision DESC LIMIT ?`
      : `${THROUGH_INDEX} WHERE k.stream_id = ? AND k.revision >= ? ORDER BY k.revision ASC LIMIT ?`;
    const start = from ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const rows = this.statement(sql).all(streamId, start, limit + 1) as EventRow[];
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
    // Filters on the index's columns; without any, the log is read on its own.
    const keyed: string[] = [];
    const keyParams: unknown[] = [];
    if (options.types !== undefined) {
      if (options.types.length === 0 || options.types.length > MAX_TYPES) {
        throw new InvalidInputError(`types must list 1 to ${MAX_TYPES} event types`);
      }
      keyed.push(`k.type IN (${options.types.map(() => '?').join(', ')})`);
      keyParams.push(...options.types);
    }
    if (options.streamPrefix !== undefined && options.streamPrefix !== '') {
      const upper = options.streamPrefix + HIGHEST_CODE_POINT;
      // A unary + keeps SQLite from using the stream index for this term.
      keyed.push(
        this.manyUnderPrefix(options.streamPrefix, upper)
          ? '+k.stream_id >= ? AND +k.stream_id < ?'
          : 'k.stream_id >= ? AND k.stream_id < ?',
      );
      keyParams.push(options.streamPrefix, upper);
    }
    if (options.agentId !== undefined) {
      keyed.push('k.agent_id = ?');
      keyParams.push(options.agentId);
    }
    if (options.correlationId !== undefined) {
      keyed.push('k.correlation_id = ?');
      keyParams.push(options.correlationId);
    }
    const position = keyed.length > 0 ? 'k.position' : 'position';
    const where: string[] = [];
    const params: unknown[] = [];
    if (after !== undefined) {
      where.push(backwards ? `${position} < ?` : `${position} > ?`);
      params.push(after);
    }
    where.push(...keyed);
    params.push(...keyParams);
    const since = toMillis(options.since, 'since');
    const until = toMillis(options.until, 'until');
    if (since !== undefined) {
      where.push(`${position} >= ?`);
      params.push(this.firstPositionAtOrAfter(since));
    }
    if (until !== undefined) {
      where.push(`${position} < ?`);
      params.push(this.firstPositionAtOrAfter(until));
    }
    const order = backwards ? 'DESC' : 'ASC';
    const conditions = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
    // Through the index, the page's positions are found (and sorted) on the index alone; only
    // the events of the page are then read from the log.
    const sql =
      keyed.length > 0
        ? `SELECT ${JOINED_EVENT_COLUMNS} FROM (SELECT k.position FROM idx.event_keys k${conditions} ORDER BY k.position ${order} LIMIT ?) page JOIN main.events e ON e.position = page.position ORDER BY e.position ${order}`
        : `SELECT ${EVENT_COLUMNS} FROM main.events${conditions} ORDER BY position ${order} LIMIT ?`;
    params.push(limit + 1);
    const rows = this.statement(sql).all(...params) as EventRow[];
    const more = rows.length > limit;
    const events: EventEnvelope[] = rows.slice(0, limit).map(rowToEnvelope);
    const last = events.at(-1);
    return { events, next: more && last ? last.position : null };
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
    const row = this.statement(
      'SELECT revision FROM idx.event_keys WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ).get(streamId) as { revision: number } | undefined;
    return row ? row.revision : -1;
  }

  headPosition(): number {
    const row = this.statement('SELECT max(position) AS position FROM main.events').get() as {
      position: number | null;
    };
    return row.position ?? 0;
  }
}

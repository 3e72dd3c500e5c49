import Database from 'better-sqlite3';
import type { ReadAllOptions } from '../../src/events/envelope.js';
import { attachIndex } from '../../src/events/sqlite/index-file.js';
import { SqliteReader } from '../../src/events/sqlite/reader.js';
import { READ_CACHE_KIB } from '../../src/events/sqlite/schema.js';

interface ExecutedQuery {
  sql: string;
  params: unknown[];
}

export interface QueryPlan {
  sql: string;
  /** EXPLAIN QUERY PLAN's lines, indented by depth. */
  lines: string[];
}

/**
 * Shows how SQLite runs the store's own readAll queries: a second connection to the database
 * file (with the index file attached, as the store has it) under the product's SqliteReader, whose statements are watched so that the exact SQL
 * and parameters of the page query can be explained.
 */
export class QueryPlans {
  private readonly db: Database.Database;
  private readonly reader: SqliteReader;
  private lastPageQuery: ExecutedQuery | undefined;

  constructor(databaseFile: string) {
    this.db = new Database(databaseFile, { fileMustExist: true });
    attachIndex(this.db, databaseFile, READ_CACHE_KIB);
    this.reader = new SqliteReader(this.watching(this.db));
  }

  explain(options: ReadAllOptions): QueryPlan {
    this.lastPageQuery = undefined;
    this.reader.readAll(options);
    const query = this.lastPageQuery as ExecutedQuery | undefined;
    if (query === undefined) throw new Error('readAll ran no page query');
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as Array<{
      id: number;
      parent: number;
      detail: string;
    }>;
    const depth = new Map<number, number>([[0, 0]]);
    const lines = rows.map((row) => {
      const level = (depth.get(row.parent) ?? 0) + 1;
      depth.set(row.id, level);
      return `${'  '.repeat(level - 1)}${row.detail}`;
    });
    return { sql: query.sql, lines };
  }

  close(): void {
    this.db.close();
  }

  /** The connection with `prepare` wrapped so that every statement's `all()` is recorded. */
  private watching(db: Database.Database): Database.Database {
    const record = (query: ExecutedQuery): void => {
      this.lastPageQuery = query;
    };
    const watchStatement = (statement: Database.Statement, sql: string): Database.Statement =>
      new Proxy(statement, {
        get(target, property) {
          if (property === 'all') {
            return (...params: unknown[]) => {
              record({ sql, params });
              return target.all(...params);
            };
          }
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    return new Proxy(db, {
      get(target, property) {
        if (property === 'prepare') {
          return (sql: string) => watchStatement(target.prepare(sql), sql);
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}

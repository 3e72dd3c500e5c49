import type { SqlKind } from './sql-kinds.js';

/**
 * The top-level words of each SQL statement, upper-cased, with string literals, quoted
 * identifiers, comments and parenthesized parts left out: `SELECT 'DROP TABLE x'` has no DROP.
 */
function statementsOf(sql: string): string[][] {
  const statements: string[][] = [];
  let words: string[] = [];
  let depth = 0;
  let index = 0;
  const flush = () => {
    if (words.length > 0) statements.push(words);
    words = [];
  };
  while (index < sql.length) {
    const char = sql[index] as string;
    if (char === '-' && sql[index + 1] === '-') {
      const end = sql.indexOf('\n', index);
      index = end === -1 ? sql.length : end;
    } else if (char === '/' && sql[index + 1] === '*') {
      const end = sql.indexOf('*/', index + 2);
      index = end === -1 ? sql.length : end + 2;
    } else if (char === "'" || char === '"' || char === '`') {
      const end = closingQuote(sql, index, char);
      if (char !== "'" && depth === 0) words.push('IDENTIFIER');
      index = end + 1;
    } else if (char === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(index))) {
      const tag = (/^\$[A-Za-z_]*\$/.exec(sql.slice(index)) as RegExpExecArray)[0];
      const end = sql.indexOf(tag, index + tag.length);
      index = end === -1 ? sql.length : end + tag.length;
    } else if (char === '(') {
      depth += 1;
      index += 1;
    } else if (char === ')') {
      depth = Math.max(0, depth - 1);
      index += 1;
    } else if (char === ';') {
      flush();
      depth = 0;
      index += 1;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_$.]*/.exec(sql.slice(index)) as RegExpExecArray;
      if (depth === 0) words.push(match[0].toUpperCase());
      index += match[0].length;
    } else {
      index += 1;
    }
  }
  flush();
  return statements;
}

function closingQuote(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === '\\' && quote !== '"') index += 2;
    else if (sql[index] === quote) {
      if (sql[index + 1] !== quote) return index;
      index += 2;
    } else index += 1;
  }
  return sql.length;
}

const DROP_TARGETS: Record<string, SqlKind> = {
  DATABASE: 'drop-database',
  SCHEMA: 'drop-schema',
  TABLE: 'drop-table',
};

const MAIN_VERBS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

function classifyStatement(words: readonly string[]): SqlKind | null {
  let at = 0;
  if (words[0] === 'EXPLAIN') {
    // a plain EXPLAIN only plans the statement; EXPLAIN ANALYZE runs it
    if (words[1] !== 'ANALYZE') return null;
    at = 2;
  }
  if (words[at] === 'WITH') {
    at = words.findIndex((word, index) => index > at && MAIN_VERBS.has(word));
    if (at === -1) return null;
  }
  const [first, second] = [words[at], words[at + 1]];
  switch (first) {
    case 'DROP':
      return DROP_TARGETS[second ?? ''] ?? 'drop-other';
    case 'TRUNCATE':
      return 'truncate';
    case 'DELETE':
      return words.includes('WHERE') ? null : 'delete-without-where';
    case 'UPDATE':
      return words.includes('WHERE') ? null : 'update-without-where';
    case 'ALTER':
      return words.includes('DROP') ? 'alter-drop' : null;
    default:
      return null;
  }
}

export interface SqlFinding {
  kind: SqlKind;
  /** The statement's leading words, for evidence. */
  statement: string;
}

/** Every destructive statement in a piece of SQL. */
export function classifySql(sql: string): SqlFinding[] {
  const findings: SqlFinding[] = [];
  for (const words of statementsOf(sql)) {
    const kind = classifyStatement(words);
    if (kind) findings.push({ kind, statement: words.slice(0, 4).join(' ') });
  }
  return findings;
}

import type { Role } from '../../../src/agents/principal.js';
import type { Verdict } from '../../../src/guard/index.js';

/** The machine the case tables imagine: a user's home with the project inside it. */
export const HOME = '/home/dev';
export const PROJECT = '/home/dev/work/app';

/** One row of a case table: a call and the verdict it must get. */
export interface GuardCase {
  /** A shell command for the Bash tool, unless `tool` is given. */
  command?: string;
  tool?: string;
  input?: Record<string, unknown>;
  /** Relative to the project root (the root when absent), or absolute. */
  cwd?: string;
  role?: Role;
  expect: Verdict;
  /** A rule that must be among the matches; for allows, no rule may count. */
  rule?: string;
}

export function caseName(row: GuardCase): string {
  const what = row.command ?? `${row.tool} ${JSON.stringify(row.input)}`;
  const where = row.cwd ? ` (in ${row.cwd})` : '';
  return `${row.expect}: ${what}${where}`;
}

import path from 'node:path';
import { isRole, type Role } from '../agents/principal.js';
import { InvalidInputError } from '../events/errors.js';
import type { Guard } from './guard.js';
import type { Decision, Verdict } from './types.js';

/** One expectation of a project's policy: this call, by this role, gets this verdict. */
export interface PolicyCase {
  /** Bash unless given. */
  tool?: string;
  /** Shorthand for Bash's input. */
  command?: string;
  input?: Record<string, unknown>;
  /** Relative to the project root; the project root unless given. */
  cwd?: string;
  role?: Role;
  agent?: string;
  expect: Verdict;
}

export interface PolicyCaseMiss {
  /** Position in the list (the line number for JSONL files). */
  line: number;
  case: PolicyCase;
  got: Verdict;
  decision: Decision;
}

export interface PolicyCaseReport {
  total: number;
  passed: number;
  misses: PolicyCaseMiss[];
}

const VERDICTS: readonly string[] = ['deny', 'ask', 'allow'];

/** Checks one parsed case; throws InvalidInputError naming the line and the field. */
export function checkPolicyCase(value: unknown, line: number): PolicyCase {
  const refuse = (problem: string) =>
    new InvalidInputError(`case on line ${line}: ${problem}`, { line });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw refuse('must be a JSON object');
  const item = value as Record<string, unknown>;
  const known = ['tool', 'command', 'input', 'cwd', 'role', 'agent', 'expect'];
  const unknown = Object.keys(item).find((key) => !known.includes(key));
  if (unknown) throw refuse(`unknown field "${unknown}" (known: ${known.join(', ')})`);
  if (typeof item.expect !== 'string' || !VERDICTS.includes(item.expect)) {
    throw refuse('expect must be "deny", "ask" or "allow"');
  }
  if ((item.command === undefined) === (item.input === undefined))
    throw refuse('give either command or input');
  if (item.command !== undefined && typeof item.command !== 'string')
    throw refuse('command must be a string');
  if (
    item.input !== undefined &&
    (typeof item.input !== 'object' || item.input === null || Array.isArray(item.input))
  ) {
    throw refuse('input must be an object');
  }
  if (item.command !== undefined && item.tool !== undefined && item.tool !== 'Bash') {
    throw refuse('command is for Bash; give input for other tools');
  }
  for (const field of ['tool', 'cwd', 'agent'] as const) {
    if (item[field] !== undefined && typeof item[field] !== 'string')
      throw refuse(`${field} must be a string`);
  }
  if (item.role !== undefined && (typeof item.role !== 'string' || !isRole(item.role))) {
    throw refuse('role must be admin, builder, expert or observer');
  }
  return item as unknown as PolicyCase;
}

/** Reads a JSONL file's text: one case per line; blank lines and lines starting with # are skipped. */
export function parsePolicyCases(text: string): { line: number; case: PolicyCase }[] {
  return text.split('\n').flatMap((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return [];
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new InvalidInputError(`case on line ${line}: not JSON (${(error as Error).message})`, {
        line,
      });
    }
    return [{ line, case: checkPolicyCase(value, line) }];
  });
}

/** Runs the cases through the guard and reports every one whose verdict differs. */
export function runPolicyCases(
  guard: Pick<Guard, 'decide'>,
  cases: readonly (PolicyCase | { line: number; case: PolicyCase })[],
  where: { projectRoot: string },
): PolicyCaseReport {
  const misses: PolicyCaseMiss[] = [];
  cases.forEach((entry, index) => {
    const { line, case: item } = 'case' in entry ? entry : { line: index + 1, case: entry };
    const role = item.role ?? 'builder';
    const decision = guard.decide({
      tool: item.tool ?? 'Bash',
      input: item.command !== undefined ? { command: item.command } : item.input,
      cwd: path.resolve(where.projectRoot, item.cwd ?? '.'),
      agent: { agentId: `case-${line}`, name: item.agent ?? `policy-case-${role}`, role },
    });
    if (decision.verdict !== item.expect)
      misses.push({ line, case: item, got: decision.verdict, decision });
  });
  return { total: cases.length, passed: cases.length - misses.length, misses };
}

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import {
  createGuard,
  type PolicyCase,
  type PolicyCaseMiss,
  parsePolicyCases,
  runPolicyCases,
} from '../../guard/index.js';

export interface PolicyTestOptions {
  casesFile: string;
  projectRoot: string;
  dataDir: string;
}

function describeCase(item: PolicyCase): string {
  const call = item.command ?? `${item.tool ?? 'Bash'} ${JSON.stringify(item.input)}`;
  const who = item.agent ?? item.role;
  return who ? `${call} (as ${who})` : call;
}

function describeMiss(file: string, miss: PolicyCaseMiss): string {
  const rules = miss.decision.matches.map((match) => match.ruleId).join(', ') || 'no rule';
  return `${file}:${miss.line}: expected ${miss.case.expect}, got ${miss.got} (${rules}): ${describeCase(miss.case)}`;
}

/**
 * Runs a JSONL table of cases against the project's policy with the local engine. Prints every
 * miss and a summary; the exit code is 1 when any case missed.
 */
export function testPolicy(options: PolicyTestOptions): number {
  const cases = parsePolicyCases(readFileSync(options.casesFile, 'utf8'));
  const guard = createGuard({
    projectRoot: options.projectRoot,
    home: homedir(),
    dataDir: options.dataDir,
  });
  try {
    const report = runPolicyCases(guard, cases, { projectRoot: options.projectRoot });
    for (const miss of report.misses) {
      process.stdout.write(`${describeMiss(options.casesFile, miss)}\n`);
    }
    process.stdout.write(
      `${report.passed} of ${report.total} cases pass, ${report.misses.length} missed (policy ${guard.policyVersion})\n`,
    );
    return report.misses.length === 0 ? 0 : 1;
  } finally {
    guard.close();
  }
}

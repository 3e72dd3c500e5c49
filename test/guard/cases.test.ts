import { afterAll, describe, expect, it } from 'vitest';
import { createGuard } from '../../src/guard/index.js';
import { caseName, type GuardCase, HOME, PROJECT } from './cases/case.js';
import { databaseCases } from './cases/databases.js';
import { everydayCases } from './cases/everyday.js';
import { fileToolCases } from './cases/file-tools.js';
import { filesystemCases } from './cases/filesystem.js';
import { gitCases } from './cases/git.js';
import { infrastructureCases } from './cases/infrastructure.js';
import { publishingCases } from './cases/publishing.js';
import { remoteCodeCases } from './cases/remote-code.js';
import { secretCases } from './cases/secrets.js';
import { systemCases } from './cases/system.js';
import { trapCases } from './cases/traps.js';
import { webAndMcpCases } from './cases/web-mcp.js';
import { callOf } from './support.js';

const TABLES: [string, GuardCase[]][] = [
  ['filesystem', filesystemCases],
  ['git', gitCases],
  ['secrets and credentials', secretCases],
  ['remote code', remoteCodeCases],
  ['privilege and system', systemCases],
  ['publishing', publishingCases],
  ['databases', databaseCases],
  ['containers, clusters, clouds', infrastructureCases],
  ['file tools', fileToolCases],
  ['web and MCP', webAndMcpCases],
  ['traps: dangerous words as data', trapCases],
  ['everyday commands', everydayCases],
];

const guard = createGuard({ projectRoot: PROJECT, home: HOME });
afterAll(() => guard.close());

describe.each(TABLES)('%s', (_table, rows) => {
  it.each(rows.map((row) => [caseName(row), row] as const))('%s', (_name, row) => {
    const decision = guard.decide(callOf(row));
    const counted = decision.matches.filter((match) => match.decision !== 'allow');
    const summary = {
      verdict: decision.verdict,
      rules: counted.map((match) => match.ruleId),
      reason: decision.reason,
    };
    expect(summary.verdict, JSON.stringify(summary, null, 2)).toBe(row.expect);
    if (row.rule) expect(summary.rules, decision.reason).toContain(row.rule);
    if (row.expect === 'allow') expect(summary.rules).toEqual([]);
    if (row.expect !== 'allow') expect(decision.reason).toContain('[rule ');
  });
});

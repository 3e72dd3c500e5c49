import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('lighthouse-bridge explain', () => {
  it('prints the verdict, the matching rules, their words and why', async () => {
    const project = tempDir();
    const result = await runCli(['explain', 'git reset --hard HEAD~1'], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^verdict: deny/);
    expect(result.stdout).toMatch(/deny git\.reset-hard \(git, counted\)/);
    expect(result.stdout).toMatch(/matched: .*reset/);
    expect(result.stdout).toMatch(/why: /);
    expect(result.stdout).toMatch(/reason given to the agent:/);
  });

  it('says so when nothing matched, and prints JSON on request', async () => {
    const project = tempDir();
    const plain = await runCli(['explain', 'ls -la', '--cwd', project], { cwd: project });
    expect(plain.stdout).toMatch(/^verdict: allow/);
    expect(plain.stdout).toMatch(/no rule matched/);
    const json = await runCli(['explain', 'rm -rf ~', '--json'], { cwd: project });
    const explanation = JSON.parse(json.stdout);
    expect(explanation.verdict).toBe('deny');
    expect(explanation.matches[0]).toMatchObject({
      ruleId: 'fs.delete-home-or-root',
      locked: true,
    });
  });
});

describe('lighthouse-bridge policy test', () => {
  function casesFile(dir: string, lines: unknown[]): string {
    const file = join(dir, 'cases.jsonl');
    writeFileSync(
      file,
      `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`,
    );
    return file;
  }

  it('exits 0 when every case gets its verdict', async () => {
    const project = tempDir();
    const file = casesFile(project, [
      '# the project’s own expectations',
      { command: 'rm -rf ~', expect: 'deny' },
      { command: 'ls -la', expect: 'allow' },
      { tool: 'Read', input: { file_path: 'src/a.ts' }, expect: 'allow' },
      '',
      { command: 'git stash drop', role: 'builder', expect: 'ask' },
    ]);
    const result = await runCli(['policy', 'test', file], { cwd: project });
    expect(result.stdout).toMatch(/4 of 4 cases pass, 0 missed/);
    expect(result.code).toBe(0);
  });

  it('prints every miss with its line and exits 1', async () => {
    const project = tempDir();
    const file = casesFile(project, [
      { command: 'ls -la', expect: 'allow' },
      { command: 'git reset --hard', expect: 'allow' },
      { command: 'rm -rf ~', expect: 'ask' },
    ]);
    const result = await runCli(['policy', 'test', file], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /cases\.jsonl:2: expected allow, got deny \(git\.reset-hard\): git reset --hard/,
    );
    expect(result.stdout).toMatch(
      /cases\.jsonl:3: expected ask, got deny \(fs\.delete-home-or-root[^)]*\): rm -rf ~/,
    );
    expect(result.stdout).toMatch(/1 of 3 cases pass, 2 missed/);
  });

  it('refuses a malformed case file, naming the line', async () => {
    const project = tempDir();
    const file = casesFile(project, [{ command: 'ls', expect: 'allow' }, '{"command": "ls"}']);
    const result = await runCli(['policy', 'test', file], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/case on line 2: expect must be/);
  });
});

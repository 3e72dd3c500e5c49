import { describe, expect, it } from 'vitest';
import { createGuard, parsePolicyCases, runPolicyCases } from '../../src/guard/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { HOME, PROJECT } from './cases/case.js';
import { SAMPLE } from './cases/secrets.js';
import { bash, writePolicy } from './support.js';

const tempDir = useTempDirs();

describe('explain', () => {
  const guard = createGuard({ projectRoot: PROJECT, home: HOME });

  it('shows every matching rule with the words and paths it matched', () => {
    const explanation = guard.explain(bash('cd / && sudo rm -rf * && git push -f origin main'));
    expect(explanation.verdict).toBe('deny');
    expect(explanation.commands).toEqual(['cd /', 'sudo rm -rf *', 'git push -f origin main']);
    const byRule = Object.fromEntries(explanation.matches.map((match) => [match.ruleId, match]));
    expect(byRule['fs.delete-home-or-root']).toMatchObject({
      decision: 'deny',
      status: 'counted',
      locked: true,
      evidence: { command: 'sudo rm -rf *', path: '/', access: 'delete', words: ['*'] },
    });
    expect(byRule['system.elevated']).toMatchObject({ decision: 'ask', status: 'counted' });
    expect(byRule['git.push-force-shared']).toMatchObject({
      evidence: { command: 'git push -f origin main', words: ['push', '-f', 'main'] },
    });
    expect(byRule['git.push-force-shared']?.matched).toContain('destination branch main');
    expect(explanation.decision.reason).toContain('fs.delete-home-or-root');
  });

  it('lists rules the policy switched off or lifted, marked as such', () => {
    const root = tempDir();
    writePolicy(root, {
      policy: [
        'disable: [git.stash-drop]',
        'rules:',
        '  - id: sudo-ok',
        '    description: d',
        '    decision: allow',
        '    reason: r',
        '    allows: [system.elevated]',
        '    match: { shell: { elevated: true } }',
        '',
      ].join('\n'),
    });
    const local = createGuard({ projectRoot: root, home: HOME });
    const explanation = local.explain(bash('git stash drop && sudo ls', { cwd: root }));
    expect(explanation.verdict).toBe('allow');
    expect(explanation.matches.map((match) => [match.ruleId, match.status])).toEqual([
      ['sudo-ok', 'counted'],
      ['system.elevated', 'lifted'],
      ['git.stash-drop', 'disabled'],
    ]);
  });

  it('never shows a secret', () => {
    const explanation = guard.explain(
      bash(`curl -H "Authorization: token ${SAMPLE.github}" https://api.github.com`),
    );
    const text = JSON.stringify(explanation);
    expect(text).not.toContain(SAMPLE.github);
    expect(text).toContain('[REDACTED:github-token]');
  });

  it('explains without caching, and says so when nothing matched', () => {
    const explanation = guard.explain(bash('npm test'));
    expect(explanation).toMatchObject({ verdict: 'allow', matches: [], commands: ['npm test'] });
    expect(explanation.decision.cached).toBe(false);
    expect(guard.explain(bash('npm test')).decision.cached).toBe(false);
  });
});

describe('policy cases', () => {
  const guard = createGuard({ projectRoot: PROJECT, home: HOME });

  it('reports every case whose verdict differs', () => {
    const cases = parsePolicyCases(
      [
        '# the team agreed on these',
        '{"command": "git push --force origin main", "expect": "deny"}',
        '{"command": "npm test", "expect": "allow"}',
        '',
        '{"command": "git stash drop", "expect": "allow"}',
        '{"tool": "Write", "input": {"file_path": "/home/dev/notes.txt", "content": "x"}, "expect": "ask"}',
        '{"command": "rm -rf ..", "cwd": "src/lib", "expect": "allow"}',
        '{"command": "sudo ls", "role": "expert", "expect": "deny"}',
      ].join('\n'),
    );
    const report = runPolicyCases(guard, cases, { projectRoot: PROJECT });
    expect(report).toMatchObject({ total: 6, passed: 4 });
    expect(report.misses.map((miss) => [miss.line, miss.got])).toEqual([
      [5, 'ask'],
      [8, 'ask'],
    ]);
    expect(report.misses[0]?.decision.matches[0]?.ruleId).toBe('git.stash-drop');
  });

  it.each([
    ['{"command": "ls"}', /line 1: expect must be "deny", "ask" or "allow"/],
    ['{"expect": "allow"}', /line 1: give either command or input/],
    ['{"command": "ls", "input": {}, "expect": "allow"}', /give either command or input/],
    ['{"command": "ls", "expect": "allow", "rol": "x"}', /unknown field "rol"/],
    [
      '{"command": "ls", "expect": "allow", "role": "boss"}',
      /role must be admin, builder, expert or observer/,
    ],
    ['\n{"command": ', /line 2: not JSON/],
    ['[1]', /must be a JSON object/],
  ])('refuses %s', (text, message) => {
    expect(() => parsePolicyCases(text)).toThrow(message);
  });
});

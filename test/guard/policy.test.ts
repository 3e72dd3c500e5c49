import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/agents/principal.js';
import { resolveConfig } from '../../src/config/index.js';
import {
  createGuard,
  type Guard,
  readGuardSection,
  type ToolCall,
  type Verdict,
} from '../../src/guard/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { HOME } from './cases/case.js';
import { agentOf, writePolicy } from './support.js';

const tempDir = useTempDirs();

function guardWith(files: { config?: string; policy?: string }): { guard: Guard; root: string } {
  const root = tempDir();
  writePolicy(root, files);
  return { guard: createGuard({ projectRoot: root, home: HOME }), root };
}

type CallMaker = (root: string) => Omit<ToolCall, 'agent'>;

const shell =
  (command: string): CallMaker =>
  (root) => ({ tool: 'Bash', input: { command }, cwd: root });
const tool =
  (name: string, input: (root: string) => unknown): CallMaker =>
  (root) => ({
    tool: name,
    input: input(root),
    cwd: root,
  });

function verdict(
  guard: Guard,
  root: string,
  make: CallMaker,
  role: Role = 'builder',
  name?: string,
): Verdict {
  return guard.decide({ ...make(root), agent: agentOf(role, name) }).verdict;
}

const CALLS: Record<string, CallMaker> = {
  'rm -rf ~ (locked deny)': shell('rm -rf ~'),
  'git reset --hard (deny)': shell('git reset --hard'),
  'git stash drop (ask, high risk)': shell('git stash drop'),
  'sudo ls (ask, high risk)': shell('sudo ls'),
  'npm publish (escalate, normal risk)': shell('npm publish'),
  'write outside the project (ask, permissive allows)': tool('Write', () => ({
    file_path: `${HOME}/notes.txt`,
    content: 'x',
  })),
  'WebFetch localhost (ask, normal risk)': tool('WebFetch', () => ({
    url: 'http://localhost:3000/',
    prompt: 'x',
  })),
  'an unknown tool': tool('Teleport', () => ({})),
  'a malformed input': tool('Bash', () => ({ command: 1 })),
  'an unparseable command': shell('echo "unterminated'),
  'npm test': shell('npm test'),
};

describe('profiles', () => {
  it.each([
    ['standard', ['deny', 'deny', 'ask', 'ask', 'ask', 'ask', 'ask', 'ask', 'ask', 'ask', 'allow']],
    [
      'strict',
      ['deny', 'deny', 'deny', 'deny', 'ask', 'deny', 'ask', 'deny', 'deny', 'deny', 'allow'],
    ],
    [
      'permissive',
      ['deny', 'deny', 'ask', 'ask', 'ask', 'allow', 'allow', 'ask', 'ask', 'ask', 'allow'],
    ],
  ])('%s', (profile, expected) => {
    const { guard, root } = guardWith({ policy: `profile: ${profile}\n` });
    const got = Object.values(CALLS).map((make) => verdict(guard, root, make));
    expect(Object.fromEntries(Object.keys(CALLS).map((name, index) => [name, got[index]]))).toEqual(
      Object.fromEntries(Object.keys(CALLS).map((name, index) => [name, expected[index]])),
    );
    guard.close();
  });
});

describe('project policy', () => {
  it('disables a rule that is not locked', () => {
    const { guard, root } = guardWith({ policy: 'disable: [git.reset-hard, git.stash-drop]\n' });
    expect(verdict(guard, root, shell('git reset --hard'))).toBe('allow');
    expect(verdict(guard, root, shell('git stash drop'))).toBe('allow');
    expect(verdict(guard, root, shell('git stash clear'))).toBe('deny');
  });

  it('raises and lowers decisions of rules that are not locked', () => {
    const { guard, root } = guardWith({
      policy:
        'decisions:\n  git.push-force-unknown-branch: deny\n  git.reset-hard: ask\n  system.elevated: escalate\n',
    });
    expect(verdict(guard, root, shell('git push --force'))).toBe('deny');
    expect(verdict(guard, root, shell('git reset --hard'))).toBe('ask');
    const decision = guard.decide({ ...shell('sudo ls')(root), agent: agentOf() });
    expect(decision).toMatchObject({ verdict: 'ask', decision: 'escalate' });
    expect(decision.reason).toContain('no reviewer is connected');
  });

  it('adds rules of its own, with lists of its own', () => {
    const { guard, root } = guardWith({
      policy: [
        'lists:',
        '  deployTargets: [deploy, release]',
        'rules:',
        '  - id: no-make-deploy',
        '    description: make deploy',
        '    decision: deny',
        '    reason: Deploys go through CI.',
        '    suggestion: Push a tag instead, for example `git tag v1.0.0`.',
        '    match:',
        '      shell:',
        '        command: make',
        '        subcommand: [$deployTargets]',
        '',
      ].join('\n'),
    });
    const decision = guard.decide({ ...shell('make release')(root), agent: agentOf() });
    expect(decision.verdict).toBe('deny');
    expect(decision.matches[0]).toMatchObject({
      ruleId: 'no-make-deploy',
      pack: 'project',
      locked: false,
    });
    expect(decision.reason).toContain('Deploys go through CI.');
    expect(decision.reason).toContain('git tag v1.0.0');
    expect(verdict(guard, root, shell('make test'))).toBe('allow');
  });

  it('protects paths and branches of its own', () => {
    const { guard, root } = guardWith({
      policy:
        'protectedPaths: [docs/legal/**]\nsharedBranches: [trunk]\nprotectedBranches: [trunk, production]\n',
    });
    expect(
      verdict(
        guard,
        root,
        tool('Write', (r) => ({ file_path: `${r}/docs/legal/terms.md`, content: 'x' })),
      ),
    ).toBe('deny');
    expect(verdict(guard, root, shell('rm -rf docs/legal'))).toBe('deny');
    expect(
      verdict(
        guard,
        root,
        tool('Write', (r) => ({ file_path: `${r}/docs/guide.md`, content: 'x' })),
      ),
    ).toBe('allow');
    expect(verdict(guard, root, shell('git push --force origin trunk'))).toBe('deny');
    expect(verdict(guard, root, shell('git push --force origin main'))).toBe('allow');
    expect(verdict(guard, root, shell('git push origin production'))).toBe('ask');
    expect(verdict(guard, root, shell('git push origin feature/x'))).toBe('allow');
  });

  it('an allow rule lifts the asks it names on the same command, never a deny', () => {
    const { guard, root } = guardWith({
      policy: [
        'rules:',
        '  - id: apt-installs',
        '    description: Installing packages with apt is fine here',
        '    decision: allow',
        '    reason: This container is disposable.',
        '    allows: [system.elevated, fs.delete-home-or-root, fs.system-paths]',
        '    match:',
        '      shell:',
        '        command: [apt-get, rm]',
        '        elevated: true',
        '',
      ].join('\n'),
    });
    expect(verdict(guard, root, shell('sudo apt-get install -y jq'))).toBe('allow');
    expect(verdict(guard, root, shell('sudo apt-get update && sudo systemctl stop docker'))).toBe(
      'ask',
    );
    expect(verdict(guard, root, shell('sudo rm -rf /'))).toBe('deny');
    const lifted = guard.decide({ ...shell('sudo apt-get install -y jq')(root), agent: agentOf() });
    expect(lifted.reason).toContain('system.elevated lifted');
  });

  it('lets an allow rule accept a tool the guard does not know', () => {
    const { guard, root } = guardWith({
      policy: [
        'rules:',
        '  - id: our-tool',
        '    description: Our own tool',
        '    decision: allow',
        '    reason: Built in-house.',
        '    allows: [guard.unknown-tool]',
        '    match:',
        '      tool:',
        '        name: [Teleport]',
        '',
      ].join('\n'),
    });
    expect(
      verdict(
        guard,
        root,
        tool('Teleport', () => ({})),
      ),
    ).toBe('allow');
    expect(
      verdict(
        guard,
        root,
        tool('Levitate', () => ({})),
      ),
    ).toBe('ask');
  });

  it.each([
    ['allow', 'allow'],
    ['deny', 'deny'],
  ] as const)('defaultDecision %s applies to unknown tools', (defaultDecision, expected) => {
    const { guard, root } = guardWith({ policy: `defaultDecision: ${defaultDecision}\n` });
    expect(
      verdict(
        guard,
        root,
        tool('Teleport', () => ({})),
      ),
    ).toBe(expected);
    expect(verdict(guard, root, shell('rm -rf ~'))).toBe('deny');
  });

  it('applies overrides per role and per agent', () => {
    const { guard, root } = guardWith({
      policy: [
        'roles:',
        '  expert:',
        '    profile: strict',
        '    rules:',
        '      - id: experts-read-only',
        '        description: Experts do not write',
        '        decision: deny',
        '        reason: Experts review; builders write.',
        '        match:',
        '          file:',
        '            access: [write, delete]',
        'agents:',
        '  ops-bot:',
        '    disable: [system.elevated]',
        '    decisions:',
        '      infra.kubectl-delete: allow',
        '',
      ].join('\n'),
    });
    const write = tool('Write', (r) => ({ file_path: `${r}/src/a.ts`, content: 'x' }));
    expect(verdict(guard, root, write, 'builder')).toBe('allow');
    expect(verdict(guard, root, write, 'expert')).toBe('deny');
    expect(verdict(guard, root, shell('git stash drop'), 'builder')).toBe('ask');
    expect(verdict(guard, root, shell('git stash drop'), 'expert')).toBe('deny');
    expect(verdict(guard, root, shell('sudo ls'), 'builder', 'ops-bot')).toBe('allow');
    expect(verdict(guard, root, shell('sudo ls'), 'builder', 'other-bot')).toBe('ask');
    expect(verdict(guard, root, shell('kubectl delete pod web'), 'builder', 'ops-bot')).toBe(
      'allow',
    );
    expect(verdict(guard, root, shell('kubectl delete ns prod'), 'builder', 'ops-bot')).toBe(
      'deny',
    );
    expect(verdict(guard, root, shell('sudo rm -rf /'), 'builder', 'ops-bot')).toBe('deny');
  });

  it('reads the guard section of lighthouse.yaml, with policy.yaml over it', () => {
    const { guard, root } = guardWith({
      config: 'port: 9000\nguard:\n  profile: strict\n  disable: [git.stash-drop]\n',
      policy: 'profile: permissive\n',
    });
    expect(verdict(guard, root, shell('git stash drop'))).toBe('allow');
    expect(verdict(guard, root, shell('git clean -f'))).toBe('ask');
    expect(guard.reloadStatus.files).toEqual([
      path.join(root, 'lighthouse.yaml'),
      path.join(root, '.lighthouse', 'policy.yaml'),
    ]);
  });

  it('lets a role layer of lighthouse.yaml win over the base of policy.yaml', () => {
    const { guard, root } = guardWith({
      config: 'guard:\n  roles:\n    expert:\n      profile: strict\n',
      policy: 'profile: permissive\n',
    });
    expect(verdict(guard, root, shell('git stash drop'), 'expert')).toBe('deny');
    expect(verdict(guard, root, shell('sudo ls'), 'builder')).toBe('ask');
  });

  it('takes the guard section from the config when it is given', () => {
    const root = tempDir();
    writePolicy(root, { config: 'guard:\n  profile: permissive\n' });
    const guard = createGuard({
      projectRoot: root,
      home: HOME,
      configSection: { profile: 'strict' },
    });
    expect(verdict(guard, root, shell('git stash drop'))).toBe('deny');
  });

  it('gives every distinct policy its own version, and the same policy the same one', () => {
    const root = tempDir();
    const policies = [
      '',
      'profile: strict\n',
      'profile: permissive\n',
      'disable: [git.stash-drop]\n',
      '',
    ];
    writePolicy(root, { policy: policies[0] });
    const guard = createGuard({ projectRoot: root, home: HOME });
    const versions = policies.map((policy) => {
      writePolicy(root, { policy });
      guard.reload();
      return guard.policyVersion;
    });
    expect(new Set(versions).size).toBe(4);
    expect(versions[4]).toBe(versions[0]);
    for (const version of versions) expect(version).toMatch(/^pv-[0-9a-f]{16}$/);
  });
});

describe('the guard section of lighthouse.yaml in the config', () => {
  it('is read with the rest of the file and handed to the guard', () => {
    const root = tempDir();
    writePolicy(root, { config: 'port: 9000\nguard:\n  profile: strict\n' });
    const config = resolveConfig({ cwd: root, env: {} });
    expect(readGuardSection(config)).toEqual({ profile: 'strict' });
    const guard = createGuard({
      projectRoot: root,
      home: HOME,
      configSection: readGuardSection(config),
    });
    expect(verdict(guard, root, shell('git stash drop'))).toBe('deny');
  });

  it('has its keys checked at start', () => {
    const root = tempDir();
    writePolicy(root, { config: 'guard:\n  profle: strict\n' });
    expect(() => resolveConfig({ cwd: root, env: {} })).toThrow(/unknown key "guard\.profle"/);
  });
});

describe('refused policies', () => {
  it.each([
    [
      'a profile that does not exist',
      'profile: lenient\n',
      'profile',
      /profile in \S+policy\.yaml:1:10 must be one of "standard", "strict", "permissive", got "lenient"/,
    ],
    ['an unknown key', 'profil: strict\n', 'profil', /unknown key "profil"/],
    [
      'a rule without a reason',
      'rules:\n  - id: x\n    description: d\n    decision: deny\n    match: { shell: { command: make } }\n',
      'rules[0].reason',
      /rules\[0\]\.reason in \S+ is required/,
    ],
    [
      'a rule with two kinds of match',
      'rules:\n  - id: x\n    description: d\n    decision: deny\n    reason: r\n    match: { shell: { command: make }, file: { access: [read] } }\n',
      'rules[0].match',
      /rules\[0\]\.match in \S+policy\.yaml:6:12/,
    ],
    [
      'a bad regular expression',
      'rules:\n  - id: x\n    description: d\n    decision: deny\n    reason: r\n    match: { shell: { regex: "(" } }\n',
      'rules[0].match.shell.regex',
      /rules\[0\]\.match\.shell\.regex in \S+policy\.yaml:6:30 is not a valid regular expression/,
    ],
    [
      'an unknown list',
      'rules:\n  - id: x\n    description: d\n    decision: deny\n    reason: r\n    match: { shell: { command: [$nope] } }\n',
      'rules[0].match.shell.command[0]',
      /names an unknown list \$nope/,
    ],
    [
      'disabling a locked rule',
      'disable:\n  - git.stash-drop\n  - fs.delete-home-or-root\n',
      'disable[1]',
      /disable\[1\] in \S+policy\.yaml:3:5 cannot disable "fs\.delete-home-or-root": it is locked/,
    ],
    [
      'disabling a rule that does not exist',
      'disable: [no.such-rule]\n',
      'disable[0]',
      /names no rule: "no\.such-rule"/,
    ],
    [
      'weakening a locked rule',
      'decisions:\n  fs.system-paths: ask\n',
      'decisions.fs.system-paths',
      /cannot weaken "fs\.system-paths" to ask: it is locked/,
    ],
    [
      'weakening a locked rule for a role',
      'roles:\n  builder:\n    decisions:\n      fs.delete-home-or-root: allow\n',
      'roles.builder.decisions.fs.delete-home-or-root',
      /it is locked/,
    ],
    [
      'a rule id the packs already use',
      'rules:\n  - id: git.reset-hard\n    description: d\n    decision: ask\n    reason: r\n    match: { shell: { command: git } }\n',
      'rules[0].id',
      /repeats the rule id "git\.reset-hard", already defined in pack git/,
    ],
    [
      'an allow rule that names nothing',
      'rules:\n  - id: x\n    description: d\n    decision: allow\n    reason: r\n    match: { shell: { command: make } }\n',
      'rules[0].allows',
      /must name the rules whose asks it lifts/,
    ],
    [
      'an allow rule naming an unknown rule',
      'rules:\n  - id: x\n    description: d\n    decision: allow\n    reason: r\n    allows: [nope]\n    match: { shell: { command: make } }\n',
      'rules[0].allows[0]',
      /names no rule: "nope"/,
    ],
    [
      'a locked ask',
      'rules:\n  - id: x\n    description: d\n    decision: ask\n    locked: true\n    reason: r\n    match: { shell: { command: make } }\n',
      'rules[0].locked',
      /only deny rules can be locked/,
    ],
    [
      'redefining a built-in list',
      'lists:\n  systemDirs: [/nothing]\n',
      'lists.systemDirs',
      /redefines the list \$systemDirs/,
    ],
    ['broken YAML', 'profile: [strict\n', null, /policy\.yaml:2:1/],
  ])('refuses %s', (_what, policy, key, message) => {
    const root = tempDir();
    writePolicy(root, { policy });
    let error: unknown;
    try {
      createGuard({ projectRoot: root, home: HOME });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      code: 'invalid_config',
      key,
      source: path.join(root, '.lighthouse', 'policy.yaml'),
    });
    expect((error as Error).message).toMatch(message);
  });

  it('names the guard section when lighthouse.yaml is at fault', () => {
    const root = tempDir();
    writePolicy(root, { config: 'port: 9000\nguard:\n  disable:\n    - fs.system-paths\n' });
    expect(() => createGuard({ projectRoot: root, home: HOME })).toThrow(
      /guard\.disable\[0\] in \S+lighthouse\.yaml:4:7 cannot disable "fs\.system-paths": it is locked/,
    );
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createGuard,
  type EscalationRequest,
  NO_REVIEWER_NOTE,
  type ToolCall,
} from '../../src/guard/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { HOME } from './cases/case.js';
import { agentOf, writePolicy } from './support.js';

const tempDir = useTempDirs();

/** A project rule escalating `make <target>`, with extra fields. */
function makeRule(id: string, target: string, fields: string[] = []): string {
  return [
    `  - id: ${id}`,
    `    description: make ${target}`,
    '    decision: escalate',
    `    reason: make ${target} needs a second pair of eyes.`,
    ...fields.map((field) => `    ${field}`),
    '    match:',
    '      shell:',
    '        command: make',
    `        subcommand: [${target}]`,
  ].join('\n');
}

const RULES = [
  'rules:',
  makeRule('make-release', 'release', ['capability: release']),
  makeRule('make-migrate', 'migrate', ['capability: dba', 'risk: high', 'fallback: allow']),
  makeRule('make-seed', 'seed', ['fallback: allow']),
  makeRule('make-clean', 'clean', ['capability: ops', 'fallback: allow']),
  '  - id: make-seed-dry-run',
  '    description: make seed --dry-run changes nothing',
  '    decision: allow',
  '    reason: A dry run changes nothing.',
  '    allows: [make-seed]',
  '    match:',
  '      shell:',
  '        command: make',
  '        subcommand: [seed]',
  '        flags:',
  '          any: [--dry-run]',
  'decisions:',
  '  system.elevated: escalate',
  '',
].join('\n');

function guardWith(policy: string) {
  const root = tempDir();
  writePolicy(root, { policy });
  const guard = createGuard({ projectRoot: root, home: HOME });
  const call = (tool: string, input: Record<string, unknown>): ToolCall => ({
    tool,
    input,
    cwd: root,
    agent: agentOf(),
  });
  return { guard, root, call };
}

describe('escalations as the engine describes them', () => {
  const escalating: [
    string,
    (root: string) => [string, Record<string, unknown>],
    Partial<EscalationRequest>,
  ][] = [
    [
      "a project rule naming its reviewers' capability",
      () => ['Bash', { command: 'make release' }],
      { ruleIds: ['make-release'], capability: 'release', risk: 'normal', fallback: 'deny' },
    ],
    [
      'a high-risk rule falling back to allow',
      () => ['Bash', { command: 'make migrate' }],
      { ruleIds: ['make-migrate'], capability: 'dba', risk: 'high', fallback: 'allow' },
    ],
    [
      'a rule of a normal-risk pack, naming no capability',
      () => ['Bash', { command: 'npm publish' }],
      { ruleIds: ['publish.npm'], capability: null, risk: 'normal', fallback: 'deny' },
    ],
    [
      'a rule of a high-risk pack',
      (root) => ['Write', { file_path: path.join(root, 'lighthouse.yaml'), content: 'port: 1\n' }],
      { ruleIds: ['bridge.policy-edit'], capability: null, risk: 'high', fallback: 'deny' },
    ],
    [
      'a rule the policy made escalate, keeping its pack’s risk',
      () => ['Bash', { command: 'sudo ls' }],
      { ruleIds: ['system.elevated'], risk: 'high', fallback: 'deny' },
    ],
    [
      'several rules: the first capability, the highest risk, the strictest fallback',
      () => ['Bash', { command: 'make clean && make migrate && make seed' }],
      {
        ruleIds: ['make-clean', 'make-migrate', 'make-seed'],
        capability: 'ops',
        risk: 'high',
        fallback: 'allow',
      },
    ],
    [
      'a fallback of deny among allows',
      () => ['Bash', { command: 'make seed && make release' }],
      { ruleIds: ['make-seed', 'make-release'], capability: 'release', fallback: 'deny' },
    ],
  ];

  it.each(escalating)('%s', (_name, make, expected) => {
    const { guard, root, call } = guardWith(RULES);
    const decision = guard.decide(call(...make(root)));
    expect(decision).toMatchObject({ verdict: 'ask', decision: 'escalate' });
    expect(decision.escalation).toMatchObject(expected);
    // the experts read what the rules say; the engine's own answer adds that the user is asked
    expect(decision.escalation?.reason).not.toContain(NO_REVIEWER_NOTE);
    expect(decision.reason).toBe(`${decision.escalation?.reason}\n${NO_REVIEWER_NOTE}`);
  });

  it.each<[string, string, string, 'deny' | 'allow']>([
    ['a deny among the matches', RULES, 'make release && git reset --hard', 'deny'],
    ['an allow rule lifting the escalation', RULES, 'make seed --dry-run', 'allow'],
    ['the strict profile on a high-risk rule', `profile: strict\n${RULES}`, 'make migrate', 'deny'],
  ])('describes no escalation for %s', (_name, policy, command, verdict) => {
    const { guard, call } = guardWith(policy);
    const decision = guard.decide(call('Bash', { command }));
    expect(decision.verdict).toBe(verdict);
    expect(decision.escalation).toBeUndefined();
  });

  it('caches the rules’ escalation, which depends on nothing outside the policy', () => {
    const { guard, call } = guardWith(RULES);
    const first = guard.decide(call('Bash', { command: 'make release' }));
    const second = guard.decide(call('Bash', { command: 'make release' }));
    expect(second.cached).toBe(true);
    expect(second.escalation).toEqual(first.escalation);
  });

  it.each<[string, string, RegExp]>([
    ['capability: Release Team', 'capability', /must match pattern/],
    ['risk: extreme', 'risk', /must be one of "high", "normal"/],
    ['fallback: ask', 'fallback', /must be one of "allow", "deny"/],
  ])('refuses `%s` in a rule, naming the key', (field, key, message) => {
    const root = tempDir();
    writePolicy(root, { policy: `rules:\n${makeRule('make-x', 'x', [field])}\n` });
    let error: unknown;
    try {
      createGuard({ projectRoot: root, home: HOME });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'invalid_config', key: `rules[0].${key}` });
    expect((error as Error).message).toMatch(message);
  });
});

import { describe, expect, it } from 'vitest';
import { createGuard, type ToolCall } from '../../src/guard/index.js';
import { HOME, PROJECT } from './cases/case.js';
import { agentOf, bash } from './support.js';

describe('decide never throws', () => {
  const guard = createGuard({ projectRoot: PROJECT, home: HOME });

  it.each([
    ['a null call', null],
    ['no agent', { tool: 'Bash', input: { command: 'ls' }, cwd: PROJECT }],
    [
      'an unknown role',
      {
        tool: 'Bash',
        input: { command: 'ls' },
        cwd: PROJECT,
        agent: { agentId: 'x', name: 'x', role: 'king' },
      },
    ],
    ['a relative cwd', { tool: 'Bash', input: { command: 'ls' }, cwd: 'src', agent: agentOf() }],
    ['a tool that is not a string', { tool: 5, input: {}, cwd: PROJECT, agent: agentOf() }],
    [
      'a relative project root',
      {
        tool: 'Bash',
        input: { command: 'ls' },
        cwd: PROJECT,
        projectRoot: 'app',
        agent: agentOf(),
      },
    ],
  ])('denies a malformed call: %s', (_what, call) => {
    const decision = guard.decide(call as unknown as ToolCall);
    expect(decision).toMatchObject({
      verdict: 'deny',
      matches: [{ ruleId: 'guard.internal-error' }],
    });
    expect(decision.reason).toMatch(/malformed/);
  });

  it.each([
    [
      'a circular input',
      () => {
        const input: Record<string, unknown> = {};
        input.self = input;
        return input;
      },
    ],
    ['a huge command', () => ({ command: `echo ${'a'.repeat(200_000)}` })],
    [
      'deeply nested shells',
      () => ({ command: 'bash -c "bash -c \\"bash -c \'bash -c \\\\\\"rm -rf ~\\\\\\"\'\\""' }),
    ],
    ['binary noise', () => ({ command: '\u0000\u0001\u0002 $(((' })],
  ])('decides %s without throwing', (_what, input) => {
    const tool = _what === 'a circular input' ? 'mcp__x__y' : 'Bash';
    const decision = guard.decide({ tool, input: input(), cwd: PROJECT, agent: agentOf() });
    expect(['deny', 'ask', 'allow']).toContain(decision.verdict);
  });

  it('fails closed when judging throws', () => {
    const failing = createGuard({
      projectRoot: PROJECT,
      home: HOME,
      analyzeShell: () => {
        throw new Error('parser exploded');
      },
    });
    const decision = failing.decide(bash('ls'));
    expect(decision).toMatchObject({
      verdict: 'deny',
      cached: false,
      matches: [{ ruleId: 'guard.internal-error', locked: true }],
    });
    expect(decision.reason).toContain('parser exploded');
    expect(failing.decide(bash('ls')).cached).toBe(false);
  });

  it('reports what it judged', () => {
    const decision = guard.decide(bash('cd src && rm -rf dist'));
    expect(decision.normalized).toEqual({
      tool: 'Bash',
      cwd: PROJECT,
      input: '{"command":"cd src && rm -rf dist"}',
      commands: ['cd src', 'rm -rf dist'],
    });
    expect(decision.policyVersion).toBe(guard.policyVersion);
    expect(decision.durationMicros).toBeGreaterThanOrEqual(0);
  });
});

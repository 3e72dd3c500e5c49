import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/events/sqlite/sqlite-store.js';
import type { EventStore } from '../../src/events/store.js';
import { createGuard } from '../../src/guard/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { AWS_KEY, preToolUseBody, useGuardBridges } from './guard-support.js';
import type { Answer } from './harness.js';

const start = useGuardBridges();
const tempDir = useTempDirs();

function expectHookAnswer(body: Answer['body'], verdict: string): string {
  expect(Object.keys(body)).toEqual(['hookSpecificOutput']);
  expect(Object.keys(body.hookSpecificOutput).sort()).toEqual([
    'hookEventName',
    'permissionDecision',
    'permissionDecisionReason',
  ]);
  expect(body.hookSpecificOutput.hookEventName).toBe('PreToolUse');
  expect(body.hookSpecificOutput.permissionDecision).toBe(verdict);
  expect(typeof body.hookSpecificOutput.permissionDecisionReason).toBe('string');
  return body.hookSpecificOutput.permissionDecisionReason;
}

describe('POST /v1/hooks/claude-code/pre-tool-use', () => {
  it.each<
    [string, string, (project: string, home: string) => Record<string, unknown>, string, RegExp]
  >([
    [
      'a harmless command',
      'Bash',
      () => ({ command: 'ls -la src', description: 'List' }),
      'allow',
      /./,
    ],
    [
      'wiping the home directory',
      'Bash',
      () => ({ command: 'rm -rf ~' }),
      'deny',
      /fs\.delete-home-or-root/,
    ],
    [
      'a hard reset',
      'Bash',
      () => ({ command: 'git reset --hard HEAD~3' }),
      'deny',
      /git\.reset-hard/,
    ],
    ['a stash drop', 'Bash', () => ({ command: 'git stash drop' }), 'ask', /git\.stash-drop/],
    [
      'writing a cloud key into a file',
      'Write',
      (project) => ({
        file_path: join(project, 'src/config.ts'),
        content: `export const key = '${AWS_KEY}';\n`,
      }),
      'deny',
      /secrets\.in-written-content/,
    ],
    [
      'editing an ssh key file',
      'Edit',
      (_project, home) => ({
        file_path: join(home, '.ssh/authorized_keys'),
        old_string: 'a',
        new_string: 'b',
      }),
      'deny',
      /\.ssh/,
    ],
    [
      'reading a project file',
      'Read',
      (project) => ({ file_path: join(project, 'src/index.ts') }),
      'allow',
      /./,
    ],
    ['a tool the guard does not know', 'Teleport', () => ({ to: 'mars' }), 'ask', /./],
  ])('answers %s in Claude Code’s exact shape', async (_name, tool, input, verdict, reason) => {
    const bridge = await start();
    const token = await bridge.tokenFor('bob', 'builder');
    const answer = await bridge.preToolUse(token, tool, input(bridge.project, bridge.home));
    expect(answer.status).toBe(200);
    expect(expectHookAnswer(answer.body, verdict)).toMatch(reason);
  });

  it.each([
    ['WebFetch', { url: 'https://example.com/docs', prompt: 'Summarize' }],
    ['mcp__github__create_issue', { owner: 'acme', repo: 'web', title: 'Flaky test' }],
    ['Glob', { pattern: 'src/**/*.ts' }],
    ['Grep', { pattern: 'TODO', path: 'src' }],
  ])('judges %s calls', async (tool, input) => {
    const bridge = await start();
    const token = await bridge.tokenFor('bob', 'builder');
    const answer = await bridge.preToolUse(token, tool, input);
    expect(answer.status).toBe(200);
    expect(['allow', 'ask', 'deny']).toContain(answer.body.hookSpecificOutput.permissionDecision);
    const [event] = await bridge.calls('bob');
    expect(event?.data).toMatchObject({
      tool,
      verdict: answer.body.hookSpecificOutput.permissionDecision,
    });
  });

  it('has the decision durably recorded when the answer arrives, secrets redacted', async () => {
    const bridge = await start();
    const token = await bridge.tokenFor('bob', 'builder');
    const file = join(bridge.project, 'src/config.ts');
    const answer = await bridge.preToolUse(token, 'Write', {
      file_path: file,
      content: `key=${AWS_KEY}`,
    });
    const events = await bridge.calls('bob');
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.type).toBe('GuardDecisionRecorded');
    expect(event?.metadata).toMatchObject({
      correlationId: 'c0ffee00-1111-4222-8333-444455556666',
    });
    expect(event?.data).toMatchObject({
      agent: 'bob',
      sessionId: 'c0ffee00-1111-4222-8333-444455556666',
      toolUseId: 'toolu_01ABCDEFGHJKLMNPQRSTUVWX',
      tool: 'Write',
      verdict: answer.body.hookSpecificOutput.permissionDecision,
      ruleDecision: 'deny',
      ruleIds: expect.arrayContaining(['secrets.in-written-content']),
      cached: false,
      failure: null,
    });
    expect(event?.data).toHaveProperty('durationMicros', expect.any(Number));
    expect(JSON.stringify(event?.data)).not.toContain(AWS_KEY);
    expect(JSON.stringify(event?.data)).toContain('[REDACTED');
  });

  it('accepts fields Claude Code adds later', async () => {
    const bridge = await start();
    const token = await bridge.tokenFor('bob', 'builder');
    const later = await bridge.preToolUse(
      token,
      'Bash',
      { command: 'ls' },
      {
        agent_id: 'sub-1',
        effort: 'high',
        prompt_id: 'p-9',
      },
    );
    expect(later.status).toBe(200);
  });

  it.each([
    ['no tool name', { tool_name: undefined }, /body\/tool_name is required/],
    ['a tool input that is text', { tool_input: 'ls' }, /body\/tool_input must be object/],
    ['a session id that is a number', { session_id: 42 }, /body\/session_id must be string/],
    [
      'another hook event',
      { hook_event_name: 'PostToolUse' },
      /body\/hook_event_name must be one of "PreToolUse"/,
    ],
    ['a relative cwd', { cwd: 'src' }, /body\/cwd must be an absolute path/],
    ['no cwd', { cwd: undefined }, /body\/cwd is required/],
  ])(
    'refuses %s with 400, naming the field, recording nothing',
    async (_name, overrides, message) => {
      const bridge = await start();
      const token = await bridge.tokenFor('bob', 'builder');
      const head = await bridge.head();
      const answer = await bridge.preToolUse(token, 'Bash', { command: 'ls' }, overrides);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_request');
      expect(answer.body.error.message).toMatch(message);
      expect(await bridge.head()).toBe(head);
    },
  );

  it('refuses a call without a token (401) or with a bad one', async () => {
    const bridge = await start();
    for (const token of [null, 'lhb_not-a-token']) {
      const answer = await bridge.preToolUse(token, 'Bash', { command: 'ls' });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
    }
  });

  it('denies, and records why, when the engine throws', async () => {
    const bridge = await start({
      guard: {
        createGuard: (options) =>
          Object.assign(Object.create(createGuard(options)), {
            decide() {
              throw new Error('rule index corrupted');
            },
          }),
      },
    });
    const token = await bridge.tokenFor('bob', 'builder');
    const answer = await bridge.preToolUse(token, 'Bash', { command: 'ls' });
    expect(expectHookAnswer(answer.body, 'deny')).toMatch(
      /could not judge this call: rule index corrupted/,
    );
    const [event] = await bridge.calls('bob');
    expect(event?.data).toMatchObject({
      verdict: 'deny',
      failure: 'the guard could not judge this call: rule index corrupted',
    });
  });

  it('denies when the audit cannot be recorded', async () => {
    let failing = false;
    const dataDir = tempDir();
    const bridge = await start({
      dataDir,
      openStore: async (observer) => {
        const store = await openSqliteStore({ dataDir, observer });
        return new Proxy(store, {
          get(target, property, receiver) {
            if (property === 'appendToStream') {
              return (streamId: string, ...rest: unknown[]) => {
                if (failing && streamId.startsWith('$guard-calls-')) {
                  return Promise.reject(new Error('disk full'));
                }
                return (target.appendToStream as (...args: unknown[]) => unknown).call(
                  target,
                  streamId,
                  ...rest,
                );
              };
            }
            const value = Reflect.get(target, property, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }) as EventStore;
      },
    });
    const token = await bridge.tokenFor('bob', 'builder');
    failing = true;
    const answer = await bridge.preToolUse(token, 'Bash', { command: 'ls -la' });
    expect(expectHookAnswer(answer.body, 'deny')).toMatch(
      /audit could not record this decision \(disk full\)/,
    );
  });
});

describe('POST /v1/hooks/claude-code/post-tool-use', () => {
  function postToolUse(cwd: string, overrides: Record<string, unknown>) {
    return {
      ...preToolUseBody(cwd, 'Bash', { command: 'npm test' }),
      hook_event_name: 'PostToolUse',
      ...overrides,
    };
  }

  it.each([
    [
      'a success',
      {
        tool_response: {
          stdout: `ok, token ${AWS_KEY}`,
          stderr: '',
          interrupted: false,
          isImage: false,
        },
      },
      true,
    ],
    [
      'a failure reported by the tool',
      { tool_response: { stdout: '', stderr: 'boom', interrupted: true } },
      false,
    ],
    [
      'a failed call',
      { hook_event_name: 'PostToolUseFailure', error: `exit 1: ${AWS_KEY} rejected` },
      false,
    ],
  ])(
    'records %s as ToolCallCompleted, redacted, and answers {}',
    async (_name, overrides, success) => {
      const bridge = await start();
      const token = await bridge.tokenFor('bob', 'builder');
      const answer = await bridge.call('POST', '/v1/hooks/claude-code/post-tool-use', {
        token,
        body: postToolUse(bridge.project, overrides),
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({});
      const [event] = await bridge.calls('bob');
      expect(event?.type).toBe('ToolCallCompleted');
      expect(event?.data).toMatchObject({
        agent: 'bob',
        tool: 'Bash',
        toolUseId: 'toolu_01ABCDEFGHJKLMNPQRSTUVWX',
        sessionId: 'c0ffee00-1111-4222-8333-444455556666',
        success,
        truncated: false,
      });
      expect(JSON.stringify(event?.data)).not.toContain(AWS_KEY);
    },
  );

  it('shortens a long result', async () => {
    const bridge = await start();
    const token = await bridge.tokenFor('bob', 'builder');
    await bridge.call('POST', '/v1/hooks/claude-code/post-tool-use', {
      token,
      body: postToolUse(bridge.project, {
        tool_response: { stdout: 'x'.repeat(50_000), stderr: '' },
      }),
    });
    const [event] = await bridge.calls('bob');
    const data = event?.data as { summary: string; truncated: boolean };
    expect(data.truncated).toBe(true);
    expect(data.summary.length).toBeLessThan(1100);
  });

  it('refuses a bad shape with 400 naming the field', async () => {
    const bridge = await start();
    const token = await bridge.tokenFor('bob', 'builder');
    const answer = await bridge.call('POST', '/v1/hooks/claude-code/post-tool-use', {
      token,
      body: postToolUse(bridge.project, { error: 7 }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/body\/error must be string/);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GuardBridge, preToolUseBody, useGuardBridges } from '../api/guard-support.js';
import { runCli } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const start = useGuardBridges();
const tempDir = useTempDirs();

/** The discard port, where nothing listens on a test machine. */
const DEAD_URL = 'http://127.0.0.1:9';

function hook(event: string, input: unknown, env: Record<string, string>) {
  return runCli(['hook', event], {
    input: typeof input === 'string' ? input : JSON.stringify(input),
    env: { LIGHTHOUSE_HOOK_TIMEOUT_MS: '3000', ...env },
  });
}

function answerOf(stdout: string) {
  const answer = JSON.parse(stdout);
  expect(Object.keys(answer)).toEqual(['hookSpecificOutput']);
  expect(answer.hookSpecificOutput.hookEventName).toBe('PreToolUse');
  return answer.hookSpecificOutput as {
    permissionDecision: string;
    permissionDecisionReason: string;
  };
}

async function bridgeEnv(bridge: GuardBridge, agent: string) {
  return { LIGHTHOUSE_URL: bridge.url, LIGHTHOUSE_TOKEN: await bridge.tokenFor(agent, 'builder') };
}

describe('lighthouse-bridge hook, with the bridge up', () => {
  it.each([
    ['allows', { command: 'ls -la' }, 'allow'],
    ['denies', { command: 'git reset --hard' }, 'deny'],
  ])('%s through the bridge, which records the decision', async (_name, input, verdict) => {
    const bridge = await start();
    const env = await bridgeEnv(bridge, 'bob');
    const result = await hook('pre-tool-use', preToolUseBody(bridge.project, 'Bash', input), env);
    expect(result.code).toBe(0);
    const answer = answerOf(result.stdout);
    expect(answer.permissionDecision).toBe(verdict);
    expect(answer.permissionDecisionReason).not.toMatch(/Judged locally/);
    const [event] = await bridge.calls('bob');
    expect(event?.data).toMatchObject({ tool: 'Bash', verdict });
  });

  it('passes a PostToolUse report on and prints {}', async () => {
    const bridge = await start();
    const env = await bridgeEnv(bridge, 'bob');
    const body = {
      ...preToolUseBody(bridge.project, 'Bash', { command: 'ls' }),
      hook_event_name: 'PostToolUse',
      tool_response: { stdout: 'a.ts', stderr: '' },
    };
    const result = await hook('post-tool-use', body, env);
    expect(result).toMatchObject({ code: 0 });
    expect(JSON.parse(result.stdout)).toEqual({});
    expect((await bridge.calls('bob'))[0]?.type).toBe('ToolCallCompleted');
  });

  it('decides locally when the bridge refuses the token', async () => {
    const bridge = await start();
    const result = await hook(
      'pre-tool-use',
      preToolUseBody(bridge.project, 'Bash', { command: 'rm -rf ~' }),
      {
        LIGHTHOUSE_URL: bridge.url,
        LIGHTHOUSE_TOKEN: 'lhb_wrong',
        LIGHTHOUSE_PROJECT_ROOT: bridge.project,
      },
    );
    const answer = answerOf(result.stdout);
    expect(answer.permissionDecision).toBe('deny');
    expect(answer.permissionDecisionReason).toMatch(
      /Judged locally and not recorded: the bridge at .* answered 401/,
    );
  });

  it('checks installed HTTP hooks against the running bridge', async () => {
    const bridge = await start();
    const project = tempDir();
    expect(
      (await runCli(['install', 'claude-code', '--project', project, '--url', bridge.url])).code,
    ).toBe(0);
    const check = await runCli([
      'install',
      'claude-code',
      '--project',
      project,
      '--check',
      '--url',
      bridge.url,
    ]);
    expect(check.stdout).toMatch(/in order/);
    expect(check.code).toBe(0);
  });
});

describe('lighthouse-bridge approve', () => {
  it('approves a denied call once, as an admin', async () => {
    const bridge = await start();
    const env = await bridgeEnv(bridge, 'bob');
    const call = preToolUseBody(bridge.project, 'Bash', { command: 'git reset --hard' });
    const denied = answerOf((await hook('pre-tool-use', call, env)).stdout);
    const code = /Approval code ([A-Z2-9]{6})/.exec(denied.permissionDecisionReason)?.[1] as string;
    const approved = await runCli([
      'approve',
      code,
      '--url',
      bridge.url,
      '--token',
      bridge.adminToken,
    ]);
    expect(approved.stderr).toBe('');
    expect(approved.stdout).toMatch(
      new RegExp(`approved ${code}: bob may run this Bash call once`),
    );
    expect(answerOf((await hook('pre-tool-use', call, env)).stdout).permissionDecision).toBe(
      'allow',
    );
    expect(answerOf((await hook('pre-tool-use', call, env)).stdout).permissionDecision).toBe(
      'deny',
    );
  });

  it('is refused to a builder', async () => {
    const bridge = await start();
    const env = await bridgeEnv(bridge, 'bob');
    const denied = answerOf(
      (
        await hook(
          'pre-tool-use',
          preToolUseBody(bridge.project, 'Bash', { command: 'git reset --hard' }),
          env,
        )
      ).stdout,
    );
    const code = /Approval code ([A-Z2-9]{6})/.exec(denied.permissionDecisionReason)?.[1] as string;
    const refused = await runCli([
      'approve',
      code,
      '--url',
      bridge.url,
      '--token',
      env.LIGHTHOUSE_TOKEN,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/lacks the permission guard:approve \(403 forbidden\)/);
  });
});

describe('lighthouse-bridge hook, with the bridge down', () => {
  const down = (project: string) => ({
    LIGHTHOUSE_URL: DEAD_URL,
    LIGHTHOUSE_PROJECT_ROOT: project,
  });

  it.each([
    ['a dangerous command', 'Bash', { command: 'rm -rf ~' }, 'deny'],
    ['a hard reset', 'Bash', { command: 'git reset --hard' }, 'deny'],
    ['a harmless command', 'Bash', { command: 'git status' }, 'allow'],
    ['reading a project file', 'Read', { file_path: 'src/a.ts' }, 'allow'],
  ])('judges %s locally with the same rules', async (_name, tool, input, verdict) => {
    const project = tempDir();
    const result = await hook('pre-tool-use', preToolUseBody(project, tool, input), down(project));
    expect(result.code).toBe(0);
    const answer = answerOf(result.stdout);
    expect(answer.permissionDecision).toBe(verdict);
    expect(answer.permissionDecisionReason).toMatch(
      /Judged locally and not recorded: the bridge at http:\/\/127.0.0.1:9 could not be reached/,
    );
  });

  it.each([
    ['input that is not JSON', 'rm -rf ~', /the hook input is not JSON/],
    [
      'input without a tool',
      { session_id: 's', cwd: '/tmp', hook_event_name: 'PreToolUse', tool_input: {} },
      /input\/tool_name is required/,
    ],
    [
      'a relative cwd',
      { ...preToolUseBody('/tmp', 'Bash', { command: 'ls' }), cwd: 'tmp' },
      /input\/cwd must be an absolute path/,
    ],
    ['no input at all', '', /the hook input is not JSON/],
  ])('denies %s', async (_name, input, reason) => {
    const project = tempDir();
    const result = await hook('pre-tool-use', input, down(project));
    expect(result.code).toBe(0);
    const answer = answerOf(result.stdout);
    expect(answer.permissionDecision).toBe('deny');
    expect(answer.permissionDecisionReason).toMatch(reason);
  });

  it('prints {} for a PostToolUse report it cannot deliver, saying so on stderr', async () => {
    const project = tempDir();
    const result = await hook('post-tool-use', { hook_event_name: 'PostToolUse' }, down(project));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({});
    expect(result.stderr).toMatch(/outcome not recorded/);
  });

  it('exits 2 (block) on a malformed hook command line', async () => {
    const result = await runCli(['hook', 'pre-tool-usage'], { input: '{}' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/usage: lighthouse-bridge hook pre-tool-use\|post-tool-use/);
  });

  it('takes the project root from the input when none is configured', async () => {
    const project = tempDir();
    const result = await hook(
      'pre-tool-use',
      preToolUseBody(project, 'Bash', { command: `rm -rf ${join(project, 'build')}` }),
      { LIGHTHOUSE_URL: DEAD_URL, LIGHTHOUSE_PROJECT_ROOT: '', CLAUDE_PROJECT_DIR: '' },
    );
    expect(answerOf(result.stdout).permissionDecision).toBe('allow');
  });
});

import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

function settingsOf(project: string) {
  return JSON.parse(readFileSync(join(project, '.claude', 'settings.json'), 'utf8'));
}

function writeSettings(project: string, settings: unknown): string {
  mkdirSync(join(project, '.claude'), { recursive: true });
  const file = join(project, '.claude', 'settings.json');
  writeFileSync(file, typeof settings === 'string' ? settings : JSON.stringify(settings, null, 2));
  return file;
}

/** The discard port, where nothing listens on a test machine. */
const DEAD_URL = 'http://127.0.0.1:9';

describe('lighthouse-bridge install claude-code', () => {
  it('writes HTTP hooks into a fresh project, and a second run changes nothing', async () => {
    const project = tempDir();
    const first = await runCli([
      'install',
      'claude-code',
      '--project',
      project,
      '--url',
      'http://127.0.0.1:8765',
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/hooks installed/);
    const file = join(project, '.claude', 'settings.json');
    const written = readFileSync(file, 'utf8');
    const settings = JSON.parse(written);
    expect(settings.hooks.PreToolUse[0].hooks[0]).toEqual({
      type: 'http',
      url: 'http://127.0.0.1:8765/v1/hooks/claude-code/pre-tool-use',
      headers: { Authorization: 'Bearer $LIGHTHOUSE_TOKEN' },
      allowedEnvVars: ['LIGHTHOUSE_TOKEN'],
      timeout: 10,
      onFailure: 'block',
    });
    expect(settings.hooks.PreToolUse[0].matcher).toBe(
      'Bash|Write|Edit|MultiEdit|NotebookEdit|Read|Glob|Grep|LS|WebFetch|WebSearch|Task|mcp__.*',
    );
    const reporting = (endpoint: string) => ({
      type: 'http',
      url: `http://127.0.0.1:8765/v1/hooks/claude-code/${endpoint}`,
      headers: { Authorization: 'Bearer $LIGHTHOUSE_TOKEN' },
      allowedEnvVars: ['LIGHTHOUSE_TOKEN'],
      timeout: 10,
    });
    expect(settings.hooks.PostToolUse).toEqual([
      { matcher: settings.hooks.PreToolUse[0].matcher, hooks: [reporting('post-tool-use')] },
    ]);
    // A prompt is no tool call: the UserPromptSubmit group has no matcher.
    expect(settings.hooks.UserPromptSubmit).toEqual([{ hooks: [reporting('user-prompt-submit')] }]);
    const modified = statSync(file).mtimeMs;

    const second = await runCli([
      'install',
      'claude-code',
      '--project',
      project,
      '--url',
      'http://127.0.0.1:8765',
    ]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already in place/);
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(statSync(file).mtimeMs).toBe(modified);

    const check = await runCli(['install', 'claude-code', '--project', project, '--check']);
    expect(check).toMatchObject({ code: 0 });
    expect(check.stdout).toMatch(/in order/);
  });

  it('merges with existing settings and hooks, keeping them', async () => {
    const project = tempDir();
    const formatter = {
      matcher: 'Write|Edit',
      hooks: [{ type: 'command', command: 'npx prettier --write .' }],
    };
    writeSettings(project, { model: 'sonnet', hooks: { PostToolUse: [formatter] } });
    const result = await runCli([
      'install',
      'claude-code',
      '--project',
      project,
      '--url',
      'http://127.0.0.1:8765',
    ]);
    expect(result.code).toBe(0);
    const settings = settingsOf(project);
    expect(settings.model).toBe('sonnet');
    expect(settings.hooks.PostToolUse[0]).toEqual(formatter);
    expect(settings.hooks.PostToolUse[1].hooks[0].url).toMatch(/post-tool-use$/);
  });

  it('installs the command form for clients without HTTP hooks', async () => {
    const project = tempDir();
    const result = await runCli([
      'install',
      'claude-code',
      '--project',
      project,
      '--command',
      '--bin',
      '/usr/local/bin/lighthouse-bridge',
    ]);
    expect(result.code).toBe(0);
    expect(settingsOf(project).hooks.PreToolUse[0].hooks).toEqual([
      {
        type: 'command',
        command: '/usr/local/bin/lighthouse-bridge hook pre-tool-use',
        timeout: 10,
        onFailure: 'block',
      },
    ]);
    expect(settingsOf(project).hooks.UserPromptSubmit).toEqual([
      {
        hooks: [
          {
            type: 'command',
            command: '/usr/local/bin/lighthouse-bridge hook user-prompt-submit',
            timeout: 10,
          },
        ],
      },
    ]);
    expect((await runCli(['install', 'claude-code', '--project', project, '--check'])).code).toBe(
      0,
    );
  });

  it('refuses a settings file that is not JSON and leaves it alone', async () => {
    const project = tempDir();
    const file = writeSettings(project, '{ "hooks": ');
    const result = await runCli(['install', 'claude-code', '--project', project]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{ "hooks": ');
  });

  it('--check lists every problem of a broken file and exits 1', async () => {
    const project = tempDir();
    writeSettings(project, {
      hooks: {
        PreToolUse: [
          {
            matcher: 'Bash|Write',
            hooks: [
              { type: 'http', url: 'http://127.0.0.1:8765/v1/hooks/claude-code/pre-tool-use' },
            ],
          },
        ],
        AfterTool: [{ matcher: 'Bash(', hooks: [{ type: 'script' }] }],
      },
    });
    const result = await runCli(['install', 'claude-code', '--project', project, '--check']);
    expect(result.code).toBe(1);
    for (const problem of [
      /AfterTool is not a Claude Code hook event/,
      /matcher is not a valid regular expression/,
      /type must be one of command, http, mcp_tool, prompt, agent/,
      /does not select Edit/,
      /must have "onFailure": "block"/,
      /must send "Authorization": "Bearer \$LIGHTHOUSE_TOKEN"/,
      /hooks.PostToolUse has no lighthouse-bridge hook/,
      /hooks.UserPromptSubmit has no lighthouse-bridge hook/,
    ]) {
      expect(result.stdout).toMatch(problem);
    }
  });

  it('--check with --url finds hooks pointing elsewhere and a bridge that does not answer', async () => {
    const project = tempDir();
    await runCli([
      'install',
      'claude-code',
      '--project',
      project,
      '--url',
      'http://127.0.0.1:8765',
    ]);
    const result = await runCli([
      'install',
      'claude-code',
      '--project',
      project,
      '--check',
      '--url',
      DEAD_URL,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/not at http:\/\/127.0.0.1:9/);
    expect(result.stdout).toMatch(/http:\/\/127.0.0.1:9 is not reachable/);
  });

  it('--check on a project without settings says how to install', async () => {
    const result = await runCli(['install', 'claude-code', '--project', tempDir(), '--check']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/does not exist: run lighthouse-bridge install claude-code/);
  });
});

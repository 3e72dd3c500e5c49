import { describe, expect, it } from 'vitest';
import { checkSettings } from '../../src/integrations/claude-code/check-settings.js';
import {
  type GuardHookOptions,
  installGuardHooks,
} from '../../src/integrations/claude-code/guard-hooks.js';
import { GUARDED_TOOLS_MATCHER } from '../../src/integrations/claude-code/hook-format.js';

const HTTP: GuardHookOptions = { url: 'http://127.0.0.1:8765', form: 'http' };

const formatter = {
  matcher: 'Write|Edit',
  hooks: [{ type: 'command', command: 'npx prettier --write "$CLAUDE_FILE"' }],
};

describe('installing the guard hooks', () => {
  it('writes fail-closed HTTP hooks for the guarded tools into empty settings', () => {
    const settings = installGuardHooks({}, HTTP);
    expect(settings).toEqual({
      hooks: {
        PreToolUse: [
          {
            matcher: GUARDED_TOOLS_MATCHER,
            hooks: [
              {
                type: 'http',
                url: 'http://127.0.0.1:8765/v1/hooks/claude-code/pre-tool-use',
                headers: { Authorization: 'Bearer $LIGHTHOUSE_TOKEN' },
                allowedEnvVars: ['LIGHTHOUSE_TOKEN'],
                timeout: 10,
                onFailure: 'block',
              },
            ],
          },
        ],
        PostToolUse: [
          {
            matcher: GUARDED_TOOLS_MATCHER,
            hooks: [
              {
                type: 'http',
                url: 'http://127.0.0.1:8765/v1/hooks/claude-code/post-tool-use',
                headers: { Authorization: 'Bearer $LIGHTHOUSE_TOKEN' },
                allowedEnvVars: ['LIGHTHOUSE_TOKEN'],
                timeout: 10,
              },
            ],
          },
        ],
        PostToolUseFailure: [
          {
            matcher: GUARDED_TOOLS_MATCHER,
            hooks: [expect.objectContaining({ url: expect.stringMatching(/post-tool-use$/) })],
          },
        ],
        UserPromptSubmit: [
          {
            hooks: [
              {
                type: 'http',
                url: 'http://127.0.0.1:8765/v1/hooks/claude-code/user-prompt-submit',
                headers: { Authorization: 'Bearer $LIGHTHOUSE_TOKEN' },
                allowedEnvVars: ['LIGHTHOUSE_TOKEN'],
                timeout: 10,
              },
            ],
          },
        ],
      },
    });
    expect(checkSettings(settings)).toEqual([]);
  });

  it('keeps other keys and hooks, and a second run changes nothing', () => {
    const existing = {
      model: 'opus',
      permissions: { allow: ['Bash(npm test)'] },
      hooks: {
        PostToolUse: [formatter],
        Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }],
      },
    };
    const once = installGuardHooks(existing, HTTP);
    expect(once.model).toBe('opus');
    expect(once.permissions).toEqual(existing.permissions);
    const hooks = once.hooks as Record<string, unknown[]>;
    expect(hooks.Stop).toEqual(existing.hooks.Stop);
    expect(hooks.PostToolUse?.[0]).toEqual(formatter);
    expect(hooks.PostToolUse).toHaveLength(2);
    expect(installGuardHooks(once, HTTP)).toEqual(once);
    expect(JSON.stringify(installGuardHooks(once, HTTP))).toBe(JSON.stringify(once));
  });

  it('replaces its own entries in place when the URL or the form changes', () => {
    const first = installGuardHooks({ hooks: { PreToolUse: [formatter] } }, HTTP);
    const moved = installGuardHooks(first, { url: 'http://10.0.0.5:9000/', form: 'http' });
    const pre = (moved.hooks as Record<string, Array<{ hooks: Array<{ url?: string }> }>>)
      .PreToolUse;
    expect(pre).toHaveLength(2);
    expect(pre?.[1]?.hooks[0]?.url).toBe('http://10.0.0.5:9000/v1/hooks/claude-code/pre-tool-use');
    const command = installGuardHooks(moved, {
      ...HTTP,
      form: 'command',
      bin: '/opt/lb/bin/lighthouse-bridge',
    });
    const groups = (command.hooks as Record<string, Array<{ hooks: unknown[] }>>).PreToolUse;
    expect(groups?.[1]?.hooks).toEqual([
      {
        type: 'command',
        command: '/opt/lb/bin/lighthouse-bridge hook pre-tool-use',
        timeout: 10,
        onFailure: 'block',
      },
    ]);
    expect(checkSettings(command)).toEqual([]);
  });

  it('takes its hook out of a group it shares with someone else, keeping theirs', () => {
    const shared = {
      hooks: {
        PreToolUse: [
          {
            matcher: 'Bash',
            hooks: [
              { type: 'command', command: 'lighthouse-bridge hook pre-tool-use' },
              { type: 'command', command: './audit.sh' },
            ],
          },
        ],
      },
    };
    const installed = installGuardHooks(shared, HTTP);
    const pre = (installed.hooks as Record<string, Array<{ matcher: string; hooks: unknown[] }>>)
      .PreToolUse;
    expect(pre?.map((group) => group.matcher)).toEqual([GUARDED_TOOLS_MATCHER, 'Bash']);
    expect(pre?.[1]?.hooks).toEqual([{ type: 'command', command: './audit.sh' }]);
    expect(installGuardHooks(installed, HTTP)).toEqual(installed);
  });

  it.each([
    ['a list', [], /must hold a JSON object/],
    ['hooks that are not an object', { hooks: [] }, /"hooks" .* must be an object/],
    [
      'an event that is not a list',
      { hooks: { PreToolUse: {} } },
      /hooks.PreToolUse" .* must be an array/,
    ],
  ])('refuses settings with %s', (_name, settings, message) => {
    expect(() => installGuardHooks(settings, HTTP)).toThrow(message);
  });

  it('refuses a URL that is not http', () => {
    expect(() => installGuardHooks({}, { url: 'ftp://host', form: 'http' })).toThrow(/http/);
  });
});

describe('checking settings against the Claude Code hook format', () => {
  const installed = installGuardHooks({}, HTTP) as { hooks: Record<string, unknown[]> };

  function withHooks(hooks: Record<string, unknown>) {
    return { hooks: { ...installed.hooks, ...hooks } };
  }

  function ourPre(change: Record<string, unknown>, matcher = GUARDED_TOOLS_MATCHER) {
    const [group] = installed.hooks.PreToolUse as Array<{ hooks: Array<Record<string, unknown>> }>;
    return { PreToolUse: [{ matcher, hooks: [{ ...group?.hooks[0], ...change }] }] };
  }

  it.each([
    ['no hooks at all', {}, /no "hooks"/],
    [
      'an unknown event',
      withHooks({ BeforeToolUse: [] }),
      /BeforeToolUse is not a Claude Code hook event/,
    ],
    ['an event that is not a list', withHooks({ Stop: {} }), /hooks.Stop must be a list/],
    [
      'a group without hooks',
      withHooks({ Stop: [{ hooks: [] }] }),
      /hooks.Stop\[0\].hooks must be a non-empty list/,
    ],
    [
      'an unknown hook type',
      withHooks({ Stop: [{ hooks: [{ type: 'shell', command: 'x' }] }] }),
      /type must be one of/,
    ],
    [
      'a command hook without a command',
      withHooks({ Stop: [{ hooks: [{ type: 'command' }] }] }),
      /command must be a non-empty string/,
    ],
    [
      'a matcher that does not compile',
      withHooks({
        PostToolUse: [{ matcher: 'Bash(', hooks: [{ type: 'command', command: 'x' }] }],
      }),
      /matcher is not a valid regular expression/,
    ],
    [
      'an http hook with a bad URL',
      withHooks({ Stop: [{ hooks: [{ type: 'http', url: 'nowhere' }] }] }),
      /url must be an http/,
    ],
    [
      'a header variable not allowed',
      withHooks({
        Stop: [{ hooks: [{ type: 'http', url: 'http://x/y', headers: { 'X-Key': '$SECRET' } }] }],
      }),
      /uses \$SECRET, which is not in allowedEnvVars/,
    ],
    [
      'a bad onFailure',
      withHooks(ourPre({ onFailure: 'stop' })),
      /onFailure must be one of block, continue/,
    ],
    ['a bad timeout', withHooks(ourPre({ timeout: -1 })), /timeout must be a positive number/],
    [
      'our PreToolUse hook missing',
      withHooks({ PreToolUse: [] }),
      /hooks.PreToolUse has no lighthouse-bridge hook/,
    ],
    [
      'our PostToolUse hook missing',
      withHooks({ PostToolUse: [formatter] }),
      /hooks.PostToolUse has no lighthouse-bridge hook/,
    ],
    [
      'a guard that fails open',
      withHooks(ourPre({ onFailure: undefined })),
      /must have "onFailure": "block"/,
    ],
    [
      'a matcher leaving tools out',
      withHooks(ourPre({}, 'Bash|Write')),
      /does not select Edit, MultiEdit.*mcp__server__tool/,
    ],
    [
      'no token sent',
      withHooks(ourPre({ headers: {} })),
      /must send "Authorization": "Bearer \$LIGHTHOUSE_TOKEN"/,
    ],
    [
      'the token not allowed',
      withHooks(ourPre({ allowedEnvVars: [] })),
      /uses \$LIGHTHOUSE_TOKEN, which is not in allowedEnvVars/,
    ],
  ])('finds %s', (_name, settings, problem) => {
    const problems = checkSettings(settings);
    expect(problems.join('\n')).toMatch(problem);
  });

  it('checks that our hooks point at the given bridge', () => {
    expect(checkSettings(installed, { url: 'http://127.0.0.1:8765' })).toEqual([]);
    expect(checkSettings(installed, { url: 'http://127.0.0.1:9999' }).join('\n')).toMatch(
      /points at http:\/\/127.0.0.1:8765\/v1\/hooks\/claude-code\/pre-tool-use, not at http:\/\/127.0.0.1:9999/,
    );
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StartBridgeOptions } from '../../src/api/bridge.js';
import type { EventEnvelope } from '../../src/events/envelope.js';
import { guardCallsStreamId } from '../../src/guard/audit/events.js';
import { useTempDirs } from '../support/temp-dir.js';
import { type Answer, type TestBridge, useBridges } from './harness.js';

/** An AWS access key id of the documented example shape: a secret the guard must redact. */
export const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';

export interface GuardBridge extends TestBridge {
  project: string;
  home: string;
  /** Moves the guard's clock (approvals expire by it). */
  advance(ms: number): void;
  /** Answers a PreToolUse hook call as the agent with `token`. */
  preToolUse(
    token: string | null,
    tool: string,
    input: Record<string, unknown>,
    overrides?: Record<string, unknown>,
  ): Promise<Answer>;
  /** The audit stream of an agent, in order. */
  calls(agent: string): Promise<EventEnvelope[]>;
}

/** Real bridges whose guard protects a temporary project and home, with a clock tests move. */
export function useGuardBridges(): (options?: Partial<StartBridgeOptions>) => Promise<GuardBridge> {
  const start = useBridges();
  const tempDir = useTempDirs();
  return async (options = {}) => {
    const project = tempDir();
    const home = tempDir();
    mkdirSync(join(project, 'src'));
    const clock = { offset: 0 };
    const bridge = await start({
      projectRoot: project,
      ...options,
      guard: { home, now: () => Date.now() + clock.offset, ...options.guard },
    });
    return Object.assign(bridge, {
      project,
      home,
      advance: (ms: number) => {
        clock.offset += ms;
      },
      preToolUse: (
        token: string | null,
        tool: string,
        input: Record<string, unknown>,
        overrides: Record<string, unknown> = {},
      ) =>
        bridge.call('POST', '/v1/hooks/claude-code/pre-tool-use', {
          token,
          body: preToolUseBody(project, tool, input, overrides),
        }),
      calls: async (agent: string) =>
        (await bridge.store.readStream(guardCallsStreamId(agent), { limit: 1000 })).events,
    });
  };
}

/** Exactly what Claude Code posts for a PreToolUse hook. */
export function preToolUseBody(
  cwd: string,
  tool: string,
  input: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
) {
  return {
    session_id: 'c0ffee00-1111-4222-8333-444455556666',
    transcript_path: '/home/dev/.claude/projects/demo/c0ffee00.jsonl',
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: input,
    tool_use_id: 'toolu_01ABCDEFGHJKLMNPQRSTUVWX',
    ...overrides,
  };
}

import { isAbsolute } from 'node:path';
import type { GuardAgent, ToolCall } from '../../guard/types.js';

/** What Claude Code sends every hook; later versions add fields, which are accepted and ignored. */
export interface HookInputBase {
  session_id: string;
  transcript_path?: string;
  cwd: string;
  permission_mode?: string;
  hook_event_name: string;
  tool_name: string;
  tool_input: Record<string, unknown>;
  tool_use_id?: string;
}

export interface PreToolUseInput extends HookInputBase {
  hook_event_name: 'PreToolUse';
}

/** PostToolUse reports a tool that ran; PostToolUseFailure one that failed (with `error`). */
export interface PostToolUseInput extends HookInputBase {
  hook_event_name: 'PostToolUse' | 'PostToolUseFailure';
  tool_response?: unknown;
  error?: string;
}

/** UserPromptSubmit reports what the user typed, before the model sees it. */
export interface UserPromptSubmitInput {
  session_id: string;
  transcript_path?: string;
  cwd: string;
  permission_mode?: string;
  hook_event_name: 'UserPromptSubmit';
  prompt: string;
}

const MAX_ID_LENGTH = 200;
const MAX_PATH_LENGTH = 4096;

function sessionProperties(events: readonly string[]) {
  return {
    session_id: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
    transcript_path: { type: 'string', maxLength: MAX_PATH_LENGTH },
    cwd: { type: 'string', minLength: 1, maxLength: MAX_PATH_LENGTH },
    permission_mode: { type: 'string', maxLength: MAX_ID_LENGTH },
    hook_event_name: { type: 'string', enum: events },
  } as const;
}

function commonProperties(events: readonly string[]) {
  return {
    ...sessionProperties(events),
    tool_name: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
    tool_input: { type: 'object' },
    tool_use_id: { type: 'string', maxLength: MAX_ID_LENGTH },
  } as const;
}

const REQUIRED = ['session_id', 'cwd', 'hook_event_name', 'tool_name', 'tool_input'] as const;

/** JSON Schema of a PreToolUse hook input: known fields typed, unknown fields let through. */
export const preToolUseInputSchema = {
  type: 'object',
  required: REQUIRED,
  additionalProperties: true,
  properties: commonProperties(['PreToolUse']),
} as const;

export const postToolUseInputSchema = {
  type: 'object',
  required: REQUIRED,
  additionalProperties: true,
  properties: {
    ...commonProperties(['PostToolUse', 'PostToolUseFailure']),
    tool_response: {},
    error: { type: 'string' },
  },
} as const;

export const userPromptSubmitInputSchema = {
  type: 'object',
  required: ['session_id', 'cwd', 'hook_event_name', 'prompt'],
  additionalProperties: true,
  properties: { ...sessionProperties(['UserPromptSubmit']), prompt: { type: 'string' } },
} as const;

/** The one check JSON Schema cannot say portably: paths are judged relative to an absolute cwd. */
export function relativeCwdProblem(input: HookInputBase): string | null {
  return isAbsolute(input.cwd) ? null : 'cwd must be an absolute path';
}

/** The guard's view of a hook call made by `agent`. */
export function toToolCall(input: HookInputBase, agent: GuardAgent): ToolCall {
  return {
    tool: input.tool_name,
    input: input.tool_input,
    cwd: input.cwd,
    agent,
    sessionId: input.session_id,
  };
}

import path from 'node:path';
import { isRole } from '../../agents/principal.js';
import { canonicalJson } from '../../events/canonical.js';
import type { JsonValue } from '../../events/envelope.js';
import { type Locations, normalAbsolute } from '../paths/locations.js';
import type { McpSubject, PathEffect, WebSubject } from '../rules/subjects.js';
import type { NormalizedInput, ToolCall } from '../types.js';
import { type Input, InputProblem, NORMALIZERS, type Normalizer } from './tool-inputs.js';

/** What a call asks for, in the terms rules judge. */
export type CallSubject =
  | { kind: 'shell'; command: string }
  | { kind: 'file'; effects: PathEffect[] }
  | { kind: 'web'; subject: WebSubject }
  | { kind: 'mcp'; subject: McpSubject }
  /** Tools that touch nothing the guard protects (Task, TodoWrite…). */
  | { kind: 'inert' }
  | { kind: 'unknown' }
  | { kind: 'invalid'; problem: string };

export interface NormalizedCall {
  tool: string;
  at: Locations;
  subject: CallSubject;
  normalized: NormalizedInput;
  /** The call's part of the cache key: everything the decision depends on but the policy. */
  key: string;
}

const INERT_TOOLS = new Set([
  'Task',
  'TodoWrite',
  'BashOutput',
  'KillShell',
  'KillBash',
  'ExitPlanMode',
]);
const MCP_TOOL = /^mcp__(.+?)__(.+)$/;
const MAX_MCP_STRINGS = 1000;

function stringsIn(value: unknown, found: string[]): string[] {
  if (found.length >= MAX_MCP_STRINGS) return found;
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, found);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) stringsIn(item, found);
  return found;
}

function canonicalInput(value: unknown): string {
  try {
    return canonicalJson(JSON.parse(JSON.stringify(value ?? null)) as JsonValue);
  } catch {
    return JSON.stringify(String(value));
  }
}

function subjectOf(
  tool: string,
  input: unknown,
  at: Locations,
): { subject: CallSubject; input: string } {
  const normalizer = NORMALIZERS[tool];
  const mcp = MCP_TOOL.exec(tool);
  if (!normalizer && !mcp) {
    return {
      subject: { kind: INERT_TOOLS.has(tool) ? 'inert' : 'unknown' },
      input: canonicalInput(input),
    };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      subject: { kind: 'invalid', problem: 'the tool input must be an object' },
      input: canonicalInput(input),
    };
  }
  if (mcp) {
    const subject: McpSubject = {
      server: mcp[1] as string,
      tool: mcp[2] as string,
      strings: stringsIn(input, []),
    };
    return { subject: { kind: 'mcp', subject }, input: canonicalInput(input) };
  }
  try {
    const { subject, fields } = (normalizer as Normalizer)(input as Input, tool, at);
    return { subject, input: canonicalJson(fields as JsonValue) };
  } catch (error) {
    if (!(error instanceof InputProblem)) throw error;
    return {
      subject: { kind: 'invalid', problem: `${tool} input: ${error.message}` },
      input: canonicalInput(input),
    };
  }
}

/** A problem with the call itself (not its tool input): the caller broke the contract. */
export function malformedCall(call: ToolCall): string | null {
  if (typeof call !== 'object' || call === null) return 'the call must be an object';
  if (typeof call.tool !== 'string' || call.tool === '') return 'tool must be a non-empty string';
  if (typeof call.cwd !== 'string' || !path.posix.isAbsolute(call.cwd))
    return 'cwd must be an absolute path';
  const agent = call.agent;
  if (
    typeof agent !== 'object' ||
    agent === null ||
    typeof agent.name !== 'string' ||
    !isRole(agent.role)
  ) {
    return 'agent must have a name and a known role';
  }
  for (const field of ['projectRoot', 'home'] as const) {
    const value = call[field];
    if (value !== undefined && (typeof value !== 'string' || !path.posix.isAbsolute(value))) {
      return `${field} must be an absolute path`;
    }
  }
  return null;
}

/** The call in canonical form; never throws on any tool input. */
export function normalizeCall(
  call: ToolCall,
  defaults: { projectRoot: string; home: string },
): NormalizedCall {
  const at: Locations = {
    cwd: normalAbsolute(call.cwd),
    projectRoot: normalAbsolute(call.projectRoot ?? defaults.projectRoot),
    home: normalAbsolute(call.home ?? defaults.home),
  };
  const { subject, input } = subjectOf(call.tool, call.input, at);
  return {
    tool: call.tool,
    at,
    subject,
    normalized: { tool: call.tool, cwd: at.cwd, input },
    key: `${call.tool}\n${at.cwd}\n${at.projectRoot}\n${at.home}\n${input}`,
  };
}

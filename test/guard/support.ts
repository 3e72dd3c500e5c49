import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '../../src/agents/principal.js';
import type { ToolCall } from '../../src/guard/index.js';
import { type GuardCase, HOME, PROJECT } from './cases/case.js';

export function agentOf(role: Role = 'builder', name = `${role}-1`) {
  return { agentId: `id-${name}`, name, role };
}

/** The call a case table row stands for, on the imagined machine (or the given one). */
export function callOf(row: GuardCase, where = { projectRoot: PROJECT, home: HOME }): ToolCall {
  const cwd =
    row.cwd === undefined ? where.projectRoot : path.posix.resolve(where.projectRoot, row.cwd);
  return {
    tool: row.tool ?? 'Bash',
    input: row.input ?? { command: row.command },
    cwd,
    projectRoot: where.projectRoot,
    home: where.home,
    agent: agentOf(row.role),
  };
}

export function bash(
  command: string,
  options: { cwd?: string; role?: Role; name?: string } = {},
): ToolCall {
  return {
    tool: 'Bash',
    input: { command },
    cwd: options.cwd ?? PROJECT,
    agent: agentOf(options.role, options.name),
  };
}

/** Writes a project's policy files into a real directory. */
export function writePolicy(
  projectRoot: string,
  files: { config?: string; policy?: string },
): void {
  if (files.config !== undefined)
    writeFileSync(path.join(projectRoot, 'lighthouse.yaml'), files.config);
  if (files.policy !== undefined) {
    mkdirSync(path.join(projectRoot, '.lighthouse'), { recursive: true });
    writeFileSync(path.join(projectRoot, '.lighthouse', 'policy.yaml'), files.policy);
  }
}

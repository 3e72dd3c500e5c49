import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkSettings } from '../../integrations/claude-code/check-settings.js';
import {
  bridgeBaseUrl,
  DEFAULT_HOOK_BIN,
  type GuardHookOptions,
  installGuardHooks,
  SettingsError,
} from '../../integrations/claude-code/guard-hooks.js';

export interface InstallClaudeCodeOptions {
  /** The project whose `.claude/settings.json` gets the hooks. */
  project: string;
  url: string;
  /** Write the command form (`<bin> hook …`) instead of HTTP hooks. */
  command: boolean;
  bin?: string;
  timeoutSeconds?: number;
}

const REACHABLE_TIMEOUT_MS = 3000;

export function settingsFile(project: string): string {
  return join(resolve(project), '.claude', 'settings.json');
}

function readSettings(file: string): { text: string | null; settings: unknown } {
  if (!existsSync(file)) return { text: null, settings: {} };
  const text = readFileSync(file, 'utf8');
  try {
    return { text, settings: JSON.parse(text) };
  } catch (error) {
    throw new SettingsError(
      `${file} is not valid JSON (${(error as Error).message}); fix it first`,
    );
  }
}

/** Writes our hooks into the project's settings; a second run finds nothing to change. */
export function installClaudeCode(options: InstallClaudeCodeOptions): void {
  const file = settingsFile(options.project);
  const { text, settings } = readSettings(file);
  const hookOptions: GuardHookOptions = {
    url: bridgeBaseUrl(options.url),
    form: options.command ? 'command' : 'http',
    bin: options.bin,
    timeoutSeconds: options.timeoutSeconds,
  };
  const installed = `${JSON.stringify(installGuardHooks(settings, hookOptions), null, 2)}\n`;
  if (installed === text) {
    process.stdout.write(`${file}: the lighthouse-bridge hooks are already in place\n`);
    return;
  }
  mkdirSync(join(file, '..'), { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, installed);
  renameSync(aside, file);
  const how = options.command
    ? `the command ${options.bin ?? DEFAULT_HOOK_BIN} hook`
    : hookOptions.url;
  process.stdout.write(
    `${file}: PreToolUse, PostToolUse and UserPromptSubmit hooks installed (via ${how})\n`,
  );
}

async function unreachable(url: string): Promise<string | null> {
  try {
    const response = await fetch(`${url}/health`, {
      signal: AbortSignal.timeout(REACHABLE_TIMEOUT_MS),
    });
    return response.ok ? null : `${url}/health answered ${response.status}`;
  } catch (error) {
    return `${url} is not reachable: ${(error as Error).message}`;
  }
}

/** Prints every problem of the project's settings; the exit code is 1 when there is any. */
export async function checkClaudeCode(options: { project: string; url?: string }): Promise<number> {
  const file = settingsFile(options.project);
  const url = options.url === undefined ? undefined : bridgeBaseUrl(options.url);
  let problems: string[];
  if (!existsSync(file)) {
    problems = [`${file} does not exist: run lighthouse-bridge install claude-code`];
  } else {
    try {
      problems = checkSettings(readSettings(file).settings, { url });
    } catch (error) {
      problems = [(error as Error).message];
    }
    if (url !== undefined) {
      const problem = await unreachable(url);
      if (problem) problems.push(problem);
    }
  }
  for (const problem of problems) process.stdout.write(`problem: ${problem}\n`);
  if (problems.length === 0) process.stdout.write(`${file}: the hooks are in order\n`);
  return problems.length === 0 ? 0 : 1;
}

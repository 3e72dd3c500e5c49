import { endpointOfUrl, type HookEndpoint, isGuardHook, TOKEN_VARIABLE } from './guard-hooks.js';
import {
  GUARDED_TOOLS,
  HEADER_ENV_VARIABLE,
  HOOK_EVENTS,
  HOOK_TYPES,
  matcherSelects,
  ON_FAILURE_VALUES,
  SAMPLE_MCP_TOOL,
} from './hook-format.js';

export interface CheckOptions {
  /** When given, our HTTP hooks must point at this bridge. */
  url?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Problems of one hook handler, by where they are. */
function checkHandler(hook: unknown, at: string, problems: string[]): void {
  if (!isObject(hook)) {
    problems.push(`${at} must be an object`);
    return;
  }
  if (typeof hook.type !== 'string' || !HOOK_TYPES.includes(hook.type)) {
    problems.push(`${at}.type must be one of ${HOOK_TYPES.join(', ')}`);
    return;
  }
  if (hook.timeout !== undefined && !(typeof hook.timeout === 'number' && hook.timeout > 0)) {
    problems.push(`${at}.timeout must be a positive number of seconds`);
  }
  if (hook.onFailure !== undefined && !ON_FAILURE_VALUES.includes(hook.onFailure as string)) {
    problems.push(`${at}.onFailure must be one of ${ON_FAILURE_VALUES.join(', ')}`);
  }
  if (hook.type === 'command' && (typeof hook.command !== 'string' || hook.command === '')) {
    problems.push(`${at}.command must be a non-empty string`);
  }
  if ((hook.type === 'prompt' || hook.type === 'agent') && typeof hook.prompt !== 'string') {
    problems.push(`${at}.prompt must be a string`);
  }
  if (hook.type === 'http') checkHttpHandler(hook, at, problems);
}

function checkHttpHandler(hook: Json, at: string, problems: string[]): void {
  const url = typeof hook.url === 'string' ? URL.parse(hook.url) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    problems.push(`${at}.url must be an http:// or https:// URL`);
  }
  if (hook.allowedEnvVars !== undefined && !isStringList(hook.allowedEnvVars)) {
    problems.push(`${at}.allowedEnvVars must be a list of variable names`);
  }
  if (hook.headers === undefined) return;
  if (!isObject(hook.headers)) {
    problems.push(`${at}.headers must be an object of header values`);
    return;
  }
  const allowed = isStringList(hook.allowedEnvVars) ? hook.allowedEnvVars : [];
  for (const [name, value] of Object.entries(hook.headers)) {
    if (typeof value !== 'string') {
      problems.push(`${at}.headers.${name} must be a string`);
      continue;
    }
    for (const [, variable] of value.matchAll(HEADER_ENV_VARIABLE)) {
      if (!allowed.includes(variable as string)) {
        problems.push(
          `${at}.headers.${name} uses $${variable}, which is not in allowedEnvVars: it would be sent empty`,
        );
      }
    }
  }
}

/** Problems of the whole `hooks` object against Claude Code's format. */
function checkFormat(hooks: Json, problems: string[]): void {
  for (const [event, groups] of Object.entries(hooks)) {
    const at = `hooks.${event}`;
    if (!HOOK_EVENTS.includes(event))
      problems.push(`${at}: ${event} is not a Claude Code hook event`);
    if (!Array.isArray(groups)) {
      problems.push(`${at} must be a list of matcher groups`);
      continue;
    }
    groups.forEach((group, index) => {
      const groupAt = `${at}[${index}]`;
      if (!isObject(group)) {
        problems.push(`${groupAt} must be an object`);
        return;
      }
      if (group.matcher !== undefined) {
        if (typeof group.matcher !== 'string') problems.push(`${groupAt}.matcher must be a string`);
        else {
          try {
            matcherSelects(group.matcher);
          } catch (error) {
            problems.push(
              `${groupAt}.matcher is not a valid regular expression: ${(error as Error).message}`,
            );
          }
        }
      }
      if (!Array.isArray(group.hooks) || group.hooks.length === 0) {
        problems.push(`${groupAt}.hooks must be a non-empty list`);
        return;
      }
      group.hooks.forEach((hook, hookIndex) => {
        checkHandler(hook, `${groupAt}.hooks[${hookIndex}]`, problems);
      });
    });
  }
}

interface OurHook {
  hook: Json;
  at: string;
  matcher: string | undefined;
}

function ourHooks(hooks: Json, event: string): OurHook[] {
  const groups = hooks[event];
  if (!Array.isArray(groups)) return [];
  return groups.flatMap((group, index) =>
    isObject(group) && Array.isArray(group.hooks)
      ? group.hooks
          .map((hook, hookIndex) => ({
            hook: hook as Json,
            at: `hooks.${event}[${index}].hooks[${hookIndex}]`,
            matcher: typeof group.matcher === 'string' ? group.matcher : undefined,
          }))
          .filter(({ hook }) => isGuardHook(hook))
      : [],
  );
}

function uncovered(matcher: string | undefined): string[] {
  try {
    const selects = matcherSelects(matcher);
    return [...GUARDED_TOOLS, SAMPLE_MCP_TOOL].filter((tool) => !selects(tool));
  } catch {
    return [];
  }
}

/** Problems of our own hooks: present, covering the guarded tools, failing closed, authenticated. */
function checkOurs(hooks: Json, options: CheckOptions, problems: string[]): void {
  const expected: Array<[string, HookEndpoint]> = [
    ['PreToolUse', 'pre-tool-use'],
    ['PostToolUse', 'post-tool-use'],
    ['UserPromptSubmit', 'user-prompt-submit'],
  ];
  for (const [event, endpoint] of expected) {
    const ours = ourHooks(hooks, event);
    if (ours.length === 0) {
      problems.push(
        `hooks.${event} has no lighthouse-bridge hook: run lighthouse-bridge install claude-code`,
      );
      continue;
    }
    for (const { hook, at, matcher } of ours) {
      // A prompt is no tool call: UserPromptSubmit ignores matchers.
      const missing = event === 'UserPromptSubmit' ? [] : uncovered(matcher);
      if (missing.length > 0) {
        problems.push(`${at}: its matcher does not select ${missing.join(', ')}`);
      }
      if (event === 'PreToolUse' && hook.onFailure !== 'block') {
        problems.push(
          `${at} must have "onFailure": "block", or a dead bridge lets every call through`,
        );
      }
      if (hook.type !== 'http') continue;
      if (endpointOfUrl(hook.url) !== endpoint) {
        problems.push(`${at}.url must end in the ${endpoint} endpoint`);
      }
      const headers = isObject(hook.headers) ? hook.headers : {};
      const authorization = Object.entries(headers).find(
        ([name]) => name.toLowerCase() === 'authorization',
      );
      if (!authorization || !String(authorization[1]).includes(`$${TOKEN_VARIABLE}`)) {
        problems.push(`${at}.headers must send "Authorization": "Bearer $${TOKEN_VARIABLE}"`);
      }
      if (options.url !== undefined && !String(hook.url).startsWith(`${options.url}/`)) {
        problems.push(`${at}.url points at ${String(hook.url)}, not at ${options.url}`);
      }
    }
  }
}

/** Everything wrong with a parsed settings file, as lines a human can act on; empty when fine. */
export function checkSettings(settings: unknown, options: CheckOptions = {}): string[] {
  if (!isObject(settings)) return ['the settings file must hold a JSON object'];
  if (settings.hooks === undefined) {
    return ['the settings file has no "hooks": run lighthouse-bridge install claude-code'];
  }
  if (!isObject(settings.hooks)) return ['"hooks" must be an object keyed by hook event'];
  const problems: string[] = [];
  checkFormat(settings.hooks, problems);
  checkOurs(settings.hooks, options, problems);
  return problems;
}

import { GUARDED_TOOLS_MATCHER } from './hook-format.js';

export const HOOK_ENDPOINTS = {
  'pre-tool-use': '/v1/hooks/claude-code/pre-tool-use',
  'post-tool-use': '/v1/hooks/claude-code/post-tool-use',
  'user-prompt-submit': '/v1/hooks/claude-code/user-prompt-submit',
} as const;
export type HookEndpoint = keyof typeof HOOK_ENDPOINTS;

export const TOKEN_VARIABLE = 'LIGHTHOUSE_TOKEN';
export const DEFAULT_HOOK_TIMEOUT_SECONDS = 10;
export const DEFAULT_HOOK_BIN = 'lighthouse-bridge';

export interface GuardHookOptions {
  /** Base URL of the bridge, for HTTP hooks. */
  url: string;
  /** `http`: Claude Code posts to the bridge. `command`: it runs `<bin> hook …`, which does. */
  form: 'http' | 'command';
  /** The CLI to run in the command form. */
  bin?: string;
  timeoutSeconds?: number;
}

export type HookHandler = Record<string, unknown>;
export interface MatcherGroup {
  matcher?: string;
  hooks: HookHandler[];
  [key: string]: unknown;
}
export type Settings = Record<string, unknown>;

/**
 * Which hook events get which of our endpoints, and for which tools. The tool hooks guard calls
 * and report outcomes; the PostToolUse and UserPromptSubmit answers also bring the agent its
 * unread urgent messages and open questions. UserPromptSubmit takes no matcher.
 */
const INSTALLED: ReadonlyArray<[event: string, endpoint: HookEndpoint, matcher?: string]> = [
  ['PreToolUse', 'pre-tool-use', GUARDED_TOOLS_MATCHER],
  ['PostToolUse', 'post-tool-use', GUARDED_TOOLS_MATCHER],
  ['PostToolUseFailure', 'post-tool-use', GUARDED_TOOLS_MATCHER],
  ['UserPromptSubmit', 'user-prompt-submit'],
];

const OUR_COMMAND = /lighthouse\S*\s+hook\s+(pre-tool-use|post-tool-use|user-prompt-submit)\s*$/;

export class SettingsError extends Error {}

/** The bridge's base URL without a trailing slash; refuses anything but http(s). */
export function bridgeBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SettingsError(`--url ${JSON.stringify(url)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SettingsError(`--url must be an http:// or https:// URL, got ${url}`);
  }
  return parsed.href.replace(/\/+$/, '');
}

export function endpointUrl(baseUrl: string, endpoint: HookEndpoint): string {
  return `${bridgeBaseUrl(baseUrl)}${HOOK_ENDPOINTS[endpoint]}`;
}

/** Our endpoint an HTTP hook URL points at, whatever the host, or null. */
export function endpointOfUrl(url: unknown): HookEndpoint | null {
  if (typeof url !== 'string') return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  for (const [endpoint, endpointPath] of Object.entries(HOOK_ENDPOINTS)) {
    if (path === endpointPath) return endpoint as HookEndpoint;
  }
  return null;
}

/** True for the hooks this installer writes: HTTP hooks to our endpoints, or our hook command. */
export function isGuardHook(hook: unknown): boolean {
  if (typeof hook !== 'object' || hook === null) return false;
  const { type, url, command } = hook as HookHandler;
  if (type === 'http') return endpointOfUrl(url) !== null;
  return type === 'command' && typeof command === 'string' && OUR_COMMAND.test(command);
}

function handler(endpoint: HookEndpoint, options: GuardHookOptions): HookHandler {
  const timeout = options.timeoutSeconds ?? DEFAULT_HOOK_TIMEOUT_SECONDS;
  // Only the PreToolUse answer gates a call; a lost outcome report must not block the agent.
  const failClosed = endpoint === 'pre-tool-use' ? { onFailure: 'block' } : {};
  if (options.form === 'command') {
    return {
      type: 'command',
      command: `${options.bin ?? DEFAULT_HOOK_BIN} hook ${endpoint}`,
      timeout,
      ...failClosed,
    };
  }
  return {
    type: 'http',
    url: endpointUrl(options.url, endpoint),
    headers: { Authorization: `Bearer $${TOKEN_VARIABLE}` },
    allowedEnvVars: [TOKEN_VARIABLE],
    timeout,
    ...failClosed,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The settings with our hooks in place: other keys, events and hooks kept as they are, our
 * previous entries replaced where they stood (so a second run changes nothing).
 */
export function installGuardHooks(settings: unknown, options: GuardHookOptions): Settings {
  if (!isObject(settings)) throw new SettingsError('the settings file must hold a JSON object');
  if (settings.hooks !== undefined && !isObject(settings.hooks)) {
    throw new SettingsError('"hooks" in the settings file must be an object');
  }
  const hooks: Record<string, unknown> = { ...(settings.hooks ?? {}) };
  for (const [event, endpoint, matcher] of INSTALLED) {
    const groups = hooks[event] ?? [];
    if (!Array.isArray(groups)) {
      throw new SettingsError(`"hooks.${event}" in the settings file must be an array`);
    }
    const hooksOfGroup = [handler(endpoint, options)];
    hooks[event] = withOurGroup(
      groups,
      matcher === undefined ? { hooks: hooksOfGroup } : { matcher, hooks: hooksOfGroup },
    );
  }
  return { ...settings, hooks };
}

function withOurGroup(groups: unknown[], ours: MatcherGroup): unknown[] {
  let at = -1;
  const kept: unknown[] = [];
  for (const group of groups) {
    const handlers = isObject(group) && Array.isArray(group.hooks) ? group.hooks : null;
    if (!handlers?.some(isGuardHook)) {
      kept.push(group);
      continue;
    }
    if (at < 0) at = kept.length;
    const others = handlers.filter((hook) => !isGuardHook(hook));
    if (others.length > 0) kept.push({ ...(group as MatcherGroup), hooks: others });
  }
  kept.splice(at < 0 ? kept.length : at, 0, ours);
  return kept;
}

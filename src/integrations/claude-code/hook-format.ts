/** The hook events Claude Code knows as keys of `hooks` in settings.json (as of version 2.1.3xx). */
export const HOOK_EVENTS: readonly string[] = [
  'PreToolUse',
  'PostToolUse',
  'PostToolUseFailure',
  'PostToolBatch',
  'PermissionRequest',
  'PermissionDenied',
  'Notification',
  'UserPromptSubmit',
  'UserPromptExpansion',
  'Stop',
  'StopFailure',
  'SubagentStart',
  'SubagentStop',
  'PreCompact',
  'PostCompact',
  'Elicitation',
  'ElicitationResult',
  'TeammateIdle',
  'TaskCreated',
  'TaskCompleted',
  'Setup',
  'InstructionsLoaded',
  'CwdChanged',
  'FileChanged',
  'ConfigChange',
  'WorktreeCreate',
  'WorktreeRemove',
  'SessionStart',
  'SessionEnd',
  'PreModelSwitch',
  'PostModelSwitch',
  'MessageDisplay',
  'DirectoryAdded',
];

export const HOOK_TYPES: readonly string[] = ['command', 'http', 'mcp_tool', 'prompt', 'agent'];

/** `block` makes a hook that cannot run, times out or fails block the action (since 2.1.295). */
export const ON_FAILURE_VALUES: readonly string[] = ['block', 'continue'];

/** The tools the guard judges, and the matcher that selects them (MCP tools are `mcp__<server>__<tool>`). */
export const GUARDED_TOOLS = [
  'Bash',
  'Write',
  'Edit',
  'MultiEdit',
  'NotebookEdit',
  'Read',
  'Glob',
  'Grep',
  'LS',
  'WebFetch',
  'WebSearch',
  'Task',
] as const;
export const GUARDED_TOOLS_MATCHER = [...GUARDED_TOOLS, 'mcp__.*'].join('|');
/** A name standing for every MCP tool when checking that a matcher covers them. */
export const SAMPLE_MCP_TOOL = 'mcp__server__tool';

/** Header values may name environment variables, as `$NAME` or `${NAME}`. */
export const HEADER_ENV_VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;

/**
 * A matcher as Claude Code applies it to a tool name: empty or `*` selects every tool, anything
 * else is a regular expression. Matching is checked whole-name, the stricter reading, so that a
 * matcher found to cover a tool covers it however Claude Code anchors it. Throws on a bad pattern.
 */
export function matcherSelects(matcher: string | undefined): (tool: string) => boolean {
  if (matcher === undefined || matcher === '' || matcher === '*') return () => true;
  const pattern = new RegExp(`^(?:${matcher})$`);
  return (tool) => pattern.test(tool);
}

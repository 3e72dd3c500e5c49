import type { Verdict } from '../../guard/types.js';

/** Claude Code's answer format for a PreToolUse hook. */
export interface PreToolUseOutput {
  hookSpecificOutput: {
    hookEventName: 'PreToolUse';
    permissionDecision: Verdict;
    permissionDecisionReason: string;
  };
}

const VERDICTS: readonly string[] = ['allow', 'ask', 'deny'];

export function preToolUseOutput(verdict: Verdict, reason: string): PreToolUseOutput {
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: verdict,
      permissionDecisionReason: reason,
    },
  };
}

/** True when a value has the shape Claude Code expects from a PreToolUse hook. */
export function isPreToolUseOutput(value: unknown): value is PreToolUseOutput {
  const output = (value as Partial<PreToolUseOutput> | null)?.hookSpecificOutput;
  return (
    typeof output === 'object' &&
    output !== null &&
    output.hookEventName === 'PreToolUse' &&
    VERDICTS.includes(output.permissionDecision as string) &&
    typeof output.permissionDecisionReason === 'string'
  );
}

/** The events whose answer may add context for the model: PostToolUse(Failure), UserPromptSubmit. */
export interface ContextOutput {
  hookSpecificOutput: { hookEventName: string; additionalContext: string };
}

/** The answer to a hook that adds context: `{}` when there is nothing to add. */
export function contextOutput(
  hookEventName: string,
  additionalContext: string | null,
): ContextOutput | Record<string, never> {
  return additionalContext === null
    ? {}
    : { hookSpecificOutput: { hookEventName, additionalContext } };
}

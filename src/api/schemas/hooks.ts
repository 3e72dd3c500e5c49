export {
  postToolUseInputSchema as postToolUseBody,
  preToolUseInputSchema as preToolUseBody,
  userPromptSubmitInputSchema as userPromptSubmitBody,
} from '../../integrations/claude-code/hook-input.js';

export const preToolUseResponse = {
  type: 'object',
  required: ['hookSpecificOutput'],
  properties: {
    hookSpecificOutput: {
      type: 'object',
      required: ['hookEventName', 'permissionDecision', 'permissionDecisionReason'],
      properties: {
        hookEventName: { type: 'string' },
        permissionDecision: { type: 'string' },
        permissionDecisionReason: { type: 'string' },
      },
    },
  },
} as const;

/**
 * PostToolUse and UserPromptSubmit change nothing of Claude Code's course: they answer `{}`, or
 * context for the model when the agent has news (urgent messages, open questions).
 */
export const contextResponse = {
  type: 'object',
  properties: {
    hookSpecificOutput: {
      type: 'object',
      required: ['hookEventName', 'additionalContext'],
      properties: {
        hookEventName: { type: 'string' },
        additionalContext: { type: 'string' },
      },
    },
  },
} as const;

export {
  postToolUseInputSchema as postToolUseBody,
  preToolUseInputSchema as preToolUseBody,
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

/** PostToolUse answers nothing that changes Claude Code's course: an empty object. */
export const postToolUseResponse = { type: 'object', properties: {} } as const;

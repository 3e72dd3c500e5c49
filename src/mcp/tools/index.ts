import { AGENT_TOOLS } from './agents.js';
import type { AnyToolSpec } from './define-tool.js';
import { EVENT_TOOLS } from './events.js';
import { GUARD_TOOLS } from './guard.js';
import { LEASE_TOOLS } from './leases.js';
import { MESSAGE_TOOLS } from './messages.js';
import { QUESTION_TOOLS } from './questions.js';
import { REVIEW_TOOLS } from './reviews.js';
import { STATUS_TOOLS } from './status.js';
import { TASK_TOOLS } from './tasks.js';

/** Every tool the bridge offers over MCP, in the order clients list them. */
export const ALL_TOOLS: readonly AnyToolSpec[] = [
  ...STATUS_TOOLS,
  ...GUARD_TOOLS,
  ...MESSAGE_TOOLS,
  ...QUESTION_TOOLS,
  ...TASK_TOOLS,
  ...REVIEW_TOOLS,
  ...LEASE_TOOLS,
  ...AGENT_TOOLS,
  ...EVENT_TOOLS,
];

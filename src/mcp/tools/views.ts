import * as z from 'zod';
import { ROLES } from '../../agents/principal.js';
import { ELICITATION_STATUSES } from '../../coordination/elicitations/events.js';
import { IMPORTANCE_LEVELS } from '../../coordination/messages/events.js';
import { PRESENCE_STATUSES } from '../../coordination/presence/events.js';
import { REVIEW_DECISIONS, REVIEW_RISKS } from '../../coordination/reviews/events.js';
import { TASK_STATUSES } from '../../coordination/tasks/events.js';

/*
 * The shapes tools answer with, as output schemas. Each names the fields a client can rely on
 * and admits more, so the bridge can add a field without breaking a client that validates.
 */

const view = z.looseObject;
const time = z.string().describe('ISO 8601 time');
const optionalTime = time.nullable();

export const agentRefView = view({ agentId: z.string(), name: z.string() });

export const messageView = view({
  messageId: z.string(),
  threadId: z.string(),
  from: agentRefView,
  to: z.string().describe('The address it was sent to'),
  recipients: z.array(agentRefView),
  subject: z.string(),
  body: z.string(),
  importance: z.enum(IMPORTANCE_LEVELS),
  ackRequired: z.boolean(),
  attachments: z.array(z.string()).describe('Blob hashes'),
  sentAt: time,
  read: z.boolean().describe('Whether the caller has read it'),
  acknowledged: z.boolean().describe('Whether the caller has acknowledged it'),
});

export const questionView = view({
  elicitationId: z.string().describe('The question id'),
  from: agentRefView,
  to: z.string(),
  question: z.string(),
  schema: z.unknown().describe('The JSON Schema an answer must match'),
  askedAt: time,
  deadline: time,
  status: z.enum(ELICITATION_STATUSES),
  answer: z.unknown().describe('The answer once answered, else null'),
  closedBy: agentRefView.nullable(),
  closedAt: optionalTime,
  reason: z.string().nullable().describe('Why it was declined or cancelled'),
});

export const taskView = view({
  taskId: z.string(),
  by: agentRefView.describe('Who dispatched it'),
  to: z.string().describe('Who may claim it: an address'),
  title: z.string(),
  description: z.string(),
  input: z.unknown(),
  blockedBy: z.array(z.string()),
  waitingOn: z.array(z.string()).describe('Blockers not completed yet; claimable once empty'),
  status: z.enum(TASK_STATUSES),
  claimant: agentRefView.nullable(),
  claimExpiresAt: optionalTime,
  result: z.unknown(),
  error: z.string().nullable(),
  dispatchedAt: time,
  closedAt: optionalTime,
});

export const reviewView = view({
  reviewId: z.string(),
  requester: agentRefView.describe('The agent whose tool call is reviewed'),
  toolCall: view({ tool: z.string(), summary: z.string() }),
  normalizedInput: z.unknown(),
  ruleIds: z.array(z.string()),
  reason: z.string(),
  risk: z.enum(REVIEW_RISKS),
  capability: z.string().describe('Experts holding this capability decide'),
  fallback: z.enum(REVIEW_DECISIONS).describe('What applies at the deadline without a decision'),
  openedAt: time,
  deadline: time,
  status: z.enum(['pending', 'resolved']),
  decisions: z.array(
    view({ expert: agentRefView, approve: z.boolean(), reason: z.string(), decidedAt: time }),
  ),
  outcome: view({ decision: z.enum(REVIEW_DECISIONS), reason: z.string() }).nullable(),
});

export const leaseView = view({
  leaseId: z.string(),
  holder: agentRefView,
  paths: z.array(z.string()).describe('Project-relative paths and globs'),
  exclusive: z.boolean(),
  reason: z.string(),
  acquiredAt: time,
  expiresAt: time,
});

export const agentView = view({
  agentId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  capabilities: z.array(z.string()),
  description: z.string(),
  status: z.enum(PRESENCE_STATUSES),
  lastSeenAt: optionalTime,
});

export const eventView = view({
  position: z.number(),
  streamId: z.string(),
  revision: z.number(),
  id: z.string(),
  type: z.string(),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  recordedAt: time,
});

export const nextCursor = z
  .string()
  .nullable()
  .describe('Pass as `before` for the next page; null at the end');

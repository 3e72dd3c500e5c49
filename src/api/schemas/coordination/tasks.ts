import { TASK_STATUSES } from '../../../coordination/tasks/events.js';
import { TASK_SCOPES } from '../../../coordination/tasks/service.js';
import {
  agentRef,
  anyJson,
  listLimit,
  nullableAgentRef,
  nullableText,
  optionalBody,
} from './common.js';

// Lengths, ranges and addresses are the tasks domain's to check; it names the field it refuses.

export const dispatchBody = {
  type: 'object',
  required: ['to', 'title'],
  additionalProperties: false,
  properties: {
    to: { type: 'string', description: 'agent name, role:<role>, capability:<name> or *' },
    title: { type: 'string' },
    description: { type: 'string' },
    input: anyJson,
    blockedBy: { type: 'array', items: { type: 'string' } },
    claimTimeoutSeconds: { type: 'number' },
  },
} as const;

export const taskListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scope: { type: 'string', enum: TASK_SCOPES },
    status: {
      type: 'string',
      minLength: 1,
      description: `comma-separated, among ${TASK_STATUSES.join(', ')}`,
    },
    limit: listLimit,
  },
} as const;

export const claimBody = optionalBody({});

export const progressBody = optionalBody({
  note: { type: 'string' },
  percent: { type: ['number', 'null'] },
});

export const completeBody = optionalBody({ result: anyJson });

export const failBody = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: { error: { type: 'string' } },
} as const;

export const releaseBody = optionalBody({ reason: { type: 'string' } });

export const taskResponse = {
  type: 'object',
  properties: {
    taskId: { type: 'string' },
    by: agentRef,
    to: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    input: anyJson,
    blockedBy: { type: 'array', items: { type: 'string' } },
    waitingOn: {
      type: 'array',
      items: { type: 'string' },
      description: 'the tasks of blockedBy not completed yet; claimable once empty',
    },
    claimTimeoutSeconds: { type: 'number' },
    dispatchedAt: { type: 'string' },
    status: { type: 'string', enum: TASK_STATUSES },
    claimant: nullableAgentRef,
    claimedAt: nullableText,
    claimExpiresAt: nullableText,
    progress: {
      type: ['object', 'null'],
      properties: {
        note: { type: 'string' },
        percent: { type: ['number', 'null'] },
        at: { type: 'string' },
      },
    },
    result: anyJson,
    error: nullableText,
    closedAt: nullableText,
    claims: { type: 'integer' },
  },
} as const;

export const taskListResponse = {
  type: 'object',
  properties: { tasks: { type: 'array', items: taskResponse } },
} as const;

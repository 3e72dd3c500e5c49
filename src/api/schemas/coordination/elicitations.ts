import {
  MAX_ELICITATION_TIMEOUT_MS,
  MAX_QUESTION_LENGTH,
  MAX_REASON_LENGTH,
} from '../../../coordination/elicitations/decide.js';
import { ELICITATION_STATUSES } from '../../../coordination/elicitations/events.js';
import { ELICITATION_SIDES, MAX_LIST_LIMIT } from '../../../coordination/elicitations/service.js';
import {
  agentRef,
  anyJson,
  MAX_HTTP_WAIT_MS,
  nullableAgentRef,
  nullableText,
  optionalBody,
} from './common.js';

export const askBody = {
  type: 'object',
  required: ['to', 'question', 'schema'],
  additionalProperties: false,
  properties: {
    to: {
      type: 'string',
      minLength: 1,
      description: 'agent name, role:<role>, capability:<name> or *',
    },
    question: { type: 'string', minLength: 1, maxLength: MAX_QUESTION_LENGTH },
    schema: { ...anyJson, description: 'the JSON Schema an answer must match' },
    timeoutMs: { type: 'integer', minimum: 1, maximum: MAX_ELICITATION_TIMEOUT_MS },
  },
} as const;

export const waitQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    waitMs: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_HTTP_WAIT_MS,
      description: 'wait this long for an outcome while the question is open',
    },
  },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    role: { type: 'string', enum: ELICITATION_SIDES },
    status: { type: 'string', enum: ELICITATION_STATUSES },
    before: { type: 'string', format: 'uuid', description: 'the next cursor of the previous page' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_LIST_LIMIT },
  },
} as const;

export const answerBody = {
  type: 'object',
  required: ['data'],
  additionalProperties: false,
  properties: { data: { ...anyJson, description: 'the answer, matching the question schema' } },
} as const;

export const reasonBody = optionalBody({
  reason: { type: 'string', maxLength: MAX_REASON_LENGTH },
});

export const elicitationResponse = {
  type: 'object',
  properties: {
    elicitationId: { type: 'string' },
    from: agentRef,
    to: { type: 'string' },
    question: { type: 'string' },
    schema: anyJson,
    askedAt: { type: 'string' },
    deadline: { type: 'string' },
    status: { type: 'string' },
    answer: anyJson,
    closedBy: nullableAgentRef,
    closedAt: nullableText,
    reason: nullableText,
  },
} as const;

export const elicitationListResponse = {
  type: 'object',
  properties: {
    elicitations: { type: 'array', items: elicitationResponse },
    next: nullableText,
  },
} as const;

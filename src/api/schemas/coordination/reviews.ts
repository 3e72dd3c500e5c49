import { REVIEW_DECISIONS, REVIEW_RISKS } from '../../../coordination/reviews/events.js';
import { agentRef, anyJson, listLimit, MAX_HTTP_WAIT_MS, nullableAgentRef } from './common.js';

export const reviewListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['pending', 'resolved'] },
    capability: { type: 'string', minLength: 1 },
    mine: {
      type: 'boolean',
      description: 'only the pending reviews the caller, as an expert, may still decide on',
    },
    limit: listLimit,
  },
} as const;

export const reviewWaitQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    waitMs: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_HTTP_WAIT_MS,
      description: 'wait up to this long for the outcome of a pending review',
    },
  },
} as const;

export const decisionBody = {
  type: 'object',
  required: ['approve', 'reason'],
  additionalProperties: false,
  properties: { approve: { type: 'boolean' }, reason: { type: 'string' } },
} as const;

export const promoteBody = {
  type: 'object',
  required: ['rule'],
  additionalProperties: false,
  properties: { rule: { type: 'string' } },
} as const;

const decision = { type: 'string', enum: REVIEW_DECISIONS } as const;

export const reviewResponse = {
  type: 'object',
  properties: {
    reviewId: { type: 'string' },
    requester: agentRef,
    toolCall: {
      type: 'object',
      properties: { tool: { type: 'string' }, summary: { type: 'string' } },
    },
    normalizedInput: anyJson,
    ruleIds: { type: 'array', items: { type: 'string' } },
    reason: { type: 'string' },
    risk: { type: 'string', enum: REVIEW_RISKS },
    capability: { type: 'string' },
    fallback: decision,
    openedAt: { type: 'string' },
    deadline: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'resolved'] },
    decisions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          expert: agentRef,
          approve: { type: 'boolean' },
          reason: { type: 'string' },
          decidedAt: { type: 'string' },
        },
      },
    },
    outcome: {
      type: ['object', 'null'],
      properties: {
        decision,
        resolvedBy: { type: 'string', enum: ['experts', 'admin', 'fallback'] },
        by: nullableAgentRef,
        reason: { type: 'string' },
        resolvedAt: { type: 'string' },
      },
    },
    promotion: {
      type: ['object', 'null'],
      properties: { by: agentRef, rule: { type: 'string' }, promotedAt: { type: 'string' } },
    },
  },
} as const;

export const reviewListResponse = {
  type: 'object',
  properties: { reviews: { type: 'array', items: reviewResponse } },
} as const;

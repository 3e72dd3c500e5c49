import { MAX_PAGE_LIMIT } from './events.js';

const VERDICTS = ['allow', 'ask', 'deny'] as const;
const text = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const decisionsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    agent: { ...text, description: 'agent name or id' },
    session: { ...text, description: 'Claude Code session id' },
    verdict: { type: 'string', enum: VERDICTS },
    tool: text,
    rule: { ...text, description: 'a rule id among those that matched' },
    after: { type: 'integer', minimum: 0 },
    direction: { type: 'string', enum: ['forwards', 'backwards'] },
    limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT },
  },
} as const;

const nullableText = { type: ['string', 'null'] } as const;

const recordedDecision = {
  type: 'object',
  properties: {
    position: { type: 'integer' },
    recordedAt: { type: 'string' },
    agentId: { type: 'string' },
    agent: { type: 'string' },
    sessionId: nullableText,
    toolUseId: nullableText,
    tool: { type: 'string' },
    input: {
      type: 'object',
      properties: {
        cwd: { type: 'string' },
        input: { type: 'string' },
        commands: { type: 'array', items: { type: 'string' } },
      },
    },
    verdict: { type: 'string' },
    ruleDecision: { type: 'string' },
    ruleIds: { type: 'array', items: { type: 'string' } },
    reason: { type: 'string' },
    durationMicros: { type: 'number' },
    policyVersion: { type: 'string' },
    cached: { type: 'boolean' },
    approvalCode: nullableText,
    inputDigest: nullableText,
    approvedBy: nullableText,
    failure: nullableText,
  },
} as const;

export const decisionsResponse = {
  type: 'object',
  properties: {
    decisions: { type: 'array', items: recordedDecision },
    next: { type: ['integer', 'null'] },
  },
} as const;

export const explainBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    tool: text,
    command: { type: 'string', minLength: 1, maxLength: 100_000 },
    input: { type: 'object' },
    cwd: { type: 'string', minLength: 1, maxLength: 4096 },
  },
} as const;

export const approvalBody = {
  type: 'object',
  required: ['code'],
  additionalProperties: false,
  properties: { code: { type: 'string', minLength: 1, maxLength: 20 } },
} as const;

export const approvalResponse = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    agentId: { type: 'string' },
    agent: { type: 'string' },
    tool: { type: 'string' },
    summary: { type: 'string' },
    policyVersion: { type: 'string' },
    approvedBy: { type: 'string' },
    grantedAt: { type: 'string' },
    expiresAt: { type: 'string' },
  },
} as const;

const nullableNumber = { type: ['number', 'null'] } as const;

export const statsResponse = {
  type: 'object',
  properties: {
    decisions: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        byVerdict: {
          type: 'object',
          properties: Object.fromEntries(VERDICTS.map((verdict) => [verdict, { type: 'integer' }])),
        },
        cached: { type: 'integer' },
        approvedOnce: { type: 'integer' },
        failures: { type: 'integer' },
      },
    },
    cacheHitRatio: nullableNumber,
    sla: {
      type: 'object',
      properties: {
        targetMs: { type: 'number' },
        windowMs: { type: 'number' },
        maxSamples: { type: 'integer' },
        samples: { type: 'integer' },
        p50Ms: nullableNumber,
        p95Ms: nullableNumber,
        p99Ms: nullableNumber,
        withinTarget: nullableNumber,
      },
    },
    policy: {
      type: 'object',
      properties: {
        version: { type: 'string' },
        // The engine's own account of policy reloads, passed through as it is.
        reload: {},
      },
    },
  },
} as const;

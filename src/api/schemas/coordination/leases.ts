import { agentRef, optionalBody } from './common.js';

// How many paths, their form and the time to live are the leases domain's to check.

export const acquireBody = {
  type: 'object',
  required: ['paths'],
  additionalProperties: false,
  properties: {
    paths: {
      type: 'array',
      items: { type: 'string' },
      description: 'project-relative (or absolute, inside the project) paths and globs',
    },
    exclusive: { type: 'boolean' },
    ttlSeconds: { type: 'number' },
    reason: { type: 'string' },
  },
} as const;

export const leaseListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    holder: { type: 'string', minLength: 1, description: 'agent name or id' },
  },
} as const;

export const leaseCheckQuery = {
  type: 'object',
  required: ['path'],
  additionalProperties: false,
  properties: { path: { type: 'string', minLength: 1 } },
} as const;

export const renewBody = optionalBody({ ttlSeconds: { type: 'number' } });

export const forceReleaseBody = optionalBody({ reason: { type: 'string' } });

export const leaseResponse = {
  type: 'object',
  properties: {
    leaseId: { type: 'string' },
    holder: agentRef,
    paths: { type: 'array', items: { type: 'string' } },
    exclusive: { type: 'boolean' },
    reason: { type: 'string' },
    ttlSeconds: { type: 'number' },
    acquiredAt: { type: 'string' },
    expiresAt: { type: 'string' },
  },
} as const;

export const leaseListResponse = {
  type: 'object',
  properties: { leases: { type: 'array', items: leaseResponse } },
} as const;

export const leaseCheckResponse = {
  type: 'object',
  properties: {
    path: { type: 'string' },
    lease: {
      ...leaseResponse,
      type: ['object', 'null'],
      description: "another agent's exclusive lease covering the path, or null",
    },
  },
} as const;

/** The release as recorded; `reason` only when forced. */
export const releasedResponse = {
  type: 'object',
  properties: {
    leaseId: { type: 'string' },
    by: agentRef,
    reason: { type: 'string' },
    releasedAt: { type: 'string' },
  },
} as const;

import { ROLES } from '../../agents/principal.js';
import { presenceProperties } from './coordination/presence.js';

export const registerAgentBody = {
  type: 'object',
  required: ['name', 'role'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    capabilities: { type: 'array', items: { type: 'string' } },
    description: { type: 'string' },
  },
} as const;

export const agentParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const credentialsResponse = {
  type: 'object',
  properties: {
    agentId: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    token: { type: 'string' },
  },
} as const;

export const agentListResponse = {
  type: 'object',
  properties: {
    agents: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          agentId: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          capabilities: { type: 'array', items: { type: 'string' } },
          description: { type: 'string' },
          activeTokens: { type: 'integer' },
          ...presenceProperties,
        },
      },
    },
  },
} as const;

export const revokedResponse = {
  type: 'object',
  properties: {
    agentId: { type: 'string' },
    name: { type: 'string' },
    revoked: { type: 'integer' },
  },
} as const;

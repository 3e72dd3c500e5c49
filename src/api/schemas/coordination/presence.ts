export const presenceProperties = {
  status: { type: 'string', enum: ['online', 'idle', 'offline'] },
  lastSeenAt: { type: ['string', 'null'] },
} as const;

export const presenceResponse = {
  type: 'object',
  properties: { agentId: { type: 'string' }, ...presenceProperties },
} as const;

export const directoryEntry = {
  type: 'object',
  properties: {
    agentId: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    capabilities: { type: 'array', items: { type: 'string' } },
    description: { type: 'string' },
    ...presenceProperties,
  },
} as const;

export const meResponse = directoryEntry;

export const blobParams = {
  type: 'object',
  required: ['hash'],
  additionalProperties: false,
  properties: {
    hash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'lowercase hex sha256' },
  },
} as const;

export const blobResponse = {
  type: 'object',
  properties: { hash: { type: 'string' }, size: { type: 'integer' } },
} as const;

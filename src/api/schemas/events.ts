export const MAX_EVENTS_PER_REQUEST = 1000;
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

const expectedRevision = {
  anyOf: [
    { type: 'string', enum: ['any', 'no_stream', 'exists'] },
    { type: 'integer', minimum: 0 },
  ],
} as const;

export const streamParams = {
  type: 'object',
  required: ['streamId'],
  additionalProperties: false,
  properties: {
    streamId: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '^[^\\u0000-\\u001f\\u007f]+$',
    },
  },
} as const;

export const appendBody = {
  type: 'object',
  required: ['events'],
  additionalProperties: false,
  properties: {
    expectedRevision,
    events: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_EVENTS_PER_REQUEST,
      items: {
        type: 'object',
        required: ['type', 'data'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', format: 'uuid' },
          type: { type: 'string', minLength: 1, maxLength: 200 },
          data: {},
          metadata: { type: 'object' },
        },
      },
    },
  },
} as const;

export const appendResponse = {
  type: 'object',
  properties: { position: { type: 'integer' }, nextRevision: { type: 'integer' } },
} as const;

const direction = { type: 'string', enum: ['forwards', 'backwards'] } as const;
const limit = { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT } as const;
const position = { type: 'integer', minimum: 0 } as const;

export const readStreamQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { fromRevision: position, direction, limit },
} as const;

/** The filters of `readAll` and of the SSE stream, as query text. */
const filterProperties = {
  types: { type: 'string', minLength: 1, description: 'comma-separated event types' },
  streamPrefix: { type: 'string', minLength: 1, maxLength: 200 },
  agentId: { type: 'string', minLength: 1 },
  correlationId: { type: 'string', minLength: 1 },
  since: { type: 'string', minLength: 1, description: 'ISO 8601 time or epoch milliseconds' },
  until: { type: 'string', minLength: 1, description: 'ISO 8601 time or epoch milliseconds' },
} as const;

export const readAllQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { after: position, direction, limit, ...filterProperties },
} as const;

export const subscribeQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { after: position, ...filterProperties },
} as const;

// `data` and `metadata` are any JSON: an empty schema hands them to JSON.stringify.
const envelope = {
  type: 'object',
  properties: {
    position: { type: 'integer' },
    streamId: { type: 'string' },
    revision: { type: 'integer' },
    id: { type: 'string' },
    type: { type: 'string' },
    data: {},
    metadata: {},
    recordedAt: { type: 'string' },
    hash: { type: 'string' },
  },
} as const;

export const pageResponse = {
  type: 'object',
  properties: {
    events: { type: 'array', items: envelope },
    next: { type: ['integer', 'null'] },
  },
} as const;

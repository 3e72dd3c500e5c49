/** Schema pieces shared by the coordination routes. */

export const MAX_LIST_LIMIT = 1000;

/** The longest a request waits for an outcome (`?waitMs=`); a caller that wants longer asks again. */
export const MAX_HTTP_WAIT_MS = 60_000;

/** `:id` of a task, review or lease; an id that names nothing is the service's 404. */
export const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const listLimit = { type: 'integer', minimum: 1, maximum: MAX_LIST_LIMIT } as const;

/** A body that may be left out; when sent, it is an object of the listed fields only. */
export function optionalBody<Properties extends Record<string, unknown>>(properties: Properties) {
  return { type: ['object', 'null'], additionalProperties: false, properties } as const;
}

export const agentRef = {
  type: 'object',
  properties: { agentId: { type: 'string' }, name: { type: 'string' } },
} as const;

export const nullableAgentRef = { ...agentRef, type: ['object', 'null'] } as const;

export const nullableText = { type: ['string', 'null'] } as const;

/** Any JSON value, passed through as it is. */
export const anyJson = {} as const;

/** `after`: a log position to resume after when no Last-Event-ID says so; without either, from now. */
export const feedQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { after: { type: 'integer', minimum: 0 } },
} as const;

import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type * as z from 'zod';

type JsonSchemaOptions = { target: string };

const wrapped = new WeakMap<z.ZodType, StandardSchemaWithJSON>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * A zod schema whose JSON Schema is computed once. The SDK converts a tool's schemas for every
 * `tools/list` and, on the 2026-07-28 revision, for every call, on a server built per request;
 * conversion costs far more than the call itself. Validation stays zod's own.
 */
export function withCachedJsonSchema(schema: z.ZodType): StandardSchemaWithJSON {
  const known = wrapped.get(schema);
  if (known) return known;
  const standard = schema['~standard'];
  const converted = new Map<string, unknown>();
  const convert = (io: 'input' | 'output') => (options: JsonSchemaOptions) => {
    const key = `${io} ${options.target}`;
    if (!converted.has(key)) {
      converted.set(key, deepFreeze(standard.jsonSchema[io](options as never)));
    }
    return converted.get(key) as Record<string, unknown>;
  };
  const cached = {
    '~standard': {
      ...standard,
      jsonSchema: { input: convert('input'), output: convert('output') },
    },
  } as unknown as StandardSchemaWithJSON;
  wrapped.set(schema, cached);
  return cached;
}

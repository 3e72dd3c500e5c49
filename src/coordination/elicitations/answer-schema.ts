import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonValue } from '../../events/envelope.js';
import { CoordinationError } from '../errors.js';

export const MAX_SCHEMA_BYTES = 64 * 1024;
const MAX_CACHED_VALIDATORS = 500;

/**
 * Unknown keywords and formats are refused (they are usually typos); type and tuple hints are
 * not demanded, since agents write short schemas.
 */
const ajv = new Ajv({
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  allErrors: false,
});
addFormats.default(ajv);

/** Compiled validators by schema text. Ajv's own cache is keyed by object, and each recorded schema is a new object. */
const validators = new Map<string, ValidateFunction>();

function compile(schema: JsonValue, text: string): ValidateFunction {
  const cached = validators.get(text);
  if (cached) return cached;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema as object | boolean);
  } catch (error) {
    throw new CoordinationError(
      'invalid_schema',
      `schema is not a usable JSON Schema: ${(error as Error).message}`,
      { field: 'schema' },
    );
  } finally {
    // The validator keeps working; forgetting the schema keeps ids from colliding and memory flat.
    if (typeof schema === 'object' && schema !== null) ajv.removeSchema(schema);
  }
  if (validators.size >= MAX_CACHED_VALIDATORS) {
    validators.delete(validators.keys().next().value as string);
  }
  validators.set(text, validate);
  return validate;
}

/** Checks that a value is a JSON Schema (an object or a boolean) that compiles; returns it. */
export function checkAnswerSchema(schema: unknown): JsonValue {
  if (
    typeof schema !== 'boolean' &&
    (typeof schema !== 'object' || schema === null || Array.isArray(schema))
  ) {
    throw new CoordinationError('invalid_schema', 'schema must be a JSON Schema object', {
      field: 'schema',
    });
  }
  const text = JSON.stringify(schema);
  if (Buffer.byteLength(text) > MAX_SCHEMA_BYTES) {
    throw new CoordinationError(
      'invalid_schema',
      `schema must be at most ${MAX_SCHEMA_BYTES} bytes`,
      {
        field: 'schema',
      },
    );
  }
  const parsed = JSON.parse(text) as JsonValue;
  compile(parsed, text);
  return parsed;
}

/** The JSON pointer of the offending field, the missing or extra property included. */
function fieldOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const property = params.missingProperty ?? params.additionalProperty;
  return property === undefined ? error.instancePath : `${error.instancePath}/${property}`;
}

function describe(error: ErrorObject): string {
  const params = error.params as { allowedValues?: unknown[] };
  const allowed = params.allowedValues
    ? ` (${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')})`
    : '';
  return `${error.message ?? 'is invalid'}${allowed}`;
}

/** Validates an answer against its question's schema; `invalid_answer` names the field. */
export function checkAnswer(schema: JsonValue, data: unknown): void {
  const validate = compile(schema, JSON.stringify(schema));
  if (validate(data)) return;
  const [error] = validate.errors ?? [];
  const field = error ? fieldOf(error) : '';
  const where = field === '' ? 'the answer' : `answer field ${field}`;
  throw new CoordinationError(
    'invalid_answer',
    `${where} ${error ? describe(error) : 'does not match the schema'}`,
    { field, keyword: error?.keyword ?? null },
  );
}

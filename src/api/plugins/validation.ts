import { Ajv, type ErrorObject } from 'ajv';
import formats from 'ajv-formats';
import type { FastifySchemaValidationError } from 'fastify';
import { appWide } from './app-wide.js';

const addFormats = formats.default;

/**
 * Bodies are validated as sent: no type coercion and no silent removal of unknown fields (they
 * are refused). Query strings, params and headers arrive as text, so their numbers are coerced.
 */
function createAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
  });
  addFormats(ajv, ['uuid', 'date-time']);
  return ajv;
}

let validators: { bodies: Ajv; texts: Ajv } | undefined;

/**
 * Shared by every app in the process: an Ajv instance costs tens of milliseconds to warm up, and
 * it caches what it compiled by schema object, so the routes' constant schemas compile once.
 */
function sharedValidators(): { bodies: Ajv; texts: Ajv } {
  validators ??= { bodies: createAjv(false), texts: createAjv(true) };
  return validators;
}

function describe(error: FastifySchemaValidationError, where: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}/${String(params.additionalProperty)} is not an accepted field`;
    case 'required':
      return `${where}/${String(params.missingProperty)} is required`;
    case 'enum':
      return `${where} must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** One message naming the field, e.g. `body/events/0/type must be string`. */
export function formatSchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const last = errors.at(-1);
  if (!last) return new Error(`${dataVar} is invalid`);
  const where = `${dataVar}${last.instancePath}`;
  if (last.keyword !== 'anyOf') return new Error(describe(last, where));
  const alternatives = errors
    .filter((error) => error !== last && error.instancePath === last.instancePath)
    .map((error) => describe(error, '').trim());
  return new Error(`${where} ${alternatives.join(' or ')}`);
}

export const validationPlugin = appWide(async (app) => {
  const { bodies, texts } = sharedValidators();
  app.setValidatorCompiler<ErrorObject>(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodies : texts).compile(schema),
  );
  app.setSchemaErrorFormatter(formatSchemaErrors);
});

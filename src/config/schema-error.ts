import type { ErrorObject } from 'ajv';
import { ConfigError } from './config-error.js';
import { describeValue } from './describe-value.js';

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

/** A JSON pointer as a dotted key: `/guard/rules/2/name` → `guard.rules[2].name`. */
export function keyOfPointer(pointer: string): string {
  const segments = pointer.split('/').slice(1);
  return segments.reduce(
    (key, segment) => joinKey(key, segment.replaceAll('~1', '/').replaceAll('~0', '~')),
    '',
  );
}

function joinKey(parent: string, child: string): string {
  if (/^\d+$/.test(child)) return `${parent}[${child}]`;
  return parent === '' ? child : `${parent}.${child}`;
}

function requirementOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `must be ${String(params.type)
        .split(',')
        .map((type) => TYPE_WORDS[type] ?? type)
        .join(' or ')}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((value) => describeValue(value)).join(', ')}`;
    case 'const':
      return `must be ${describeValue(params.allowedValue)}`;
    default:
      return error.message ?? 'is invalid';
  }
}

/** Turns the first schema error in a file's document into a message naming the key and the file. */
export function schemaErrorInFile(errors: readonly ErrorObject[], file: string): ConfigError {
  const [error] = errors;
  if (!error) return new ConfigError(null, file, `${file} does not match its schema`);
  const at = keyOfPointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    const key = joinKey(at, String(params.additionalProperty));
    const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
    const hint =
      known.length > 0 ? ` (known keys${at ? ` in ${at}` : ''}: ${known.join(', ')})` : '';
    return new ConfigError(key, file, `${file}: unknown key "${key}"${hint}`);
  }
  if (error.keyword === 'required') {
    const key = joinKey(at, String(params.missingProperty));
    return new ConfigError(key, file, `${key} in ${file} is required`);
  }
  const key = at === '' ? '(top level)' : at;
  return new ConfigError(
    key,
    file,
    `${key} in ${file} ${requirementOf(error)}, got ${describeValue(error.data)}`,
  );
}

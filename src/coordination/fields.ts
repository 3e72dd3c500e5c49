import type { JsonValue } from '../events/envelope.js';
import { isUuid } from '../events/uuid.js';
import { invalidInput } from './errors.js';

/** A string of `min` to `max` characters, else `invalid_input` naming the field. */
export function checkText(value: unknown, field: string, max: number, min = 1): string {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    const range = min === 0 ? `at most ${max}` : `${min} to ${max}`;
    throw invalidInput(field, `${field} must be a string of ${range} characters`);
  }
  return value;
}

/** Like `checkText`, with absent meaning the empty string. */
export function checkOptionalText(value: unknown, field: string, max: number): string {
  return value === undefined || value === null ? '' : checkText(value, field, max, 0);
}

export function checkBoolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalidInput(field, `${field} must be true or false`);
  return value;
}

export function checkOneOf<T extends string>(
  value: unknown,
  field: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidInput(field, `${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** A whole number in [min, max]; absent means `fallback`. */
export function checkWholeNumber(
  value: unknown,
  field: string,
  range: { min: number; max: number; fallback: number },
): number {
  if (value === undefined) return range.fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw invalidInput(field, `${field} must be a whole number`);
  }
  if (value < range.min || value > range.max) {
    throw invalidInput(field, `${field} must be between ${range.min} and ${range.max}`);
  }
  return value;
}

/** A number of seconds above 0 and at most `max` (fractions allowed); absent means `fallback`. */
export function checkSeconds(value: unknown, field: string, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw invalidInput(field, `${field} must be a number of seconds above 0 and at most ${max}`);
  }
  return value;
}

/** Any JSON value of at most `maxBytes` when serialized; absent means null. */
export function checkJson(value: unknown, field: string, maxBytes: number): JsonValue {
  if (value === undefined) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw invalidInput(field, `${field} must be JSON`);
  if (Buffer.byteLength(text) > maxBytes) {
    throw invalidInput(field, `${field} must be at most ${maxBytes} bytes as JSON`);
  }
  return JSON.parse(text) as JsonValue;
}

/** A list of distinct UUIDs, at most `max` of them; absent means none. */
export function checkIdList(value: unknown, field: string, max: number): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > max) {
    throw invalidInput(field, `${field} must be a list of at most ${max} ids`);
  }
  const ids = value.map((id) => {
    if (typeof id !== 'string' || !isUuid(id)) {
      throw invalidInput(field, `${field} holds ${JSON.stringify(id)}, which is not an id`);
    }
    return id.toLowerCase();
  });
  if (new Set(ids).size !== ids.length) throw invalidInput(field, `${field} must not repeat ids`);
  return ids;
}

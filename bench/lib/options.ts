import { InvalidInputError } from '../../src/events/errors.js';

/** Throws `invalid_input` unless `value` is an integer ≥ `min`. */
export function requireInteger(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidInputError(`${name} must be an integer ≥ ${min}, got ${value}`, {
      name,
      value,
    });
  }
  return value;
}

/** Throws `invalid_input` unless `value` is a finite number > 0 (or ≥ 0 when `allowZero`). */
export function requirePositive(name: string, value: number, allowZero = false): number {
  const ok = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok) {
    throw new InvalidInputError(
      `${name} must be a number ${allowZero ? '≥' : '>'} 0, got ${value}`,
      {
        name,
        value,
      },
    );
  }
  return value;
}

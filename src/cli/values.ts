import { readFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { InvalidArgumentError } from 'commander';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `30s`, `10m`, `1.5h`; a bare number is seconds. For commander's argParser. */
export function durationMs(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  const amount = Number(match?.[1]);
  if (!match || !(amount > 0)) {
    throw new InvalidArgumentError('Expected a duration such as 30s, 10m or 1h.');
  }
  return Math.round(amount * (UNIT_MS[match[2] ?? 's'] ?? 1000));
}

export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidArgumentError('Expected a whole number of at least 1.');
  }
  return number;
}

export function finiteNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) {
    throw new InvalidArgumentError('Expected a number.');
  }
  return number;
}

/** For repeatable options: `--blocked-by a --blocked-by b` → ['a', 'b']. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** All of stdin as text, less one final line break; a terminal is told how to end it. */
export async function readStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(`Reading ${what} from stdin (end with Ctrl-D).\n`);
  return (await text(process.stdin)).replace(/\r?\n$/, '');
}

/** A text argument, or stdin when it is left out or `-`. */
export function textArgument(value: string | undefined, what: string): Promise<string> {
  return value === undefined || value === '-' ? readStdin(what) : Promise.resolve(value);
}

export function readFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

/**
 * A JSON value given as text, as `@FILE`, or as `-` (or nothing) for stdin; `what` names it in
 * the error when it is not JSON.
 */
export async function jsonArgument(value: string | undefined, what: string): Promise<unknown> {
  const source = value?.startsWith('@')
    ? readFile(value.slice(1), what).toString('utf8')
    : await textArgument(value, what);
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new Error(`${what} is not valid JSON (${(error as Error).message})`);
  }
}

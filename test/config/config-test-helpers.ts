import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ConfigError } from '../../src/config/index.js';

/** Writes lighthouse.yaml into `dir` and returns the file's path. */
export function writeConfigFile(dir: string, text: string): string {
  const file = join(dir, 'lighthouse.yaml');
  writeFileSync(file, text);
  return file;
}

/** The ConfigError that `run` throws; fails the test when it throws nothing or something else. */
export function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

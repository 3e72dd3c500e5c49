import { readFileSync } from 'node:fs';

/** The package version; this file sits two levels below package.json both in src/ and in dist/. */
export const BRIDGE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

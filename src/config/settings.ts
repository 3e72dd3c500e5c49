import { statSync } from 'node:fs';
import path from 'node:path';
import type { SchemaObject } from 'ajv';
import { LOG_LEVELS, type LogLevel } from './bridge-config.js';
import { parseByteSize } from './byte-size.js';

/** What one source may supply, by setting name, in the final types. */
export interface SettingValues {
  host: string;
  port: number;
  projectRoot: string;
  dataDir: string;
  adminToken: string;
  databaseUrl: string;
  'metrics.public': boolean;
  bodyLimit: number;
  logLevel: LogLevel;
}
export type SettingName = keyof SettingValues;

export interface Setting {
  /** The key as users name it (and messages quote it). */
  name: SettingName;
  env: string;
  /** The option name as the CLI hands it over (commander's camelCase). */
  flag: string;
  /** Where lighthouse.yaml holds the value, or why it must not hold it. */
  yaml: { path: readonly string[] } | { refused: string };
  schema: SchemaObject;
  /** Checked after the schema, for what a schema cannot see. */
  verify?: (value: unknown) => boolean;
  /** Completes "<name> in <source> ..." for any value the schema or verify refuses. */
  requirement: string;
  /** Keeps the value out of error messages. */
  secret?: true;
  /**
   * Reads text from flags and environment (and yaml scalars) into the final type. What it cannot
   * read is returned unchanged, so the schema refuses it and the message quotes it.
   */
  convert: (raw: unknown, baseDir: string) => unknown;
}

const keep = (raw: unknown): unknown => raw;

function toInteger(raw: unknown): unknown {
  return typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
}

function toBoolean(raw: unknown): unknown {
  const value = typeof raw === 'string' ? raw.toLowerCase() : raw;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  return raw;
}

function toAbsolutePath(raw: unknown, baseDir: string): unknown {
  return typeof raw === 'string' && raw !== '' ? path.resolve(baseDir, raw) : raw;
}

function toByteSize(raw: unknown): unknown {
  return typeof raw === 'string' ? (parseByteSize(raw) ?? raw) : raw;
}

function toLowerCase(raw: unknown): unknown {
  return typeof raw === 'string' ? raw.toLowerCase() : raw;
}

export function isDirectory(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

const KIB = 1024;
const MIB = 1024 * KIB;

export const SETTINGS: readonly Setting[] = [
  {
    name: 'host',
    env: 'LIGHTHOUSE_HOST',
    flag: 'host',
    yaml: { path: ['host'] },
    schema: {
      type: 'string',
      anyOf: [{ format: 'hostname' }, { format: 'ipv4' }, { format: 'ipv6' }],
    },
    requirement: 'must be a host name or an IP address',
    convert: keep,
  },
  {
    name: 'port',
    env: 'LIGHTHOUSE_PORT',
    flag: 'port',
    yaml: { path: ['port'] },
    schema: { type: 'integer', minimum: 0, maximum: 65535 },
    requirement: 'must be an integer from 0 to 65535',
    convert: toInteger,
  },
  {
    name: 'projectRoot',
    env: 'LIGHTHOUSE_PROJECT_ROOT',
    flag: 'projectRoot',
    yaml: { refused: 'the file is found through the project root' },
    schema: { type: 'string', minLength: 1 },
    verify: (dir) => typeof dir === 'string' && isDirectory(dir),
    requirement: 'must be an existing directory',
    convert: toAbsolutePath,
  },
  {
    name: 'dataDir',
    env: 'LIGHTHOUSE_DATA_DIR',
    flag: 'dataDir',
    yaml: { path: ['dataDir'] },
    schema: { type: 'string', minLength: 1 },
    requirement: 'must be a non-empty path',
    convert: toAbsolutePath,
  },
  {
    name: 'adminToken',
    env: 'LIGHTHOUSE_ADMIN_TOKEN',
    flag: 'adminToken',
    yaml: { refused: 'secrets do not belong in a committed file' },
    schema: { type: 'string', minLength: 16, pattern: '^\\S+$' },
    requirement: 'must be at least 16 characters without whitespace',
    secret: true,
    convert: keep,
  },
  {
    name: 'databaseUrl',
    env: 'LIGHTHOUSE_DATABASE_URL',
    flag: 'databaseUrl',
    yaml: { path: ['databaseUrl'] },
    schema: { type: 'string', format: 'uri', pattern: '^postgres(ql)?://' },
    requirement: 'must be a URL starting with postgres:// or postgresql://',
    // it may carry a password
    secret: true,
    convert: keep,
  },
  {
    name: 'metrics.public',
    env: 'LIGHTHOUSE_METRICS_PUBLIC',
    flag: 'metricsPublic',
    yaml: { path: ['metrics', 'public'] },
    schema: { type: 'boolean' },
    requirement: 'must be true, false, 1 or 0',
    convert: toBoolean,
  },
  {
    name: 'bodyLimit',
    env: 'LIGHTHOUSE_BODY_LIMIT',
    flag: 'bodyLimit',
    yaml: { path: ['bodyLimit'] },
    schema: { type: 'integer', minimum: KIB, maximum: 64 * MIB },
    requirement: `must be a size from 1kb to 64mb, as bytes (${KIB} to ${64 * MIB}) or with a unit like 512kb or 2mb`,
    convert: toByteSize,
  },
  {
    name: 'logLevel',
    env: 'LIGHTHOUSE_LOG_LEVEL',
    flag: 'logLevel',
    yaml: { path: ['logLevel'] },
    schema: { type: 'string', enum: [...LOG_LEVELS] },
    requirement: `must be one of ${LOG_LEVELS.join(', ')}`,
    convert: toLowerCase,
  },
];

/** How a flag is written on the command line: `projectRoot` → `--project-root`. */
export function flagLabel(setting: Setting): string {
  return `--${setting.flag.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

import { describe, expect, it } from 'vitest';
import { registerConfigSection, resolveConfig } from '../../src/config/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { configErrorOf, writeConfigFile } from './config-test-helpers.js';

const tempDir = useTempDirs();

interface GuardSection {
  profile: 'strict' | 'relaxed';
  rules: { name: string; deny: boolean }[];
}

const readGuard = registerConfigSection<GuardSection>('guard', {
  type: 'object',
  additionalProperties: false,
  default: {},
  properties: {
    profile: { type: 'string', enum: ['strict', 'relaxed'], default: 'strict' },
    rules: {
      type: 'array',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: { name: { type: 'string' }, deny: { type: 'boolean', default: true } },
      },
    },
  },
});

const readLeases = registerConfigSection<{ ttlSeconds: number }>('leases', {
  type: 'object',
  additionalProperties: false,
  required: ['ttlSeconds'],
  properties: { ttlSeconds: { type: 'integer', minimum: 1 } },
});

function resolveWith(text: string) {
  const cwd = tempDir();
  const file = writeConfigFile(cwd, text);
  return { file, run: () => resolveConfig({ cwd, env: {} }) };
}

describe('registered config sections', () => {
  it.each([
    {
      what: 'a section as written, with defaults filled in',
      text: 'guard:\n  rules:\n    - name: no-force-push\n',
      guard: { profile: 'strict', rules: [{ name: 'no-force-push', deny: true }] },
      leases: undefined,
    },
    {
      what: 'a missing section with a default gets the default',
      text: 'port: 9000\n',
      guard: { profile: 'strict', rules: [] },
      leases: undefined,
    },
    {
      what: 'an empty section counts as missing',
      text: 'guard:\nleases: { ttlSeconds: 30 }\n',
      guard: { profile: 'strict', rules: [] },
      leases: { ttlSeconds: 30 },
    },
  ])('$what', ({ text, guard, leases }) => {
    const config = resolveWith(text).run();
    expect(readGuard(config)).toEqual(guard);
    expect(readLeases(config)).toEqual(leases);
    expect(config.sections).toEqual(leases ? { guard, leases } : { guard });
  });

  it('no file means no sections, not even defaulted ones', () => {
    const config = resolveConfig({ cwd: tempDir(), env: {} });
    expect(config.sections).toEqual({});
    expect(readGuard(config)).toBeUndefined();
  });

  it('registered names join the known keys', () => {
    const { file, run } = resolveWith('gaurd: {}\n');
    expect(configErrorOf(run).message).toBe(
      `invalid config: ${file}: unknown key "gaurd" (known keys: host, port, dataDir, databaseUrl, metrics, bodyLimit, logLevel, guard, leases)`,
    );
  });

  it.each([
    {
      text: 'guard:\n  profile: lenient\n',
      key: 'guard.profile',
      says: 'guard.profile in FILE must be one of "strict", "relaxed", got "lenient"',
    },
    {
      text: 'guard:\n  profil: strict\n',
      key: 'guard.profil',
      says: 'FILE: unknown key "guard.profil" (known keys in guard: profile, rules)',
    },
    {
      text: 'guard:\n  rules:\n    - name: a\n    - name: b\n      deny: sometimes\n',
      key: 'guard.rules[1].deny',
      says: 'guard.rules[1].deny in FILE must be true or false, got "sometimes"',
    },
    {
      text: 'guard:\n  rules:\n    - deny: true\n',
      key: 'guard.rules[0].name',
      says: 'guard.rules[0].name in FILE is required',
    },
    {
      text: 'guard: [strict]\n',
      key: 'guard',
      says: 'guard in FILE must be a mapping, got ["strict"]',
    },
    {
      text: 'leases: { ttlSeconds: 0 }\n',
      key: 'leases.ttlSeconds',
      says: 'leases.ttlSeconds in FILE must be >= 1, got 0',
    },
  ])('refuses $key', ({ text, key, says }) => {
    const { file, run } = resolveWith(text);
    const error = configErrorOf(run);
    expect(error).toMatchObject({ key, source: file });
    expect(error.message).toBe(`invalid config: ${says.replace('FILE', file)}`);
  });

  it.each([
    {
      name: 'port',
      schema: { type: 'object', additionalProperties: false },
      says: 'already taken',
    },
    {
      name: 'adminToken',
      schema: { type: 'object', additionalProperties: false },
      says: 'already taken',
    },
    {
      name: 'guard',
      schema: { type: 'object', additionalProperties: false },
      says: 'already taken',
    },
    {
      name: 'Guard-2',
      schema: { type: 'object', additionalProperties: false },
      says: 'camelCase word',
    },
    { name: 'open', schema: { type: 'object' }, says: 'additionalProperties: false' },
    { name: 'listy', schema: { type: 'array' }, says: 'additionalProperties: false' },
    {
      name: 'broken',
      schema: { type: 'object', additionalProperties: false, properties: { x: { type: 'nope' } } },
      says: 'schema is invalid',
    },
  ])('refuses to register $name ($says)', ({ name, schema, says }) => {
    expect(() => registerConfigSection(name, schema)).toThrow(says);
  });

  it('a refused registration leaves the known sections as they were', () => {
    expect(() =>
      registerConfigSection('halfway', {
        type: 'object',
        additionalProperties: false,
        properties: { x: { type: 'integer', minimum: 'one' } },
      }),
    ).toThrow();
    const { file, run } = resolveWith('halfway: {}\n');
    expect(configErrorOf(run).message).toContain(`${file}: unknown key "halfway"`);
  });
});

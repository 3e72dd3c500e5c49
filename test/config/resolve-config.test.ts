import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type BridgeConfig, resolveConfig } from '../../src/config/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { configErrorOf, writeConfigFile } from './config-test-helpers.js';

const tempDir = useTempDirs();
const TOKEN_A = 'token-from-env-0123456789';
const TOKEN_B = 'token-from-flag-0123456789';

describe('resolveConfig defaults', () => {
  it('uses the defaults when no source says anything', () => {
    const cwd = tempDir();
    expect(resolveConfig({ cwd, env: {} })).toEqual({
      host: '127.0.0.1',
      port: 8765,
      projectRoot: cwd,
      dataDir: join(cwd, '.lighthouse'),
      adminToken: null,
      databaseUrl: null,
      metrics: { public: true },
      bodyLimitBytes: 1048576,
      logLevel: 'info',
      configFile: null,
      sections: {},
    } satisfies BridgeConfig);
  });

  it('ignores flags whose value is undefined, empty variables and unrelated ones', () => {
    const cwd = tempDir();
    const config = resolveConfig({
      cwd,
      env: { LIGHTHOUSE_PORT: '', LIGHTHOUSE_HOST: '', PATH: '/usr/bin' },
      flags: { port: undefined, host: undefined, verbose: true },
    });
    expect(config.port).toBe(8765);
    expect(config.host).toBe('127.0.0.1');
  });

  it('reads process.env and process.cwd() when they are not given', () => {
    vi.stubEnv('LIGHTHOUSE_PORT', '9999');
    try {
      const config = resolveConfig({ flags: { projectRoot: tempDir(), dataDir: 'relative' } });
      expect(config.port).toBe(9999);
      expect(config.dataDir).toBe(join(process.cwd(), 'relative'));
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

interface Layered {
  key: string;
  yaml: string;
  env: Record<string, string>;
  flags: Record<string, string | number | boolean>;
  read: (config: BridgeConfig) => unknown;
  /** Expected value with: nothing, yaml, yaml + env, yaml + env + flag. */
  expected: [unknown, unknown, unknown, unknown];
}

const layered: Layered[] = [
  {
    key: 'host',
    yaml: 'host: 10.0.0.1',
    env: { LIGHTHOUSE_HOST: 'localhost' },
    flags: { host: '::1' },
    read: (config) => config.host,
    expected: ['127.0.0.1', '10.0.0.1', 'localhost', '::1'],
  },
  {
    key: 'port',
    yaml: 'port: 9000',
    env: { LIGHTHOUSE_PORT: '9001' },
    flags: { port: '0' },
    read: (config) => config.port,
    expected: [8765, 9000, 9001, 0],
  },
  {
    key: 'port as a number flag',
    yaml: 'port: 9000',
    env: { LIGHTHOUSE_PORT: '9001' },
    flags: { port: 9002 },
    read: (config) => config.port,
    expected: [8765, 9000, 9001, 9002],
  },
  {
    key: 'logLevel',
    yaml: 'logLevel: warn',
    env: { LIGHTHOUSE_LOG_LEVEL: 'DEBUG' },
    flags: { logLevel: 'silent' },
    read: (config) => config.logLevel,
    expected: ['info', 'warn', 'debug', 'silent'],
  },
  {
    key: 'bodyLimit',
    yaml: 'bodyLimit: 512kb',
    env: { LIGHTHOUSE_BODY_LIMIT: '2048' },
    flags: { bodyLimit: '2mb' },
    read: (config) => config.bodyLimitBytes,
    expected: [1048576, 524288, 2048, 2097152],
  },
  {
    key: 'metrics.public',
    yaml: 'metrics:\n  public: false',
    env: { LIGHTHOUSE_METRICS_PUBLIC: '1' },
    flags: { metricsPublic: false },
    read: (config) => config.metrics.public,
    expected: [true, false, true, false],
  },
  {
    key: 'databaseUrl',
    yaml: 'databaseUrl: postgres://db.internal/lighthouse',
    env: { LIGHTHOUSE_DATABASE_URL: 'postgresql://env-host/lighthouse' },
    flags: { databaseUrl: 'postgres://flag-host:5433/lighthouse' },
    read: (config) => config.databaseUrl,
    expected: [
      null,
      'postgres://db.internal/lighthouse',
      'postgresql://env-host/lighthouse',
      'postgres://flag-host:5433/lighthouse',
    ],
  },
  {
    key: 'dataDir',
    yaml: 'dataDir: /srv/yaml-data',
    env: { LIGHTHOUSE_DATA_DIR: '/srv/env-data' },
    flags: { dataDir: '/srv/flag-data' },
    read: (config) => config.dataDir.replace(config.projectRoot, '<root>'),
    expected: ['<root>/.lighthouse', '/srv/yaml-data', '/srv/env-data', '/srv/flag-data'],
  },
];

describe('resolveConfig precedence: flags over environment over lighthouse.yaml over defaults', () => {
  it.each(layered)('$key', ({ yaml, env, flags, read, expected }) => {
    const bare = tempDir();
    const withYaml = tempDir();
    writeConfigFile(withYaml, yaml);
    const seen = [
      read(resolveConfig({ cwd: bare, env: {} })),
      read(resolveConfig({ cwd: withYaml, env: {} })),
      read(resolveConfig({ cwd: withYaml, env })),
      read(resolveConfig({ cwd: withYaml, env, flags })),
    ];
    expect(seen).toEqual(expected);
  });

  it('projectRoot: flag over environment over the working directory, and the yaml is found there', () => {
    const cwd = tempDir();
    const fromEnv = tempDir();
    const fromFlag = tempDir();
    writeConfigFile(fromEnv, 'port: 9100');
    const fileInFlagRoot = writeConfigFile(fromFlag, 'port: 9200');
    const env = { LIGHTHOUSE_PROJECT_ROOT: fromEnv };

    expect(resolveConfig({ cwd, env: {} }).projectRoot).toBe(cwd);
    expect(resolveConfig({ cwd, env })).toMatchObject({ projectRoot: fromEnv, port: 9100 });
    expect(resolveConfig({ cwd, env, flags: { projectRoot: fromFlag } })).toMatchObject({
      projectRoot: fromFlag,
      port: 9200,
      configFile: fileInFlagRoot,
      dataDir: join(fromFlag, '.lighthouse'),
    });
  });

  it('adminToken: flag over environment over none', () => {
    const cwd = tempDir();
    const env = { LIGHTHOUSE_ADMIN_TOKEN: TOKEN_A };
    expect(resolveConfig({ cwd, env: {} }).adminToken).toBeNull();
    expect(resolveConfig({ cwd, env }).adminToken).toBe(TOKEN_A);
    expect(resolveConfig({ cwd, env, flags: { adminToken: TOKEN_B } }).adminToken).toBe(TOKEN_B);
  });
});

describe('resolveConfig relative paths', () => {
  it.each([
    {
      what: 'dataDir in yaml is relative to the project root',
      yaml: 'dataDir: state/bridge',
      env: {},
      flags: {},
      expected: (root: string) => join(root, 'state/bridge'),
    },
    {
      what: 'dataDir in the environment is relative to the working directory',
      yaml: '',
      env: { LIGHTHOUSE_DATA_DIR: 'env-data' },
      flags: {},
      expected: (_root: string, cwd: string) => join(cwd, 'env-data'),
    },
    {
      what: 'dataDir as a flag is relative to the working directory',
      yaml: 'dataDir: ignored',
      env: {},
      flags: { dataDir: '../flag-data' },
      expected: (_root: string, cwd: string) => join(cwd, '../flag-data'),
    },
  ])('$what', ({ yaml, env, flags, expected }) => {
    const cwd = tempDir();
    const root = join(cwd, 'project');
    mkdirSync(root);
    writeConfigFile(root, yaml);
    const config = resolveConfig({ cwd, env, flags: { projectRoot: 'project', ...flags } });
    expect(config.projectRoot).toBe(root);
    expect(config.dataDir).toBe(expected(root, cwd));
  });

  it('a relative projectRoot in the environment is relative to the working directory', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'nested'));
    const config = resolveConfig({ cwd, env: { LIGHTHOUSE_PROJECT_ROOT: './nested' } });
    expect(config.projectRoot).toBe(join(cwd, 'nested'));
  });
});

type Source = 'flag' | 'env' | 'yaml';

interface Invalid {
  key: string;
  source: Source;
  value: string | number | boolean;
  /** The flag or variable name; the yaml text for yaml rows. */
  name: string;
  /** What the message must say after the key and source. */
  says: string;
  secret?: boolean;
}

const invalid: Invalid[] = [
  {
    key: 'host',
    source: 'env',
    name: 'LIGHTHOUSE_HOST',
    value: 'not a host',
    says: 'must be a host name or an IP address, got "not a host"',
  },
  { key: 'host', source: 'flag', name: 'host', value: 'http://x', says: 'got "http://x"' },
  { key: 'host', source: 'yaml', name: 'host: [a, b]', value: '', says: 'got ["a","b"]' },
  {
    key: 'port',
    source: 'env',
    name: 'LIGHTHOUSE_PORT',
    value: 'abc',
    says: 'must be an integer from 0 to 65535, got "abc"',
  },
  { key: 'port', source: 'env', name: 'LIGHTHOUSE_PORT', value: '65536', says: 'got "65536"' },
  { key: 'port', source: 'flag', name: 'port', value: '80.5', says: 'got "80.5"' },
  { key: 'port', source: 'flag', name: 'port', value: -1, says: 'got -1' },
  { key: 'port', source: 'yaml', name: 'port: 70000', value: '', says: 'got 70000' },
  {
    key: 'projectRoot',
    source: 'env',
    name: 'LIGHTHOUSE_PROJECT_ROOT',
    value: '/does/not/exist',
    says: 'must be an existing directory, got "/does/not/exist"',
  },
  {
    key: 'projectRoot',
    source: 'flag',
    name: 'projectRoot',
    value: 'a-file.txt',
    says: 'must be an existing directory',
  },
  { key: 'projectRoot', source: 'flag', name: 'projectRoot', value: '', says: 'got ""' },
  {
    key: 'dataDir',
    source: 'flag',
    name: 'dataDir',
    value: '',
    says: 'must be a non-empty path, got ""',
  },
  { key: 'dataDir', source: 'yaml', name: 'dataDir: 12', value: '', says: 'got 12' },
  {
    key: 'adminToken',
    source: 'env',
    name: 'LIGHTHOUSE_ADMIN_TOKEN',
    value: 'short',
    says: 'must be at least 16 characters without whitespace, got a value of 5 characters',
    secret: true,
  },
  {
    key: 'adminToken',
    source: 'flag',
    name: 'adminToken',
    value: 'has whitespace inside it',
    says: 'without whitespace',
    secret: true,
  },
  {
    key: 'databaseUrl',
    source: 'env',
    name: 'LIGHTHOUSE_DATABASE_URL',
    value: 'mysql://root:hunter2@db/x',
    says: 'must be a URL starting with postgres:// or postgresql://',
    secret: true,
  },
  {
    key: 'databaseUrl',
    source: 'yaml',
    name: 'databaseUrl: sqlite:///tmp/x',
    value: '',
    says: 'got a value of',
  },
  {
    key: 'metrics.public',
    source: 'env',
    name: 'LIGHTHOUSE_METRICS_PUBLIC',
    value: 'yes',
    says: 'must be true, false, 1 or 0, got "yes"',
  },
  {
    key: 'metrics.public',
    source: 'flag',
    name: 'metricsPublic',
    value: 'maybe',
    says: 'got "maybe"',
  },
  {
    key: 'metrics.public',
    source: 'yaml',
    name: 'metrics: { public: sometimes }',
    value: '',
    says: 'got "sometimes"',
  },
  {
    key: 'bodyLimit',
    source: 'env',
    name: 'LIGHTHOUSE_BODY_LIMIT',
    value: '100mb',
    says: 'must be a size from 1kb to 64mb',
  },
  { key: 'bodyLimit', source: 'flag', name: 'bodyLimit', value: 1023, says: 'got 1023' },
  { key: 'bodyLimit', source: 'yaml', name: 'bodyLimit: lots', value: '', says: 'got "lots"' },
  {
    key: 'logLevel',
    source: 'env',
    name: 'LIGHTHOUSE_LOG_LEVEL',
    value: 'loud',
    says: 'must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
  },
  { key: 'logLevel', source: 'yaml', name: 'logLevel: 3', value: '', says: 'got 3' },
];

function sourceLabel(row: Invalid, file: string): string {
  if (row.source === 'env') return row.name;
  if (row.source === 'yaml') return file;
  return `--${row.name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

describe('resolveConfig refuses invalid values, naming the key and the source', () => {
  it.each(invalid)('$key in $source: $value $name', (row) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a-file.txt'), 'not a directory');
    const file = writeConfigFile(cwd, row.source === 'yaml' ? row.name : '');
    const error = configErrorOf(() =>
      resolveConfig({
        cwd,
        env: row.source === 'env' ? { [row.name]: String(row.value) } : {},
        flags: row.source === 'flag' ? { [row.name]: row.value } : {},
      }),
    );
    const source = sourceLabel(row, file);
    expect(error.key).toBe(row.key);
    expect(error.source).toBe(source);
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain(`invalid config: ${row.key} in ${source} `);
    expect(error.message).toContain(row.says);
    if (row.secret) expect(error.message).not.toContain(String(row.value));
  });

  it('checks a value even when a higher source overrides it', () => {
    const cwd = tempDir();
    writeConfigFile(cwd, 'port: 99999');
    const error = configErrorOf(() =>
      resolveConfig({ cwd, env: { LIGHTHOUSE_PORT: 'abc' }, flags: { port: 8080 } }),
    );
    expect(error.source).toBe('LIGHTHOUSE_PORT');
    const fromYaml = configErrorOf(() => resolveConfig({ cwd, env: {}, flags: { port: 8080 } }));
    expect(fromYaml.source).toBe(join(cwd, 'lighthouse.yaml'));
  });

  it('names the working directory when it is the project root and does not exist', () => {
    const cwd = join(tempDir(), 'gone');
    const error = configErrorOf(() => resolveConfig({ cwd, env: {} }));
    expect(error).toMatchObject({ key: 'projectRoot', source: 'the working directory' });
    expect(error.message).toBe(
      `invalid config: projectRoot in the working directory must be an existing directory, got ${JSON.stringify(cwd)}`,
    );
  });
});

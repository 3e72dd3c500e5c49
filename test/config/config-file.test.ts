import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { configErrorOf, writeConfigFile } from './config-test-helpers.js';

const tempDir = useTempDirs();

describe('lighthouse.yaml that is accepted', () => {
  it.each([
    { what: 'an empty file', text: '' },
    { what: 'only comments', text: '# nothing configured yet\n' },
    { what: 'an explicit null document', text: '~\n' },
    { what: 'keys left empty', text: 'port:\ndatabaseUrl:\nmetrics:\n  public:\n' },
    { what: 'an empty metrics mapping', text: 'metrics: {}\n' },
  ])('$what means defaults, and the file is still reported', ({ text }) => {
    const cwd = tempDir();
    const file = writeConfigFile(cwd, text);
    const config = resolveConfig({ cwd, env: {} });
    expect(config).toMatchObject({
      port: 8765,
      databaseUrl: null,
      metrics: { public: true },
      configFile: file,
    });
  });

  it('reads every key it may hold', () => {
    const cwd = tempDir();
    writeConfigFile(
      cwd,
      [
        'host: 0.0.0.0',
        'port: 0',
        'dataDir: /var/lib/lighthouse',
        'databaseUrl: postgres://bridge@db:5432/lighthouse',
        'metrics:',
        '  public: false',
        'bodyLimit: 65536',
        'logLevel: debug',
      ].join('\n'),
    );
    expect(resolveConfig({ cwd, env: {} })).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      dataDir: '/var/lib/lighthouse',
      databaseUrl: 'postgres://bridge@db:5432/lighthouse',
      metrics: { public: false },
      bodyLimitBytes: 65536,
      logLevel: 'debug',
    });
  });
});

describe('lighthouse.yaml that is refused', () => {
  it.each([
    {
      what: 'a syntax error, with line and column',
      text: 'host: 127.0.0.1\nport: a: b\n',
      key: null,
      says: (file: string) => `${file}:2:7: Nested mappings are not allowed in compact mappings`,
    },
    {
      what: 'a duplicate key',
      text: 'port: 1\nport: 2\n',
      key: null,
      says: (file: string) => `${file}:2:1: Map keys must be unique`,
    },
    {
      what: 'several documents',
      text: 'port: 1\n---\nport: 2\n',
      key: null,
      says: (file: string) => `${file}:2:1: Source contains multiple documents`,
    },
    {
      what: 'a list at the top level',
      text: '- port\n- host\n',
      key: null,
      says: (file: string) => `${file}: the top level must be a mapping, got a list`,
    },
    {
      what: 'a scalar at the top level',
      text: 'port 8080\n',
      key: null,
      says: (file: string) => `${file}: the top level must be a mapping, got a string`,
    },
    {
      what: 'an unknown key',
      text: 'prot: 8080\n',
      key: 'prot',
      says: (file: string) =>
        `${file}: unknown key "prot" (known keys: host, port, dataDir, databaseUrl, metrics, bodyLimit, logLevel`,
    },
    {
      what: 'an unknown key inside metrics',
      text: 'metrics:\n  pubic: false\n',
      key: 'metrics.pubic',
      says: (file: string) =>
        `${file}: unknown key "metrics.pubic" (known keys in metrics: public)`,
    },
    {
      what: 'metrics that is not a mapping',
      text: 'metrics: false\n',
      key: 'metrics',
      says: (file: string) => `metrics in ${file} must be a mapping, got false`,
    },
    {
      what: 'the admin token, a secret',
      text: 'adminToken: a-long-enough-secret-token\n',
      key: 'adminToken',
      says: (file: string) =>
        `adminToken in ${file} is refused: secrets do not belong in a committed file; use LIGHTHOUSE_ADMIN_TOKEN or --admin-token`,
    },
    {
      what: 'the project root, through which the file is found',
      text: 'projectRoot: /srv/elsewhere\n',
      key: 'projectRoot',
      says: (file: string) =>
        `projectRoot in ${file} is refused: the file is found through the project root; use LIGHTHOUSE_PROJECT_ROOT or --project-root`,
    },
  ])('$what', ({ text, key, says }) => {
    const cwd = tempDir();
    const file = writeConfigFile(cwd, text);
    const error = configErrorOf(() => resolveConfig({ cwd, env: {} }));
    expect(error).toMatchObject({ key, source: file });
    expect(error.message).toContain(`invalid config: ${says(file)}`);
    expect(error.message).not.toContain('a-long-enough-secret-token');
  });

  it('a lighthouse.yaml that cannot be read as a file', () => {
    const cwd = tempDir();
    const file = join(cwd, 'lighthouse.yaml');
    mkdirSync(file);
    const error = configErrorOf(() => resolveConfig({ cwd, env: {} }));
    expect(error).toMatchObject({ key: null, source: file });
    expect(error.message).toBe(`invalid config: ${file}: cannot be read (EISDIR)`);
  });

  it('is refused even when flags and environment set every key it holds', () => {
    const cwd = tempDir();
    writeConfigFile(cwd, 'port: "eighty"\n');
    const error = configErrorOf(() =>
      resolveConfig({ cwd, env: { LIGHTHOUSE_PORT: '9000' }, flags: { port: 9001 } }),
    );
    expect(error.message).toBe(
      `invalid config: port in ${join(cwd, 'lighthouse.yaml')} must be an integer from 0 to 65535, got "eighty"`,
    );
  });
});

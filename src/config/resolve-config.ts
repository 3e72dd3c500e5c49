import path from 'node:path';
import {
  type BridgeConfig,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_DATA_DIR_NAME,
  DEFAULT_HOST,
  DEFAULT_PORT,
} from './bridge-config.js';
import { readConfigFile } from './config-file.js';
import { checkConfigDocument } from './config-sections.js';
import { invalidSetting, readSettingLayer, settingNamed } from './setting-layer.js';
import { flagLabel, isDirectory } from './settings.js';

export interface ResolveConfigInput {
  /** Command-line options by name (commander's camelCase); undefined means not given. */
  flags?: Partial<Record<string, string | number | boolean | undefined>>;
  /** Defaults to process.env. Empty variables count as unset. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to process.cwd(). */
  cwd?: string;
}

/**
 * Merges flags over environment over lighthouse.yaml (in the project root) over defaults. Every
 * value given by any source is validated, used or not; the first invalid one throws a
 * ConfigError naming its key and source.
 */
export function resolveConfig(input: ResolveConfigInput = {}): BridgeConfig {
  const cwd = path.resolve(input.cwd ?? process.cwd());
  const env = input.env ?? process.env;
  const flags = input.flags ?? {};

  const fromFlags = readSettingLayer((setting) => flags[setting.flag], flagLabel, cwd);
  const fromEnv = readSettingLayer(
    (setting) => (env[setting.env] === '' ? undefined : env[setting.env]),
    (setting) => setting.env,
    cwd,
  );
  const projectRoot = fromFlags.projectRoot ?? fromEnv.projectRoot ?? workingDirectoryAsRoot(cwd);

  const configFile = readConfigFile(projectRoot);
  const sections = configFile ? checkConfigDocument(configFile) : {};
  const fromYaml = configFile
    ? readSettingLayer(
        (setting) =>
          'path' in setting.yaml ? valueAt(configFile.document, setting.yaml.path) : undefined,
        () => configFile.file,
        projectRoot,
      )
    : {};

  const settings = {
    host: DEFAULT_HOST,
    port: DEFAULT_PORT,
    dataDir: path.join(projectRoot, DEFAULT_DATA_DIR_NAME),
    'metrics.public': true,
    bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    logLevel: 'info' as const,
    ...fromYaml,
    ...fromEnv,
    ...fromFlags,
  };
  return {
    host: settings.host,
    port: settings.port,
    projectRoot,
    dataDir: settings.dataDir,
    adminToken: settings.adminToken ?? null,
    databaseUrl: settings.databaseUrl ?? null,
    metrics: { public: settings['metrics.public'] },
    bodyLimitBytes: settings.bodyLimit,
    logLevel: settings.logLevel,
    configFile: configFile?.file ?? null,
    sections,
  };
}

function workingDirectoryAsRoot(cwd: string): string {
  if (!isDirectory(cwd))
    throw invalidSetting(settingNamed('projectRoot'), 'the working directory', cwd);
  return cwd;
}

function valueAt(document: Record<string, unknown>, keys: readonly string[]): unknown {
  let value: unknown = document;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

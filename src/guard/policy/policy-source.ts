import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { ConfigError } from '../../config/config-error.js';
import { schemaErrorInFile } from '../../config/schema-error.js';
import type { PolicySpec } from '../rules/rule-types.js';
import { policyValidator } from './policy-ajv.js';
import { type KeyPath, keyLabel, parseYaml } from './yaml-document.js';

/** A project policy document and where it came from. */
export interface PolicySource {
  file: string;
  /** Where the policy sits inside the file: ['guard'] in lighthouse.yaml, [] in policy.yaml. */
  prefix: KeyPath;
  document: PolicySpec;
  locate(path: KeyPath): string;
}

/** A refusal naming the file (with line and column when known), the key and the problem. */
export function policyError(source: PolicySource, path: KeyPath, problem: string): ConfigError {
  const full = [...source.prefix, ...path];
  const key = keyLabel(full);
  return new ConfigError(key || null, source.file, `${key} in ${source.locate(full)} ${problem}`);
}

function pointerPath(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function checkSchema(
  document: unknown,
  file: string,
  prefix: KeyPath,
  locate: PolicySource['locate'],
) {
  const validate = policyValidator();
  if (validate(document)) return;
  const [error] = validate.errors ?? [];
  const prefixPointer = prefix.map((segment) => `/${segment}`).join('');
  const path = [...prefix, ...pointerPath(error?.instancePath ?? '')];
  const moved: ErrorObject[] = (validate.errors ?? []).map((each) => ({
    ...each,
    instancePath: `${prefixPointer}${each.instancePath}`,
  }));
  const refused = schemaErrorInFile(moved, locate(path));
  throw new ConfigError(refused.key, file, refused.message.replace(/^invalid config: /, ''));
}

/** A policy given as a value (lighthouse.yaml's `guard` section already read by the config). */
export function policyFromValue(value: unknown, file: string, prefix: KeyPath): PolicySource {
  const locate = () => file;
  checkSchema(value ?? {}, file, prefix, locate);
  return { file, prefix, document: (value ?? {}) as PolicySpec, locate };
}

/**
 * Reads a policy file; null when there is none. `prefix` picks the section holding the policy
 * (['guard'] for lighthouse.yaml), whose absence means an empty policy.
 */
export function readPolicyFile(file: string, prefix: KeyPath): PolicySource | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new ConfigError(null, file, `${file}: cannot be read (${code ?? String(error)})`);
  }
  const yaml = parseYaml(text, file);
  let value: unknown = yaml.value ?? {};
  for (const segment of prefix) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ConfigError(null, file, `${file}: the top level must be a mapping`);
    }
    value = (value as Record<string, unknown>)[segment] ?? {};
  }
  checkSchema(value, file, prefix, yaml.locate);
  return { file, prefix, document: value as PolicySpec, locate: yaml.locate };
}

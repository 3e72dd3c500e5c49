import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../config/config-error.js';
import { schemaErrorInFile } from '../../config/schema-error.js';
import { packageRoot } from '../../package-root.js';
import { packValidator } from '../policy/policy-ajv.js';
import { parseYaml, type YamlText } from '../policy/yaml-document.js';
import type { PackSpec } from '../rules/rule-types.js';

/**
 * The built-in packs are YAML files in src/guard/packs, read from the package's source tree
 * whether this module runs from src/ (tests), dist/ (the CLI) or any other build folder.
 */
export const BUILT_IN_PACKS_DIR = path.join(packageRoot(), 'src', 'guard', 'packs');

export interface LoadedPack {
  spec: PackSpec;
  file: string;
  text: string;
  yaml: YamlText;
}

/** Reads a pack; `validate` checks it against the pack schema (custom packs, and the tests). */
export function loadPack(file: string, validate = true): LoadedPack {
  const text = readFileSync(file, 'utf8');
  const yaml = parseYaml(text, file);
  if (validate) {
    const check = packValidator();
    if (!check(yaml.value)) {
      const [first] = check.errors ?? [];
      const segments = (first?.instancePath ?? '').split('/').slice(1);
      throw schemaErrorInFile(check.errors ?? [], yaml.locate(segments));
    }
  }
  return { spec: yaml.value as PackSpec, file, text, yaml };
}

/**
 * Every *.yaml pack of a directory, in file name order. The built-in packs are checked against
 * the schema by the test suite rather than on every start, which keeps starting fast (compiling
 * the schema costs more than reading all the packs).
 */
export function loadPacks(
  directory = BUILT_IN_PACKS_DIR,
  validate = directory !== BUILT_IN_PACKS_DIR,
): LoadedPack[] {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.yaml'));
  } catch (error) {
    throw new ConfigError(
      null,
      directory,
      `the rule packs cannot be read from ${directory}: ${(error as Error).message}`,
    );
  }
  if (names.length === 0) {
    // A guard without rules would allow everything: refuse to start instead.
    throw new ConfigError(null, directory, `no rule packs (*.yaml) found in ${directory}`);
  }
  return names.sort().map((name) => loadPack(path.join(directory, name), validate));
}

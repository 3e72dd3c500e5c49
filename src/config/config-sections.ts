import type { SchemaObject } from 'ajv';
import type { BridgeConfig } from './bridge-config.js';
import { configAjv } from './config-ajv.js';
import { ConfigError } from './config-error.js';
import type { ConfigFile } from './config-file.js';
import { schemaErrorInFile } from './schema-error.js';
import { flagLabel, SETTINGS } from './settings.js';

const SECTION_NAME = /^[a-z][A-Za-z0-9]*$/;

const sections = new Map<string, SchemaObject>();

/** Top-level keys of lighthouse.yaml that settings own (including the ones refused there). */
const settingKeys = new Set(
  SETTINGS.map((setting) => ('path' in setting.yaml ? setting.yaml.path[0] : setting.name)),
);

type ObjectSchema = SchemaObject & { properties: Record<string, SchemaObject | boolean> };

function closedObject(): ObjectSchema {
  return { type: 'object', properties: {}, additionalProperties: false };
}

/** Settings take any value here: they are converted and validated with flags and environment. */
function addSettingPath(parent: ObjectSchema, [head, ...rest]: readonly string[]): void {
  if (head === undefined) return;
  if (rest.length === 0) {
    parent.properties[head] = true;
    return;
  }
  parent.properties[head] ??= closedObject();
  addSettingPath(parent.properties[head] as ObjectSchema, rest);
}

function compileDocumentValidator() {
  const schema = closedObject();
  for (const setting of SETTINGS) {
    if ('path' in setting.yaml) addSettingPath(schema, setting.yaml.path);
  }
  for (const [name, section] of sections) schema.properties[name] = section;
  return configAjv.compile(schema);
}

let validateDocument = compileDocumentValidator();

/**
 * Lets a module own a top-level section of lighthouse.yaml. The schema must describe a mapping
 * with `additionalProperties: false` (typos are refused, as everywhere in the file); defaults in
 * it are applied. The validated value is `config.sections[name]`, which the returned function
 * reads with its type.
 */
export function registerConfigSection<T>(
  name: string,
  schema: SchemaObject,
): (config: BridgeConfig) => T | undefined {
  if (!SECTION_NAME.test(name)) {
    throw new Error(`config section name "${name}" must be a camelCase word`);
  }
  if (settingKeys.has(name) || sections.has(name)) {
    throw new Error(`config section name "${name}" is already taken`);
  }
  if (schema.type !== 'object' || schema.additionalProperties !== false) {
    throw new Error(
      `config section "${name}" needs an object schema with additionalProperties: false, so that unknown keys are refused`,
    );
  }
  sections.set(name, schema);
  try {
    validateDocument = compileDocumentValidator();
  } catch (error) {
    sections.delete(name);
    throw error;
  }
  return (config) => config.sections[name] as T | undefined;
}

/**
 * Checks lighthouse.yaml's document: no refused keys, no unknown keys, valid sections. Applies
 * section defaults and returns the sections present afterwards. Setting values are checked later,
 * with those of the other sources.
 */
export function checkConfigDocument({ file, document }: ConfigFile): Record<string, unknown> {
  for (const setting of SETTINGS) {
    if ('refused' in setting.yaml && Object.hasOwn(document, setting.name)) {
      throw new ConfigError(
        setting.name,
        file,
        `${setting.name} in ${file} is refused: ${setting.yaml.refused}; use ${setting.env} or ${flagLabel(setting)}`,
      );
    }
  }
  if (!validateDocument(document)) throw schemaErrorInFile(validateDocument.errors ?? [], file);
  return Object.fromEntries(
    [...sections.keys()]
      .filter((name) => Object.hasOwn(document, name))
      .map((name) => [name, document[name]]),
  );
}

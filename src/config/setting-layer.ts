import { configAjv } from './config-ajv.js';
import { ConfigError } from './config-error.js';
import { describeValue } from './describe-value.js';
import { SETTINGS, type Setting, type SettingName, type SettingValues } from './settings.js';

const validateLayer = configAjv.compile<Partial<SettingValues>>({
  type: 'object',
  properties: Object.fromEntries(SETTINGS.map((setting) => [setting.name, setting.schema])),
  additionalProperties: false,
});

const settingByName = new Map<string, Setting>(SETTINGS.map((setting) => [setting.name, setting]));

export function settingNamed(name: SettingName): Setting {
  const setting = settingByName.get(name);
  if (!setting) throw new Error(`no setting named ${name}`);
  return setting;
}

export function invalidSetting(setting: Setting, source: string, raw: unknown): ConfigError {
  return new ConfigError(
    setting.name,
    source,
    `${setting.name} in ${source} ${setting.requirement}, got ${describeValue(raw, setting.secret)}`,
  );
}

/**
 * The settings one source supplies, converted and validated. `rawOf` gives a setting's value as
 * the source has it (undefined or null when it has none); `sourceOf` names the source in
 * messages; relative paths are resolved against `baseDir`.
 */
export function readSettingLayer(
  rawOf: (setting: Setting) => unknown,
  sourceOf: (setting: Setting) => string,
  baseDir: string,
): Partial<SettingValues> {
  const raws = new Map<Setting, unknown>();
  const layer: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const raw = rawOf(setting);
    if (raw === undefined || raw === null) continue;
    raws.set(setting, raw);
    layer[setting.name] = setting.convert(raw, baseDir);
  }
  const refuse = (setting: Setting) =>
    invalidSetting(setting, sourceOf(setting), raws.get(setting));
  if (!validateLayer(layer)) {
    const name = validateLayer.errors?.[0]?.instancePath.slice(1) ?? '';
    throw refuse(settingNamed(name as SettingName));
  }
  for (const [setting] of raws) {
    if (setting.verify && !setting.verify(layer[setting.name])) throw refuse(setting);
  }
  return layer;
}

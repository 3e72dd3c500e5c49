export {
  type BridgeConfig,
  CONFIG_FILE_NAME,
  LOG_LEVELS,
  type LogLevel,
} from './bridge-config.js';
export { ConfigError } from './config-error.js';
export { registerConfigSection } from './config-sections.js';
export { type ResolveConfigInput, resolveConfig } from './resolve-config.js';

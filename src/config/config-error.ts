import { BridgeError } from '../events/errors.js';

/**
 * Invalid configuration: the message says which key (when there is one) and which source
 * (a flag, an environment variable, the yaml file or the working directory) is at fault.
 */
export class ConfigError extends BridgeError {
  constructor(
    /** The offending key, e.g. `port` or `guard.profile`; null when the whole file is at fault. */
    readonly key: string | null,
    /** Where the value came from, e.g. `LIGHTHOUSE_PORT`, `--port` or the yaml file's path. */
    readonly source: string,
    detail: string,
  ) {
    super('invalid_config', `invalid config: ${detail}`, { key, source });
    this.name = 'ConfigError';
  }
}

import type { Command } from 'commander';
// Every section of lighthouse.yaml is known to every command that reads the file.
import '../api/plugins/guard-config.js';
import '../guard/policy/config-section.js';
import { type BridgeConfig, resolveConfig } from '../config/index.js';

/** The options every command that reads the bridge's configuration accepts. */
export function withConfigOptions(command: Command): Command {
  return command
    .option('--project-root <dir>', 'project root (default: the working directory)')
    .option('--data-dir <dir>', 'data directory (default: <project root>/.lighthouse)');
}

export function withServerOptions(command: Command): Command {
  return withConfigOptions(command)
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on, 0 for any free port (default 8765)')
    .option('--admin-token <token>', 'bootstrap admin token (prefer LIGHTHOUSE_ADMIN_TOKEN)')
    .option('--database-url <url>', 'postgres:// URL of a shared event store')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent')
    .option('--body-limit <size>', 'largest request body, e.g. 1mb')
    .option('--metrics-public <boolean>', 'serve /metrics without a token (default true)');
}

export function configFrom(flags: Record<string, unknown>): BridgeConfig {
  return resolveConfig({ flags: flags as Record<string, string | undefined> });
}

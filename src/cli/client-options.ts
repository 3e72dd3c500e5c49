import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ADMIN_TOKEN_FILE } from '../agents/admin-token.js';
import { BridgeClient } from '../client/index.js';
import { configFrom, withConfigOptions } from './config-options.js';

/** Options of commands that talk to a running bridge. */
export function withClientOptions(command: Command): Command {
  return withConfigOptions(command)
    .option(
      '--url <url>',
      'bridge URL (default: LIGHTHOUSE_URL, else the configured host and port)',
    )
    .option(
      '--token <token>',
      'bearer token (default: LIGHTHOUSE_TOKEN, else <data dir>/admin.token)',
    );
}

/**
 * The bridge to talk to: flags, then LIGHTHOUSE_URL / LIGHTHOUSE_TOKEN, then the local
 * configuration (its address and the admin token file in its data directory), read only when
 * needed.
 */
export function clientFrom(flags: Record<string, unknown>): BridgeClient {
  const url = (flags.url as string | undefined) ?? process.env.LIGHTHOUSE_URL;
  const token = (flags.token as string | undefined) ?? process.env.LIGHTHOUSE_TOKEN;
  if (url !== undefined && token !== undefined) {
    return new BridgeClient({ url, token, connections: 1 });
  }
  const config = configFrom({ projectRoot: flags.projectRoot, dataDir: flags.dataDir });
  const tokenFile = join(config.dataDir, ADMIN_TOKEN_FILE);
  return new BridgeClient({
    url:
      url ??
      `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
    token:
      token ??
      config.adminToken ??
      (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined),
    connections: 1,
  });
}

import { runStdioProxy } from '../../mcp/stdio/proxy.js';
import { DEFAULT_BRIDGE_URL } from './hook.js';

/*
 * `lighthouse-bridge mcp` is started by an MCP client for each of its sessions, so it is handed
 * off before commander and the rest of the CLI load; the MCP SDK loads while the bridge is checked.
 */

export const MCP_USAGE =
  'mcp   MCP server on stdin/stdout for an MCP client, relayed to the bridge at LIGHTHOUSE_URL as the agent of LIGHTHOUSE_TOKEN';

const log = (line: string) => process.stderr.write(`lighthouse-bridge mcp: ${line}\n`);

/**
 * For `mcp`, relays until the client closes stdin, then exits 0; a bridge that cannot be used
 * exits 1 with the reason on stderr. For any other command line, returns at once.
 */
export async function handOffMcp(argv: readonly string[]): Promise<void> {
  const [, , command, ...rest] = argv;
  if (command !== 'mcp') return;
  if (rest.length > 0) {
    process.stderr.write(`lighthouse-bridge: usage: lighthouse-bridge ${MCP_USAGE}\n`);
    process.exit(2);
  }
  try {
    await runStdioProxy({
      url: process.env.LIGHTHOUSE_URL || DEFAULT_BRIDGE_URL,
      token: process.env.LIGHTHOUSE_TOKEN,
      input: process.stdin,
      output: process.stdout,
      log,
    });
  } catch (error) {
    log((error as Error).message);
    process.exit(1);
  }
  process.exit(0);
}

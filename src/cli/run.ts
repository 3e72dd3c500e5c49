import type { BridgeClient } from '../client/index.js';
import { BridgeClientError } from '../client/index.js';
import { BridgeError } from '../events/errors.js';

/**
 * Runs a command body and turns failures into one clear line on stderr and exit code 1.
 * With `clientFlags`, the body gets a client for the configured bridge, closed afterwards.
 */
export async function runCli(
  body: (client: BridgeClient) => Promise<void>,
  clientFlags?: Record<string, unknown>,
): Promise<void> {
  let client: BridgeClient | undefined;
  try {
    if (clientFlags) {
      const { clientFrom } = await import('./client-options.js');
      client = clientFrom(clientFlags);
    }
    await body(client as BridgeClient);
  } catch (error) {
    process.stderr.write(`lighthouse-bridge: ${describe(error)}\n`);
    process.exitCode = 1;
  } finally {
    await client?.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof BridgeClientError) {
    return error.status === 0 ? error.message : `${error.message} (${error.status} ${error.code})`;
  }
  if (error instanceof BridgeError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

import { checkBridge, RelayStartError } from './bridge-check.js';
import { type RelayStreams, relayStdio } from './relay.js';

export interface StdioProxyOptions extends RelayStreams {
  /** The bridge's base URL; the MCP endpoint is its /mcp. */
  url: string;
  token: string | undefined;
}

/**
 * `lighthouse-bridge mcp`: MCP on stdio, relayed to the bridge as the agent of the token. The SDK
 * loads while the bridge is checked, so a bridge that is down or a bad token fails at once with
 * a clear message, and a good start costs about one SDK load.
 */
export async function runStdioProxy(options: StdioProxyOptions): Promise<void> {
  if (!options.token) {
    throw new RelayStartError(
      'LIGHTHOUSE_TOKEN is not set. Register the agent with `lighthouse-bridge agent add NAME --role builder` and set LIGHTHOUSE_TOKEN to the token it prints.',
    );
  }
  const base = options.url.endsWith('/') ? options.url : `${options.url}/`;
  let endpoint: URL;
  try {
    endpoint = new URL('mcp', base);
  } catch {
    throw new RelayStartError(`LIGHTHOUSE_URL ${JSON.stringify(options.url)} is not a URL`);
  }
  const [sdk, agent] = await Promise.all([
    import('@modelcontextprotocol/client'),
    checkBridge(base, options.token),
  ]);
  options.log(`relaying MCP on stdio to ${endpoint.href} as ${agent}`);
  await relayStdio(sdk, endpoint, options.token, options);
}

import { runBackToBack } from './back-to-back.js';
import { BRIDGE_STATUS, jsonRpcBody } from './bench-tools.js';
import { type McpLoad, SESSION_REVISION } from './mcp-load.js';
import { rawSessionCaller } from './raw-session.js';

const PING = (id: number): string => JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' });

/**
 * Where one client's round trip goes: plain HTTP POSTs into the first client's session, without
 * a client SDK: a JSON-RPC `ping` (the MCP path and nothing else) and the read-only tool's call
 * (the path and the tool). Beside the SDK client's rows, the difference is the client's own work.
 */
export async function runWithoutSdk(load: McpLoad): Promise<Record<string, unknown>> {
  const { report, plan } = load;
  report.section(
    `without a client SDK: POSTs into one client's session, back to back (${plan.windowMs} ms ` +
      `measured after ${plan.warmupMs} ms warm-up)`,
  );
  const sessionId = load.clients.sessionId(0);
  if (sessionId === undefined) throw new RangeError('the first client has no session');
  const post = rawSessionCaller({
    bridgeUrl: load.bridgeUrl,
    token: load.tokens[0] as string,
    sessionId,
    protocolVersion: SESSION_REVISION,
  });
  const caller = 'this process (plain HTTP)';
  return {
    ping: await runBackToBack(load, {
      name: 'JSON-RPC ping in the session, 1 client, no SDK',
      clients: 1,
      call: (_, seq) => post(PING(seq)),
      caller,
    }),
    readTool: await runBackToBack(load, {
      name: `${BRIDGE_STATUS.label}, 1 client, no SDK`,
      clients: 1,
      call: (client, seq) => post(jsonRpcBody(BRIDGE_STATUS.call(client, seq), seq)),
      caller,
    }),
  };
}

import { request } from 'undici';
import { BridgeError } from '../../src/events/errors.js';

const DATA_LINE = /^data: (.*)$/gm;

/**
 * Sends JSON-RPC requests straight into an MCP session opened by a client (same agent token,
 * same session id), without a client SDK: what the bridge costs, apart from the client's own
 * work. Each answer is read whole and checked: a non-2xx status, a JSON-RPC error or a tool
 * error rejects.
 */
export function rawSessionCaller(options: {
  bridgeUrl: string;
  token: string;
  sessionId: string;
  protocolVersion: string;
}): (body: string) => Promise<void> {
  const url = `${options.bridgeUrl}/mcp`;
  const headers = {
    authorization: `Bearer ${options.token}`,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-session-id': options.sessionId,
    'mcp-protocol-version': options.protocolVersion,
  };
  return async (body) => {
    const response = await request(url, { method: 'POST', headers, body });
    const text = await response.body.text();
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw new BridgeError(`http_${response.statusCode}`, text.slice(0, 200));
    }
    checkAnswer(text);
  };
}

/** The answer to one request: plain JSON, or an event stream whose last data line carries it. */
export function checkAnswer(text: string): void {
  const data = [...text.matchAll(DATA_LINE)].at(-1)?.[1] ?? text;
  const message = JSON.parse(data) as {
    error?: { message?: string };
    result?: { isError?: boolean };
  };
  if (message.error !== undefined) {
    throw new BridgeError('jsonrpc_error', message.error.message ?? 'JSON-RPC error');
  }
  if (message.result?.isError === true) throw new BridgeError('tool_error', data.slice(0, 200));
}

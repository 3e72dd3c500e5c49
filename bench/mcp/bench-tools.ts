import type { ToolCall } from './mcp-clients.js';

/** A tool the benchmark calls, the same way from every client. */
export interface BenchTool {
  /** How the rows name it. */
  label: string;
  /** The call of `client`'s `seq`-th call. */
  call(client: number, seq: number): ToolCall;
}

/** The size of a short message between agents. */
const MESSAGE_BODY =
  'The parser now rejects unterminated heredocs instead of reading to the end of the file; ' +
  'please rebase before touching src/guard/shell and run the guard tests.';

/** Read-only: who the agent is and what waits for it, from the bridge's read models. */
export const BRIDGE_STATUS: BenchTool = {
  label: 'bridge_status (read)',
  call: () => ({ name: 'bridge_status', arguments: {} }),
};

/**
 * Writes to the log: a direct message from each client to an agent of its own that never
 * connects, so the clients' own inboxes (which `bridge_status` counts) stay empty.
 */
export function sendMessageTool(recipientOf: (client: number) => string): BenchTool {
  return {
    label: 'send_message (durable append)',
    call: (client, seq) => ({
      name: 'send_message',
      arguments: { to: recipientOf(client), subject: `bench ${seq}`, body: MESSAGE_BODY },
    }),
  };
}

/** The JSON-RPC request a client sends for the call, for the floor to send alike. */
export function jsonRpcBody(call: ToolCall, id: number): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: call });
}

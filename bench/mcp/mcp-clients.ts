import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { BridgeError } from '../../src/events/errors.js';
import { requireLoopbackUrl } from '../lib/loopback.js';

/**
 * 2025-11-25: sessions opened by `initialize`, what Claude Code speaks. 2026-07-28: stateless,
 * each request on its own.
 */
export type McpRevision = '2025-11-25' | '2026-07-28';

/** The name and arguments of one `tools/call`. */
export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

interface Connected {
  client: Client;
  transport: StreamableHTTPClientTransport;
}

const CONNECT_CONCURRENCY = 16;

/**
 * Official v2 MCP clients over Streamable HTTP, one per agent token, each its own session. Each
 * lists the tools once when it connects, as Claude Code does, so that its calls validate results
 * against the tools' output schemas like a real client's.
 */
export class McpClients {
  private constructor(private readonly connected: Connected[]) {}

  /**
   * Connects one client per token, a few at a time. Refuses a non-loopback URL; throws
   * `unexpected_revision` when a connection lands on another revision than asked. Clients already
   * connected are closed when one fails.
   */
  static async open(
    bridgeUrl: string,
    tokens: readonly string[],
    revision: McpRevision,
  ): Promise<McpClients> {
    const endpoint = new URL('/mcp', await requireLoopbackUrl(bridgeUrl));
    const opened = new McpClients(new Array(tokens.length));
    try {
      await forEachFewAtATime(tokens.length, async (index) => {
        opened.connected[index] = await connect(endpoint, tokens[index] as string, revision);
      });
    } catch (error) {
      await opened.close();
      throw error;
    }
    return opened;
  }

  get count(): number {
    return this.connected.length;
  }

  /** The session the client's 2025 connection opened; undefined for a stateless one. */
  sessionId(client: number): string | undefined {
    return this.at(client).transport.sessionId;
  }

  /** One `tools/call` on the client's connection; a tool error is thrown as `tool_error`. */
  async callTool(client: number, call: ToolCall): Promise<void> {
    const result = await this.at(client).client.callTool(call);
    if (result.isError) {
      const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
      throw new BridgeError('tool_error', `${call.name} failed: ${text}`, { tool: call.name });
    }
  }

  /**
   * Makes each client's first call, a few clients at a time. A client's first `tools/call`
   * compiles the output-schema validators of every listed tool (a tenth of a second or more of
   * CPU), a one-time cost that no measured row should carry.
   */
  callEachOnce(call: ToolCall): Promise<void> {
    return forEachFewAtATime(this.count, (client) => this.callTool(client, call));
  }

  /** Ends every connection (a DELETE for each 2025 session). */
  async close(): Promise<void> {
    const open = this.connected.splice(0).filter((connected) => connected !== undefined);
    await Promise.allSettled(open.map(({ client }) => client.close()));
  }

  private at(client: number): Connected {
    const connected = this.connected[client];
    if (connected === undefined) throw new RangeError(`no client ${client}`);
    return connected;
  }
}

/**
 * Runs `task` for 0..count-1, a few at a time. After a failure no new task starts; the first
 * failure is thrown once the tasks already running have ended.
 */
async function forEachFewAtATime(
  count: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < count && !failed) {
      try {
        await task(next++);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.min(CONNECT_CONCURRENCY, count) }, worker);
  const failure = (await Promise.allSettled(workers)).find(
    (outcome) => outcome.status === 'rejected',
  );
  if (failure !== undefined) throw failure.reason;
}

async function connect(endpoint: URL, token: string, revision: McpRevision): Promise<Connected> {
  const client = new Client(
    { name: 'lighthouse-bench', version: '1.0.0' },
    { versionNegotiation: { mode: revision === '2026-07-28' ? { pin: revision } : 'legacy' } },
  );
  const transport = new StreamableHTTPClientTransport(endpoint, {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  try {
    const landed = client.getNegotiatedProtocolVersion();
    if (landed !== revision) {
      throw new BridgeError(
        'unexpected_revision',
        `the client asked for MCP ${revision} and landed on ${landed}`,
        { revision, landed },
      );
    }
    await client.listTools();
  } catch (error) {
    await client.close();
    throw error;
  }
  return { client, transport };
}

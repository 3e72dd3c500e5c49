import type {
  JSONRPCMessage,
  JSONRPCRequest,
  RequestId,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';

type ClientSdk = typeof import('@modelcontextprotocol/client');

export interface RelayStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where the relay reports what it cannot answer in-band. */
  log: (line: string) => void;
}

/**
 * Relays MCP between a client on stdio and the bridge's Streamable HTTP endpoint, message by
 * message, whatever protocol revision the client speaks: the SDK's HTTP client transport keeps
 * the session, the per-request headers and the server's stream; the relay keeps the order the
 * handshake needs, and opens a new session with the client's own `initialize` when the bridge
 * no longer knows the old one (it restarted). A request the bridge cannot take is answered with
 * a JSON-RPC error, so the client never waits for an answer that will not come.
 */
class StdioRelay {
  private readonly http: StreamableHTTPClientTransport;
  private readonly buffer: InstanceType<ClientSdk['ReadBuffer']>;
  /** The client's `initialize`, replayed to open a new session. */
  private handshake: JSONRPCRequest | null = null;
  /** Ids whose answer opens a session; those of replays are the relay's own, not the client's. */
  private readonly handshakeIds = new Set<RequestId>();
  private readonly replayIds = new Set<RequestId>();
  private replays = 0;
  /** Everything after `initialize` waits for its answer, which opens the session. */
  private opened: Promise<void> = Promise.resolve();
  private reopening: Promise<void> | null = null;

  constructor(
    private readonly sdk: ClientSdk,
    endpoint: URL,
    token: string,
    private readonly streams: RelayStreams,
  ) {
    this.http = new sdk.StreamableHTTPClientTransport(endpoint, {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    });
    this.buffer = new sdk.ReadBuffer();
  }

  /** Resolves when the client closes stdin. */
  async run(): Promise<void> {
    const { input, log } = this.streams;
    this.http.onmessage = (message) => this.fromBridge(message);
    this.http.onerror = (error) => log(error.message);
    await this.http.start();
    input.on('data', (chunk: Buffer) => this.fromClient(chunk));
    await new Promise<void>((resolve) => input.once('end', resolve));
    await this.http.terminateSession().catch(() => undefined);
    await this.http.close();
  }

  private write(message: JSONRPCMessage): void {
    this.streams.output.write(this.sdk.serializeMessage(message));
  }

  private fromBridge(message: JSONRPCMessage): void {
    if (this.sdk.isJSONRPCResultResponse(message) && this.handshakeIds.has(message.id)) {
      const version = message.result.protocolVersion;
      if (typeof version === 'string') this.http.setProtocolVersion(version);
      if (this.replayIds.delete(message.id)) return;
    }
    this.write(message);
  }

  private fromClient(chunk: Buffer): void {
    this.buffer.append(chunk);
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch (error) {
        this.streams.log(`ignored a line that is not JSON-RPC: ${(error as Error).message}`);
        continue;
      }
      if (message === null) return;
      if (this.sdk.isJSONRPCRequest(message) && message.method === 'initialize') {
        this.handshake = message;
        this.handshakeIds.add(message.id);
        this.opened = this.send(message);
      } else {
        const next = message;
        this.opened.then(() => this.send(next));
      }
    }
  }

  private async send(message: JSONRPCMessage, retried = false): Promise<void> {
    try {
      await this.http.send(message);
      return;
    } catch (error) {
      if (!retried && this.sessionLost(error) && (await this.reopen())) {
        return this.send(message, true);
      }
      const reason = `the Lighthouse bridge did not take it: ${(error as Error).message}`;
      if (this.sdk.isJSONRPCRequest(message)) {
        this.write({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: reason } });
      } else {
        this.streams.log(reason);
      }
    }
  }

  private sessionLost(error: unknown): boolean {
    return (
      this.handshake !== null && error instanceof this.sdk.SdkHttpError && error.status === 404
    );
  }

  /** Opens a new session with the client's handshake; resolves whether that worked. */
  private reopen(): Promise<boolean> {
    const handshake = this.handshake as JSONRPCRequest;
    this.reopening ??= (async () => {
      const id = `lighthouse-bridge-reopen-${++this.replays}`;
      this.handshakeIds.add(id);
      this.replayIds.add(id);
      await this.http.send({ ...handshake, id });
      await this.http.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      this.streams.log('the bridge no longer knew the session (restarted?); opened a new one');
    })().finally(() => {
      this.reopening = null;
    });
    return this.reopening.then(
      () => true,
      () => false,
    );
  }
}

export function relayStdio(
  sdk: ClientSdk,
  endpoint: URL,
  token: string,
  streams: RelayStreams,
): Promise<void> {
  return new StdioRelay(sdk, endpoint, token, streams).run();
}

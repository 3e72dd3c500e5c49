import {
  Client as ClientV2,
  type ElicitRequestFormParams,
  StreamableHTTPClientTransport as HttpTransportV2,
  type JSONRPCMessage,
  type Transport,
} from '@modelcontextprotocol/client';
import {
  getDefaultEnvironment,
  StdioClientTransport as StdioTransportV2,
} from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioTransportV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as HttpTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ElicitRequestSchema,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { CLI } from '../support/cli.js';

/** One official client, one transport, one protocol revision. */
export interface ClientSetup {
  sdk: 'v1' | 'v2';
  transport: 'http' | 'stdio';
  /** The revision the client offers (and must get). */
  revision: '2025-06-18' | '2025-11-25' | '2026-07-28';
  label: string;
}

/** The v1 SDK offers only its latest revision; the v2 client offers any, or pins 2026-07-28. */
export const CLIENT_SETUPS: readonly ClientSetup[] = [
  { sdk: 'v2', transport: 'http', revision: '2025-11-25', label: 'v2 over http, 2025-11-25' },
  { sdk: 'v2', transport: 'http', revision: '2025-06-18', label: 'v2 over http, 2025-06-18' },
  { sdk: 'v2', transport: 'http', revision: '2026-07-28', label: 'v2 over http, 2026-07-28' },
  { sdk: 'v1', transport: 'http', revision: '2025-11-25', label: 'v1 over http, 2025-11-25' },
  { sdk: 'v2', transport: 'stdio', revision: '2025-11-25', label: 'v2 over stdio, 2025-11-25' },
  { sdk: 'v2', transport: 'stdio', revision: '2025-06-18', label: 'v2 over stdio, 2025-06-18' },
  { sdk: 'v2', transport: 'stdio', revision: '2026-07-28', label: 'v2 over stdio, 2026-07-28' },
  { sdk: 'v1', transport: 'stdio', revision: '2025-11-25', label: 'v1 over stdio, 2025-11-25' },
];

export interface ToolResult {
  isError?: boolean;
  content: { type: string; text?: string }[];
  // biome-ignore lint/suspicious/noExplicitAny: structured results are inspected freely in tests
  structuredContent?: any;
}

export interface ListedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: { type: string; properties?: Record<string, unknown> };
  outputSchema?: { type: string };
  annotations?: {
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
  };
}

/** What the user behind the client answers to an elicitation. */
export type ElicitationAnswer = (params: ElicitRequestFormParams) => {
  action: 'accept' | 'decline' | 'cancel';
  content?: Record<string, string | number | boolean>;
};

export interface TestClient {
  readonly setup: ClientSetup;
  /** The revision the connection landed on. */
  readonly protocolVersion: string | undefined;
  listTools(): Promise<ListedTool[]>;
  callTool(name: string, args: Record<string, unknown>): Promise<ToolResult>;
  listResources(): Promise<{ uri: string; name: string }[]>;
  /** The JSON text of a resource, parsed. */
  // biome-ignore lint/suspicious/noExplicitAny: resource bodies are inspected freely in tests
  readJson(uri: string): Promise<any>;
  /** Asks to hear of changes to the resource: `resources/subscribe`, or `subscriptions/listen`. */
  follow(uri: string): Promise<void>;
  /** Resolves at the next `notifications/resources/updated` for the URI. */
  nextUpdate(uri: string): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  url: string;
  token: string;
  elicitation?: ElicitationAnswer;
}

/**
 * The transport, recording the revision the server's `initialize` answer names (the v1 client
 * does not report it).
 */
function recordingProtocol(transport: Transport, record: (version: string) => void): Transport {
  return new Proxy(transport, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, property, value) {
      if (property !== 'onmessage' || typeof value !== 'function') {
        return Reflect.set(target, property, value, target);
      }
      target.onmessage = (message: JSONRPCMessage, ...rest: unknown[]) => {
        const result = (message as { result?: { protocolVersion?: unknown } }).result;
        if (typeof result?.protocolVersion === 'string') record(result.protocolVersion);
        (value as (...args: unknown[]) => void)(message, ...rest);
      };
      return true;
    },
  });
}

function stdioParameters(options: ConnectOptions) {
  return {
    command: process.execPath,
    args: [CLI, 'mcp'],
    env: {
      ...getDefaultEnvironment(),
      LIGHTHOUSE_URL: options.url,
      LIGHTHOUSE_TOKEN: options.token,
    },
    stderr: 'ignore' as const,
  };
}

class UpdateWaiters {
  private readonly waiting = new Map<string, (() => void)[]>();

  notify(uri: string): void {
    for (const resolve of this.waiting.get(uri) ?? []) resolve();
    this.waiting.delete(uri);
  }

  next(uri: string): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.set(uri, [...(this.waiting.get(uri) ?? []), resolve]);
    });
  }
}

async function connectV2(setup: ClientSetup, options: ConnectOptions): Promise<TestClient> {
  const modern = setup.revision === '2026-07-28';
  const client = new ClientV2(
    { name: 'lighthouse-test', version: '1.0.0' },
    {
      capabilities: options.elicitation ? { elicitation: { form: {} } } : {},
      versionNegotiation: { mode: modern ? { pin: '2026-07-28' } : 'legacy' },
      ...(setup.revision === '2025-06-18'
        ? { supportedProtocolVersions: ['2025-06-18', '2025-03-26'] }
        : {}),
    },
  );
  const updates = new UpdateWaiters();
  client.setNotificationHandler('notifications/resources/updated', (notification) =>
    updates.notify(notification.params.uri),
  );
  const { elicitation } = options;
  if (elicitation) {
    client.setRequestHandler('elicitation/create', (request) =>
      elicitation(request.params as ElicitRequestFormParams),
    );
  }
  const transport =
    setup.transport === 'http'
      ? new HttpTransportV2(new URL(`${options.url}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${options.token}` } },
        })
      : new StdioTransportV2(stdioParameters(options));
  await client.connect(transport);
  const followed: string[] = [];
  return {
    setup,
    protocolVersion: client.getNegotiatedProtocolVersion(),
    listTools: async () => (await client.listTools()).tools as ListedTool[],
    callTool: async (name, args) =>
      (await client.callTool({ name, arguments: args })) as ToolResult,
    listResources: async () => (await client.listResources()).resources,
    readJson: async (uri) => {
      const [content] = (await client.readResource({ uri })).contents;
      return JSON.parse((content as { text: string }).text);
    },
    follow: async (uri) => {
      if (!modern) {
        await client.subscribeResource({ uri });
        return;
      }
      followed.push(uri);
      await client.listen({ resourceSubscriptions: [...followed] });
    },
    nextUpdate: (uri) => updates.next(uri),
    close: () => client.close(),
  };
}

async function connectV1(setup: ClientSetup, options: ConnectOptions): Promise<TestClient> {
  const client = new ClientV1(
    { name: 'lighthouse-test', version: '1.0.0' },
    { capabilities: options.elicitation ? { elicitation: { form: {} } } : {} },
  );
  const updates = new UpdateWaiters();
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) =>
    updates.notify(notification.params.uri),
  );
  const { elicitation } = options;
  if (elicitation) {
    client.setRequestHandler(ElicitRequestSchema, (request) =>
      elicitation(request.params as ElicitRequestFormParams),
    );
  }
  let protocolVersion: string | undefined;
  const transport =
    setup.transport === 'http'
      ? new HttpTransportV1(new URL(`${options.url}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${options.token}` } },
        })
      : new StdioTransportV1(stdioParameters(options));
  await client.connect(
    recordingProtocol(transport as Transport, (version) => {
      protocolVersion = version;
    }) as never,
  );
  return {
    setup,
    get protocolVersion() {
      return protocolVersion;
    },
    listTools: async () => (await client.listTools()).tools as ListedTool[],
    callTool: async (name, args) =>
      (await client.callTool({ name, arguments: args })) as ToolResult,
    listResources: async () => (await client.listResources()).resources,
    readJson: async (uri) => {
      const [content] = (await client.readResource({ uri })).contents;
      return JSON.parse((content as { text: string }).text);
    },
    follow: async (uri) => {
      await client.subscribeResource({ uri });
    },
    nextUpdate: (uri) => updates.next(uri),
    close: () => client.close(),
  };
}

export function connectClient(setup: ClientSetup, options: ConnectOptions): Promise<TestClient> {
  return setup.sdk === 'v2' ? connectV2(setup, options) : connectV1(setup, options);
}

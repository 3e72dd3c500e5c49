import { type Dispatcher, Pool } from 'undici';
import type {
  AppendResult,
  EventFilter,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadPage,
  ReadStreamOptions,
} from '../events/envelope.js';
import { BridgeClientError } from './errors.js';
import { EventFeed, type EventFeedOptions, errorOf } from './event-feed.js';
import type {
  AgentCredentials,
  AgentSummary,
  HealthAnswer,
  RegisterAgentRequest,
  StoredBlob,
} from './types.js';

export interface BridgeClientOptions {
  /** Base URL of the bridge, e.g. http://127.0.0.1:8765 */
  url: string;
  /** Bearer token of the calling agent. */
  token?: string;
  /** Keep-alive connections in the pool. */
  connections?: number;
}

type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function filterQuery(filter: EventFilter): Query {
  return {
    types: filter.types?.join(','),
    streamPrefix: filter.streamPrefix,
    agentId: filter.agentId,
    correlationId: filter.correlationId,
    since: filter.since === undefined ? undefined : new Date(filter.since).toISOString(),
    until: filter.until === undefined ? undefined : new Date(filter.until).toISOString(),
  };
}

/** Typed access to a bridge over HTTP with a pool of keep-alive connections. */
export class BridgeClient {
  private readonly pool: Pool;
  private readonly origin: string;

  constructor(private readonly options: BridgeClientOptions) {
    const url = new URL(options.url);
    this.origin = url.origin;
    this.pool = new Pool(this.origin, {
      connections: options.connections ?? 16,
      keepAliveTimeout: 30_000,
    });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  health(): Promise<HealthAnswer> {
    return this.request('GET', '/health');
  }

  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    return this.request('POST', `/v1/streams/${encodeURIComponent(streamId)}/events`, {
      body:
        options.expectedRevision === undefined
          ? { events }
          : { expectedRevision: options.expectedRevision, events },
    });
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadPage> {
    return this.request('GET', `/v1/streams/${encodeURIComponent(streamId)}/events`, {
      query: {
        fromRevision: options.fromRevision,
        direction: options.direction,
        limit: options.limit,
      },
    });
  }

  readAll(options: ReadAllOptions = {}): Promise<ReadPage> {
    return this.request('GET', '/v1/events', {
      query: {
        after: options.after,
        direction: options.direction,
        limit: options.limit,
        ...filterQuery(options),
      },
    });
  }

  /** Live events matching the filter, resumed automatically after a broken connection. */
  subscribe(filter: EventFilter = {}, options: EventFeedOptions = {}): EventFeed {
    return new EventFeed(async (lastEventId, signal) => {
      const headers: Record<string, string> = {
        accept: 'text/event-stream',
        ...this.authorization(),
      };
      if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
      return this.pool.request({
        method: 'GET',
        path: `/v1/events/stream${queryString(filterQuery(filter))}`,
        headers,
        signal,
        bodyTimeout: 0,
      });
    }, options);
  }

  registerAgent(agent: RegisterAgentRequest): Promise<AgentCredentials> {
    return this.request('POST', '/v1/agents', { body: agent });
  }

  async listAgents(): Promise<AgentSummary[]> {
    return (await this.request<{ agents: AgentSummary[] }>('GET', '/v1/agents')).agents;
  }

  issueToken(agent: string): Promise<AgentCredentials> {
    return this.request('POST', `/v1/agents/${encodeURIComponent(agent)}/tokens`);
  }

  revokeTokens(agent: string): Promise<{ agentId: string; name: string; revoked: number }> {
    return this.request('DELETE', `/v1/agents/${encodeURIComponent(agent)}/tokens`);
  }

  /** Stores bytes as a content-addressed blob (a message attachment, say). */
  async putBlob(content: Uint8Array): Promise<StoredBlob> {
    const response = await this.send('POST', '/v1/blobs', {
      headers: { 'content-type': 'application/octet-stream' },
      body: content,
    });
    return (await response.body.json()) as StoredBlob;
  }

  /** The bytes of a blob by its sha256 hash. */
  async getBlob(hash: string): Promise<Uint8Array> {
    const response = await this.send('GET', `/v1/blobs/${encodeURIComponent(hash)}`);
    return new Uint8Array(await response.body.arrayBuffer());
  }

  /** Any JSON endpoint of the bridge; errors become BridgeClientError with the bridge's code. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.send(method, `${path}${queryString(options.query)}`, {
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.body.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Sends a request with the caller's token; an error status becomes a BridgeClientError. */
  private async send(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: string | Uint8Array } = {},
  ): Promise<Dispatcher.ResponseData> {
    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({
        method: method as Dispatcher.HttpMethod,
        path,
        headers: { ...this.authorization(), ...options.headers },
        body: options.body,
      });
    } catch (error) {
      throw new BridgeClientError(
        0,
        'unreachable',
        `cannot reach the bridge at ${this.origin}: ${(error as Error).message}`,
      );
    }
    if (response.statusCode >= 400) throw errorOf(response.statusCode, await response.body.text());
    return response;
  }

  private authorization(): Record<string, string> {
    return this.options.token ? { authorization: `Bearer ${this.options.token}` } : {};
  }
}

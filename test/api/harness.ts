import { afterEach } from 'vitest';
import { type RunningBridge, type StartBridgeOptions, startBridge } from '../../src/api/bridge.js';
import type { EventEnvelope } from '../../src/events/envelope.js';
import { useTempDirs } from '../support/temp-dir.js';

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected freely in tests
  body: any;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is, instead of `body` as JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestBridge extends RunningBridge {
  dataDir: string;
  /** Calls the bridge; the admin token is used unless `token` says otherwise (null: none). */
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** Registers an agent through the API and returns its token. */
  tokenFor(name: string, role: string): Promise<string>;
  head(): Promise<number>;
}

export function useBridges(): (options?: Partial<StartBridgeOptions>) => Promise<TestBridge> {
  const tempDir = useTempDirs();
  const running: RunningBridge[] = [];
  afterEach(async () => {
    for (const bridge of running.splice(0).reverse()) await bridge.close();
  });
  return async (options = {}) => {
    const dataDir = options.dataDir ?? tempDir();
    const bridge = await startBridge({
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      ...options,
      dataDir,
    });
    running.push(bridge);
    const call: TestBridge['call'] = async (
      method,
      path,
      { token, body, rawBody, headers = {} } = {},
    ) => {
      const bearer = token === undefined ? bridge.adminToken : token;
      const sent = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      const response = await fetch(`${bridge.url}${path}`, {
        method,
        headers: {
          ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
          ...(sent === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: sent,
      });
      const text = await response.text();
      const isJson = response.headers.get('content-type')?.includes('application/json');
      return {
        status: response.status,
        headers: response.headers,
        body: isJson ? JSON.parse(text) : text,
      };
    };
    return Object.assign(bridge, {
      dataDir,
      call,
      tokenFor: async (name: string, role: string) => {
        const answer = await call('POST', '/v1/agents', { body: { name, role } });
        if (answer.status !== 201)
          throw new Error(`registering ${name}: ${JSON.stringify(answer.body)}`);
        return answer.body.token as string;
      },
      head: () => bridge.store.headPosition(),
    });
  };
}

export function appendBody(...types: string[]) {
  return { events: types.map((type) => ({ type, data: { type } })) };
}

export interface SseFrame {
  id: number;
  envelope: EventEnvelope;
}

export interface EventStreamReader {
  status: number;
  headers: Headers;
  /** The next event frame; comments (heartbeats) are skipped. */
  next(): Promise<SseFrame>;
  /** Resolves when the server ends the stream. */
  ended(): Promise<void>;
  close(): void;
}

/** Reads `GET /v1/events/stream` frame by frame, checking each is `id: <position>\ndata: <json>`. */
export async function openEventStream(
  bridge: TestBridge,
  query = '',
  headers: Record<string, string> = {},
): Promise<EventStreamReader> {
  const abort = new AbortController();
  const response = await fetch(`${bridge.url}/v1/events/stream${query}`, {
    headers: { authorization: `Bearer ${bridge.adminToken}`, ...headers },
    signal: abort.signal,
  });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let done = false;
  const readFrame = async (): Promise<string | null> => {
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        return frame;
      }
      if (done || !reader) return null;
      const chunk = await reader.read();
      if (chunk.done) done = true;
      else buffered += decoder.decode(chunk.value, { stream: true });
    }
  };
  return {
    status: response.status,
    headers: response.headers,
    async next() {
      for (;;) {
        const frame = await readFrame();
        if (frame === null) throw new Error('the event stream ended');
        if (frame.startsWith(':')) continue;
        const match = /^id: (\d+)\ndata: (.*)$/s.exec(frame);
        if (!match) throw new Error(`not an event frame: ${frame}`);
        return { id: Number(match[1]), envelope: JSON.parse(match[2] as string) };
      }
    },
    async ended() {
      while ((await readFrame()) !== null) {}
    },
    close: () => abort.abort(),
  };
}

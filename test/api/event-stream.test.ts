import { describe, expect, it } from 'vitest';
import { openAgents } from '../../src/agents/open-agents.js';
import { buildApp } from '../../src/api/app.js';
import { openSqliteStore } from '../../src/events/sqlite/sqlite-store.js';
import { useTempDirs } from '../support/temp-dir.js';
import {
  appendBody,
  type EventStreamReader,
  openEventStream,
  type TestBridge,
  useBridges,
} from './harness.js';

const start = useBridges();
const tempDir = useTempDirs();

async function append(bridge: TestBridge, streamId: string, ...types: string[]): Promise<void> {
  const answer = await bridge.call('POST', `/v1/streams/${streamId}/events`, {
    body: appendBody(...types),
  });
  expect(answer.status).toBe(200);
}

async function take(reader: EventStreamReader, count: number): Promise<number[]> {
  const positions: number[] = [];
  for (let index = 0; index < count; index++) {
    const frame = await reader.next();
    expect(frame.envelope.position).toBe(frame.id);
    positions.push(frame.id);
  }
  return positions;
}

async function scrape(bridge: TestBridge, metric: string): Promise<number> {
  const text = (await bridge.call('GET', '/metrics', { token: null })).body as string;
  const line = text.split('\n').find((row) => row.startsWith(`${metric} `));
  return Number(line?.split(' ')[1]);
}

describe('GET /v1/events/stream', () => {
  it('catches up from the log, then delivers live events', async () => {
    const bridge = await start();
    await append(bridge, 's', 'A', 'B', 'C');
    const reader = await openEventStream(bridge);
    expect(reader.status).toBe(200);
    expect(reader.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await take(reader, 3)).toEqual([1, 2, 3]);
    await append(bridge, 's', 'D');
    await append(bridge, 't', 'E');
    const live = [await reader.next(), await reader.next()];
    expect(live.map((frame) => [frame.id, frame.envelope.type, frame.envelope.streamId])).toEqual([
      [4, 'D', 's'],
      [5, 'E', 't'],
    ]);
    expect(live[0]?.envelope.metadata).toEqual({ agentId: 'admin' });
    reader.close();
  });

  it('resumes exactly after Last-Event-ID, with no gap and no duplicate', async () => {
    const bridge = await start();
    await append(bridge, 's', 'A', 'B', 'C', 'D');
    const first = await openEventStream(bridge);
    expect(await take(first, 2)).toEqual([1, 2]);
    first.close();
    await append(bridge, 's', 'E', 'F');
    const resumed = await openEventStream(bridge, '', { 'last-event-id': '2' });
    expect(await take(resumed, 4)).toEqual([3, 4, 5, 6]);
    await append(bridge, 's', 'G');
    expect(await take(resumed, 1)).toEqual([7]);
    resumed.close();
  });

  it('starts after the `after` query, and Last-Event-ID wins over it', async () => {
    const bridge = await start();
    await append(bridge, 's', 'A', 'B', 'C', 'D');
    const byQuery = await openEventStream(bridge, '?after=3');
    expect(await take(byQuery, 1)).toEqual([4]);
    byQuery.close();
    const byHeader = await openEventStream(bridge, '?after=3', { 'last-event-id': '1' });
    expect(await take(byHeader, 1)).toEqual([2]);
    byHeader.close();
  });

  it('applies the same filters as reads, live too', async () => {
    const bridge = await start();
    await append(bridge, 'orders-1', 'Opened', 'Closed');
    await append(bridge, 'users-1', 'Opened');
    const reader = await openEventStream(bridge, '?types=Opened&streamPrefix=orders-');
    expect((await reader.next()).id).toBe(1);
    await append(bridge, 'users-2', 'Opened');
    await append(bridge, 'orders-2', 'Closed', 'Opened');
    const live = await reader.next();
    expect([live.id, live.envelope.streamId, live.envelope.type]).toEqual([
      6,
      'orders-2',
      'Opened',
    ]);
    reader.close();
  });

  it.each([
    ['a bad Last-Event-ID', '', { 'last-event-id': 'abc' }, 400, /last-event-id/],
    ['a bad filter', '?since=yesterday', {}, 400, /since/],
    ['an unknown parameter', '?limit=3', {}, 400, /querystring\/limit/],
  ])('refuses %s before streaming', async (_name, query, headers, status, message) => {
    const bridge = await start();
    const answer = await bridge.call('GET', `/v1/events/stream${query}`, { headers });
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toMatch(message);
  });

  it('requires a token', async () => {
    const bridge = await start();
    expect((await bridge.call('GET', '/v1/events/stream', { token: null })).status).toBe(401);
  });

  it('closes the store subscription when the client goes away, and reports lag while open', async () => {
    const bridge = await start();
    await append(bridge, 's', 'A', 'B');
    const reader = await openEventStream(bridge);
    expect(await take(reader, 2)).toEqual([1, 2]);
    expect(await scrape(bridge, 'sse_subscriptions')).toBe(1);
    expect(await scrape(bridge, 'sse_subscription_lag_events')).toBe(0);
    reader.close();
    await expect.poll(() => scrape(bridge, 'sse_subscriptions'), { timeout: 5000 }).toBe(0);
  });

  it('delivers everything, in order, to a client that reads slowly (backpressure)', async () => {
    const bridge = await start({ bodyLimitBytes: 8 * 1024 * 1024 });
    const big = 'x'.repeat(16 * 1024);
    const batches = 8;
    for (let batch = 0; batch < batches; batch++) {
      const events = Array.from({ length: 100 }, (_, index) => ({
        type: 'Big',
        data: { index, big },
      }));
      expect(
        (await bridge.call('POST', '/v1/streams/big/events', { body: { events } })).status,
      ).toBe(200);
    }
    const reader = await openEventStream(bridge);
    // Nothing read yet: the server fills the socket and must wait for 'drain'.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const positions = await take(reader, batches * 100);
    expect(positions).toEqual(Array.from({ length: batches * 100 }, (_, index) => index + 1));
    reader.close();
  });

  it('is ended by a graceful shutdown', async () => {
    const bridge = await start();
    await append(bridge, 's', 'A');
    const reader = await openEventStream(bridge);
    expect(await take(reader, 1)).toEqual([1]);
    await bridge.close();
    await reader.ended();
  });

  it('does not let a client that stopped reading hold up shutdown', async () => {
    const bridge = await start({ bodyLimitBytes: 16 * 1024 * 1024 });
    const events = Array.from({ length: 400 }, (_, index) => ({
      type: 'Big',
      data: { index, big: 'x'.repeat(32 * 1024) },
    }));
    expect((await bridge.call('POST', '/v1/streams/big/events', { body: { events } })).status).toBe(
      200,
    );
    const reader = await openEventStream(bridge);
    await expect.poll(() => scrape(bridge, 'sse_subscription_lag_events')).toBeLessThan(400);
    await bridge.close();
    reader.close();
  });

  it('sends heartbeat comments while idle', async () => {
    const dataDir = tempDir();
    const store = await openSqliteStore({ dataDir });
    const agents = await openAgents({ store, dataDir });
    const app = await buildApp({ store, agents, logLevel: 'silent', heartbeatMs: 10 });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const abort = new AbortController();
      const response = await fetch(`${url}/v1/events/stream`, {
        headers: { authorization: `Bearer ${agents.adminToken.token}` },
        signal: abort.signal,
      });
      const reader = response.body?.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (reader && !text.includes(': heartbeat\n\n')) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value);
      }
      expect(text).toMatch(/^: connected\n\n(: heartbeat\n\n)+$/);
      abort.abort();
    } finally {
      await app.close();
      agents.close();
      await store.close();
    }
  });
});

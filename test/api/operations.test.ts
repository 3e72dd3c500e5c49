import { describe, expect, it } from 'vitest';
import { BRIDGE_VERSION } from '../../src/api/version.js';
import { openSqliteStore } from '../../src/events/sqlite/sqlite-store.js';
import type { EventStore } from '../../src/events/store.js';
import { useTempDirs } from '../support/temp-dir.js';
import { appendBody, useBridges } from './harness.js';

const start = useBridges();
const tempDir = useTempDirs();

describe('health, readiness and errors', () => {
  it('GET /health answers without a token', async () => {
    const bridge = await start();
    const answer = await bridge.call('GET', '/health', { token: null });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: 'ok',
      version: BRIDGE_VERSION,
      uptimeSeconds: expect.any(Number),
    });
  });

  it('GET /ready is 200 when the store is open and the registry loaded, 503 once the store is closed', async () => {
    const bridge = await start();
    expect((await bridge.call('GET', '/ready', { token: null })).status).toBe(401);
    expect(await bridge.call('GET', '/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready' },
    });
    await bridge.store.close();
    const answer = await bridge.call('GET', '/ready');
    expect(answer.status).toBe(503);
    expect(answer.body.error).toEqual({ code: 'not_ready', message: 'not ready: store' });
    const append = await bridge.call('POST', '/v1/streams/s/events', { body: appendBody('A') });
    expect(append).toMatchObject({ status: 503, body: { error: { code: 'store_closed' } } });
  });

  it.each([
    ['an unknown path', 'GET', '/v2/nothing', undefined],
    ['an unknown method', 'PATCH', '/v1/agents', undefined],
    ['without a token', 'GET', '/nowhere', null],
  ])('answers %s with a JSON 404', async (_name, method, path, token) => {
    const bridge = await start();
    const answer = await bridge.call(method, path, { token });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not_found');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const bridge = await start();
    const answer = await bridge.call('POST', '/v1/streams/s/events', {
      rawBody: 'events=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(415);
    expect(answer.body.error.code).toBe('unsupported_media_type');
    expect(await bridge.head()).toBe(0);
  });
});

describe('metrics', () => {
  it('serves Prometheus text with process, request, append and subscription metrics', async () => {
    const bridge = await start();
    await bridge.call('POST', '/v1/streams/orders-1/events', { body: appendBody('A', 'B') });
    await bridge.call('POST', '/v1/streams/orders-2/events', { body: appendBody('A') });
    const answer = await bridge.call('GET', '/metrics', { token: null });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = answer.body as string;
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/v1\/streams\/:streamId\/events",status_code="200"\} 2/,
    );
    expect(text).not.toContain('orders-1');
    expect(text).toMatch(/event_append_batch_events_sum [1-9]/);
    expect(text).toMatch(/event_append_duration_seconds_count [1-9]/);
    expect(text).toMatch(/event_append_batch_appends_count [1-9]/);
    expect(text).toMatch(/^sse_subscriptions 0$/m);
    expect(text).toMatch(/^sse_subscription_lag_events 0$/m);
  });

  it('can require a token', async () => {
    const bridge = await start({ metricsPublic: false });
    expect((await bridge.call('GET', '/metrics', { token: null })).status).toBe(401);
    const observer = await bridge.tokenFor('olga', 'observer');
    expect((await bridge.call('GET', '/metrics', { token: observer })).status).toBe(200);
  });

  it('keeps one registry per bridge', async () => {
    const first = await start();
    const second = await start();
    await first.call('GET', '/health');
    const text = (await second.call('GET', '/metrics', { token: null })).body as string;
    expect(text).not.toMatch(/route="\/health"/);
  });
});

describe('graceful shutdown', () => {
  /** A store whose appends to the stream `slow` wait until released. */
  function gatedStore(dataDir: string) {
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const open = async (observer: Parameters<typeof openSqliteStore>[0]['observer']) => {
      const store = await openSqliteStore({ dataDir, observer });
      const append: EventStore['appendToStream'] = async (streamId, events, options) => {
        if (streamId === 'slow') {
          entered();
          await gate;
        }
        return store.appendToStream(streamId, events, options);
      };
      return new Proxy(store, {
        get: (target, key) => {
          if (key === 'appendToStream') return append;
          const value = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
    return { open, inside, release: () => release() };
  }

  it('lets an append in flight finish, refuses new work, then closes the store', async () => {
    const dataDir = tempDir();
    const gated = gatedStore(dataDir);
    const bridge = await start({ dataDir, openStore: gated.open });
    await bridge.call('GET', '/health');
    const inFlight = bridge.call('POST', '/v1/streams/slow/events', { body: appendBody('A') });
    await gated.inside;
    const closing = bridge.close();
    await expect(fetch(`${bridge.url}/health`)).rejects.toThrow();
    gated.release();
    expect(await inFlight).toMatchObject({ status: 200, body: { position: 1, nextRevision: 1 } });
    await closing;
    await expect(bridge.store.headPosition()).rejects.toMatchObject({ code: 'store_closed' });
    const reopened = await openSqliteStore({ dataDir });
    expect(await reopened.headPosition()).toBe(1);
    await reopened.close();
  });
});

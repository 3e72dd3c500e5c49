import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { UNFINISHED } from '../../bench/lib/agent-connections.js';
import { TIMEOUT } from '../../bench/lib/http1-connection.js';
import {
  noopHandler,
  type RunningServer,
  startHttpServer,
  startNoopServer,
} from '../../bench/lib/noop-server.js';
import { openLoopRow, runOpenLoop } from '../../bench/lib/open-loop.js';
import { judge } from '../../bench/lib/report.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(handler?: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = await (handler ? startHttpServer(handler) : startNoopServer());
  servers.push(server);
  return server;
}

// A lag bound of a minute: how busy the machine is must not decide these tests.
const small = {
  agents: 2,
  ratePerAgent: 100,
  durationMs: 500,
  warmupMs: 100,
  maxSendLagP99Us: 60_000_000,
};

describe('runOpenLoop', () => {
  it('sends each agent its share of calls on its own connection, with its own headers and bodies', async () => {
    const seen: { agent: string | undefined; body: string }[] = [];
    const server = await serve((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        seen.push({ agent: request.headers.authorization, body });
        response.end('{}');
      });
    });
    const result = await runOpenLoop({
      ...small,
      url: `${server.url}/v1/hooks?x=1`,
      headers: (agent) => ({ authorization: `Bearer agent-${agent}` }),
      body: (agent, seq) => JSON.stringify({ agent, seq }),
    });

    expect(result.expectedCalls).toBe(100);
    // Random phases shift each agent's count in the window by at most one call.
    expect(Math.abs(result.sentCalls - 100)).toBeLessThanOrEqual(2);
    expect(result.errorCount).toBe(0);
    expect(result.latency.count).toBe(result.sentCalls);
    expect(result.sendLag.count).toBe(result.sentCalls);
    expect(result.connectionsOpened).toBe(2);
    expect(result.achievedPerSecond).toBeCloseTo(result.sentCalls / 0.5);

    for (const agent of [0, 1]) {
      const bodies = seen
        .filter((call) => call.agent === `Bearer agent-${agent}`)
        .map((call) => JSON.parse(call.body));
      expect(bodies.every((body) => body.agent === agent)).toBe(true);
      expect(bodies.map((body) => body.seq)).toEqual(bodies.map((_, index) => index));
    }
    expect(openLoopRow('noop', result).invalidReason).toBeUndefined();
  });

  it('counts non-2xx answers as errors by status, outside the latency figures', async () => {
    let requests = 0;
    const server = await serve((request, response) => {
      requests++;
      if (requests % 3 === 0) {
        request.resume();
        response.writeHead(500).end();
      } else noopHandler(request, response);
    });
    const result = await runOpenLoop({ ...small, url: server.url });

    expect(Object.keys(result.errorsByKind)).toEqual(['http_500']);
    expect(Math.abs(result.errorCount - result.sentCalls / 3)).toBeLessThanOrEqual(2);
    expect(result.latency.count + result.errorCount).toBe(result.sentCalls);
    const row = openLoopRow('half broken', result, { p99MaxUs: 60_000_000, maxErrors: 0 });
    expect(judge(row)).toBe('MISSED');
    expect(row.notes?.join('\n')).toContain('http_500');
  });

  it('stops on its own when answers never come: they end as errors after the timeout', async () => {
    let requests = 0;
    const server = await serve((request, response) => {
      // Answer the calls that open the connections, then never again.
      if (++requests <= 2) noopHandler(request, response);
    });
    const result = await runOpenLoop({
      ...small,
      durationMs: 300,
      warmupMs: 0,
      timeoutMs: 300,
      url: server.url,
    });
    expect(result.latency.count).toBe(0);
    expect(result.errorCount).toBe(result.sentCalls);
    expect(result.sentCalls).toBeGreaterThan(0);
    for (const kind of Object.keys(result.errorsByKind)) {
      expect([TIMEOUT, UNFINISHED]).toContain(kind);
    }
  });

  it('voids the figures when the generator fell behind', async () => {
    const server = await serve();
    const result = await runOpenLoop({
      ...small,
      durationMs: 100,
      url: server.url,
      maxSendLagP99Us: 1e-6,
    });
    expect(result.generatorKeptUp).toBe(false);
    const row = openLoopRow('noop', result, { p99MaxUs: 60_000_000 });
    expect(row.invalidReason).toContain('load generator fell behind');
    expect(judge(row)).toBe('INVALID');
  });

  it.each([
    { url: 'http://192.168.1.20:8765/', code: 'non_loopback_target' },
    { url: 'https://127.0.0.1:8765/', code: 'invalid_input' },
  ])('refuses $url', async ({ url, code }) => {
    await expect(runOpenLoop({ ...small, url })).rejects.toMatchObject({ code });
  });

  it('fails clearly when nothing listens', async () => {
    const server = await serve();
    await servers.pop()?.close();
    await expect(runOpenLoop({ ...small, url: server.url })).rejects.toMatchObject({
      code: 'connection_failed',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it.each([
    { agents: 0, ratePerAgent: 1, durationMs: 100 },
    { agents: 1.5, ratePerAgent: 1, durationMs: 100 },
    { agents: 1, ratePerAgent: 0, durationMs: 100 },
    { agents: 1, ratePerAgent: 1, durationMs: -1 },
  ])('refuses options %o', async (options) => {
    await expect(runOpenLoop({ ...options, url: 'http://127.0.0.1:9/' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});

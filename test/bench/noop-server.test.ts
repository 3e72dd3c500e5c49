import { describe, expect, it } from 'vitest';
import { spawnNoopServer, startNoopServer } from '../../bench/lib/noop-server.js';

describe.each([
  { where: 'in this process', start: startNoopServer },
  { where: 'in a child process', start: spawnNoopServer },
])('the noop server $where', ({ start }) => {
  it('reads the body and answers a small fixed JSON on loopback, then stops', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/anything`, {
      method: 'POST',
      body: 'x'.repeat(100_000),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true });
    await server.close();
    await expect(fetch(server.url)).rejects.toThrow();
  });
});

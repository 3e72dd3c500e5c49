import { afterEach, describe, expect, it } from 'vitest';
import { runClosedLoop, saturationRow } from '../../bench/lib/closed-loop.js';
import { type RunningServer, startNoopServer } from '../../bench/lib/noop-server.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('runClosedLoop', () => {
  it('drives every connection back to back and reports throughput and latency', async () => {
    server = await startNoopServer();
    const result = await runClosedLoop({
      url: server.url,
      connections: 4,
      durationMs: 300,
      warmupMs: 50,
      body: (connection, seq) => JSON.stringify({ connection, seq }),
    });
    expect(result.completed).toBeGreaterThan(0);
    expect(result.latency.count).toBe(result.completed);
    expect(result.perSecond).toBeGreaterThan(0);
    expect(result.errorCount).toBe(0);

    const row = saturationRow('noop', result);
    expect(row.name).toBe('noop [saturation]');
    expect(row.notes?.[0]).toContain('latency here is mostly queueing');
  });

  it('refuses a non-loopback target', async () => {
    await expect(
      runClosedLoop({ url: 'http://10.1.2.3/', connections: 1, durationMs: 100 }),
    ).rejects.toMatchObject({ code: 'non_loopback_target' });
  });
});

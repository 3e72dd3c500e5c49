import { describe, expect, it } from 'vitest';
import { BridgeClient, BridgeClientError } from '../../src/client/index.js';
import type { EventEnvelope } from '../../src/events/envelope.js';
import { useBridges } from '../support/bridge.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const startBridge = useBridges();

async function take(feed: AsyncIterator<EventEnvelope>, count: number): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  while (events.length < count) {
    const next = await feed.next();
    if (next.done) break;
    events.push(next.value);
  }
  return events;
}

describe('BridgeClient', () => {
  it('registers an agent, appends as that agent and reads back', async () => {
    const bridge = await startBridge(tempDir());
    const admin = new BridgeClient({ url: bridge.url, token: bridge.adminToken });
    const credentials = await admin.registerAgent({ name: 'builder-1', role: 'builder' });
    const agent = new BridgeClient({ url: bridge.url, token: credentials.token });
    try {
      expect(await agent.health()).toMatchObject({ status: 'ok' });
      const result = await agent.appendToStream(
        'notes',
        [{ type: 'Noted', data: { text: 'hi' } }],
        {
          expectedRevision: 'no_stream',
        },
      );
      expect(result.nextRevision).toBe(1);
      const page = await agent.readStream('notes');
      expect(page.events[0]).toMatchObject({
        type: 'Noted',
        metadata: { agentId: credentials.agentId },
      });
      const all = await agent.readAll({ types: ['Noted'] });
      expect(all.events.map((e) => e.position)).toEqual([result.position]);
      expect((await admin.listAgents()).map((a) => a.name)).toEqual(['builder-1']);
    } finally {
      await admin.close();
      await agent.close();
    }
  });

  it('turns error answers into BridgeClientError with the bridge code', async () => {
    const bridge = await startBridge(tempDir());
    const client = new BridgeClient({ url: bridge.url, token: bridge.adminToken });
    await client.appendToStream('s', [{ type: 'A', data: 1 }]);
    const conflict = client.appendToStream('s', [{ type: 'A', data: 2 }], {
      expectedRevision: 'no_stream',
    });
    await expect(conflict).rejects.toMatchObject({ status: 409, code: 'wrong_expected_revision' });
    const stranger = new BridgeClient({ url: bridge.url, token: 'lhb_nobody_nothing' });
    await expect(stranger.readAll()).rejects.toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    await client.close();
    await stranger.close();
  });

  it('says clearly when the bridge cannot be reached', async () => {
    const client = new BridgeClient({ url: 'http://127.0.0.1:9' });
    const error = await client.health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeClientError);
    expect(error).toMatchObject({ status: 0, code: 'unreachable' });
    await client.close();
  });

  it('resumes a subscription across a bridge restart with no gap and no duplicate', async () => {
    const dataDir = tempDir();
    const first = await startBridge(dataDir);
    const port = Number(new URL(first.url).port);
    const client = new BridgeClient({ url: first.url, token: first.adminToken });
    for (let n = 0; n < 5; n++)
      await client.appendToStream('log-a', [{ type: 'Logged', data: { n } }]);
    const feed = client.subscribe({ streamPrefix: 'log-' }, { maxBackoffMs: 100 });
    const iterator = feed[Symbol.asyncIterator]();
    const before = await take(iterator, 5);
    await first.close();
    const second = await startBridge(dataDir, port);
    const writer = new BridgeClient({ url: second.url, token: second.adminToken });
    for (let n = 5; n < 10; n++)
      await writer.appendToStream('log-b', [{ type: 'Logged', data: { n } }]);
    const after = await take(iterator, 5);
    expect([...before, ...after].map((e) => (e.data as { n: number }).n)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    feed.close();
    await client.close();
    await writer.close();
  });

  it('ends a subscription with the error when the bridge refuses it', async () => {
    const bridge = await startBridge(tempDir());
    const client = new BridgeClient({ url: bridge.url, token: 'lhb_nobody_nothing' });
    const iterator = client.subscribe()[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ status: 401 });
    await client.close();
  });
});

import type { Cleanup } from '../events/cleanup.js';
import { measureFsyncFloor } from '../lib/fsync-floor.js';
import { spawnNoopServer } from '../lib/noop-server.js';
import { runOpenLoop } from '../lib/open-loop.js';
import type { LoadFloors } from './coordination-load.js';
import { MESSAGE_BODY } from './message-delivery.js';
import type { CoordinationBenchPlan } from './plan.js';

/**
 * The floors of the load sections, measured before the bridge starts: an fdatasync on the disk of
 * `dataDir` (every message is durable before it is answered or delivered) and a do-nothing server
 * in its own process taking the direct messages' POSTs at their rate, open loop.
 */
export async function measureLoadFloors(
  plan: CoordinationBenchPlan,
  cleanup: Cleanup,
  dataDir: string,
): Promise<LoadFloors> {
  const fsync = measureFsyncFloor(dataDir, { samples: plan.fsyncSamples });
  const server = await spawnNoopServer();
  const stop = cleanup.add(() => server.close());
  const body = JSON.stringify({ to: 'feed-agent-0', subject: 'bench floor', body: MESSAGE_BODY });
  const noop = await runOpenLoop({
    url: `${server.url}/v1/messages`,
    agents: plan.senders,
    ratePerAgent: plan.messagesPerSecond / plan.senders,
    warmupMs: plan.warmupMs,
    durationMs: plan.windowMs,
    maxSendLagP99Us: plan.maxSendLagP99Us,
    headers: (sender) => ({ authorization: `Bearer floor-sender-${sender}` }),
    body: () => body,
  });
  await stop();
  return { fsync, fsyncDir: 'the bridge’s data directory', noop };
}

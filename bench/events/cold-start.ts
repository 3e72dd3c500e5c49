import { timeNodeStartFloor } from '../lib/process-timer.js';
import { LatencyRecorder } from '../lib/stats.js';
import { type BridgeProcess, spawnBridge } from './bridge-process.js';
import { type BenchContext, TARGETS } from './context.js';
import { waitUntilReady } from './ready-probe.js';

const NODE_FLOOR_RUNS = 20;
const READY_POLL_MS = 2;

/**
 * Item 6: starts the bridge on the seeded data directory several times and times spawn →
 * first 200 from `GET /ready`, beside a bare `node -e ''`. The last bridge is left running
 * (and returned) for the measurements that need a bridge on the big log.
 */
export async function runColdStart(
  context: BenchContext,
  dataDir: string,
  adminToken: string,
  events: number,
): Promise<BridgeProcess> {
  const { report, plan, cleanup } = context;
  report.section(`cold start on ${events.toLocaleString('en-US')} events: spawn → GET /ready 200`);
  report.add({
    name: "floor: bare node -e ''",
    latency: await timeNodeStartFloor(NODE_FLOOR_RUNS),
    notes: ['spawn to exit of a Node process that does nothing (toolkit process timer)'],
  });
  const recorder = new LatencyRecorder();
  let bridge: BridgeProcess | undefined;
  for (let run = 0; run < plan.coldStartRuns; run++) {
    await bridge?.stop();
    bridge = await spawnBridge({ dataDir, adminToken, cleanup });
    const readyUs = await waitUntilReady(bridge.url, adminToken, { pollMs: READY_POLL_MS });
    recorder.recordUs(readyUs - bridge.spawnedUs);
  }
  report.add({
    name: 'bridge cold start',
    latency: recorder.summary(),
    target: TARGETS.coldStart,
    notes: [
      `${plan.coldStartRuns} starts one after another, /ready polled every ${READY_POLL_MS} ms ` +
        'once the bridge printed its port; the OS page cache holds the database (it was just written)',
    ],
  });
  return bridge as BridgeProcess;
}

import { spawnNoopServer } from '../lib/noop-server.js';
import { openLoopRow, runOpenLoop } from '../lib/open-loop.js';
import { LatencyRecorder, type LatencySummary } from '../lib/stats.js';
import type { BridgeProcess } from './bridge-process.js';
import { type BenchContext, fsyncFloorRow, TARGETS } from './context.js';
import { type Delivery, runDeliveries } from './delivery-run.js';

const NOOP_FLOOR_WINDOW_MS = 3000;

/**
 * Item 7: append → SSE delivery latency over HTTP: the consumer's receive time minus the
 * writer's send time, and minus the writer's acknowledgement, beside the fdatasync floor and a
 * do-nothing server's round trip at the same rate.
 */
export async function runSseDelivery(
  context: BenchContext,
  bridge: BridgeProcess,
  adminToken: string,
  fsyncFloor: LatencySummary,
): Promise<void> {
  const { report, plan, cleanup } = context;
  const perSecond = plan.sseRatePerSecond;
  report.section(`append → SSE delivery over HTTP, one writer at ${perSecond}/s`);
  report.add(fsyncFloorRow(fsyncFloor, 'the data directory'));
  const noop = await spawnNoopServer();
  const closeNoop = cleanup.add(() => noop.close());
  const roundTrip = await runOpenLoop({
    url: `${noop.url}/`,
    agents: 1,
    ratePerAgent: perSecond,
    warmupMs: plan.sseWarmupMs,
    durationMs: Math.min(plan.sseWindowMs, NOOP_FLOOR_WINDOW_MS),
  });
  await closeNoop();
  const floorRow = openLoopRow(`floor: noop server round trip at ${perSecond}/s`, roundTrip);
  floorRow.notes?.push('latency counted from when each call was due, so it includes the send lag');
  report.add(floorRow);

  const deliveries = await runDeliveries({
    url: bridge.url,
    token: adminToken,
    perSecond,
    warmupMs: plan.sseWarmupMs,
    windowMs: plan.sseWindowMs,
    cleanup,
  });
  const figures = summarize(deliveries);
  const window = `${deliveries.length} events over ${plan.sseWindowMs} ms after ${plan.sseWarmupMs} ms unmeasured`;
  report.add({
    name: 'append acknowledged (send → HTTP answer)',
    latency: figures.acknowledged,
    errors: figures.failed,
    notes: [`the writer's POST /v1/streams/…/events round trip, ${window}`],
  });
  report.add({
    name: 'append → SSE receive (from send)',
    latency: figures.fromSend,
    errors: figures.missing,
    target: TARGETS.sseDelivery,
    notes: [
      `consumer receive time − send time carried in the event (same process, same clock); ${window}`,
      'errors: measured events never received (failed appends included)',
    ],
  });
  report.add({
    name: 'append → SSE receive (from acknowledgement)',
    latency: figures.fromAck,
    notes: ['receive time − the writer seeing its HTTP answer; negative when the event came first'],
  });
}

function summarize(deliveries: Delivery[]) {
  const acknowledged = new LatencyRecorder();
  const fromSend = new LatencyRecorder();
  const fromAck = new LatencyRecorder();
  let missing = 0;
  let failed = 0;
  for (const { sentUs, ackUs, receivedUs, appendFailed } of deliveries) {
    if (appendFailed) failed++;
    if (ackUs !== undefined) acknowledged.recordUs(ackUs - sentUs);
    if (receivedUs === undefined) missing++;
    else fromSend.recordUs(receivedUs - sentUs);
    if (ackUs !== undefined && receivedUs !== undefined) fromAck.recordUs(receivedUs - ackUs);
  }
  return {
    acknowledged: acknowledged.summary(),
    fromSend: fromSend.summary(),
    fromAck: fromAck.summary(),
    missing,
    failed,
  };
}

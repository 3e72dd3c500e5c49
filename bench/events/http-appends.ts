import { runClosedLoop, saturationRow } from '../lib/closed-loop.js';
import { spawnNoopServer } from '../lib/noop-server.js';
import type { ResultRow } from '../lib/report.js';
import { benchAdminToken, spawnBridge } from './bridge-process.js';
import { type BenchContext, counted } from './context.js';
import { waitUntilReady } from './ready-probe.js';
import { sampleEvent } from './sample-event.js';

/**
 * The toolkit's load target has one URL for every connection, so the connections of a row all
 * append to one stream (with expectedRevision any) rather than one stream each.
 */
const SHARED_STREAM_NOTE =
  'all connections of the row append to one stream (expectedRevision any): the closed-loop ' +
  'toolkit sends every connection to the same URL';

/** Item 4: appends over HTTP to a bridge in its own process, beside a do-nothing server. */
export async function runHttpAppends(context: BenchContext, dataDir: string): Promise<void> {
  const { report, plan, cleanup } = context;
  const adminToken = benchAdminToken();
  const bridge = await spawnBridge({ dataDir, adminToken, cleanup });
  await waitUntilReady(bridge.url, adminToken);
  const noop = await spawnNoopServer();
  const closeNoop = cleanup.add(() => noop.close());

  report.section('durable append over HTTP (bridge in its own process) vs a do-nothing server');
  for (const connections of plan.writerCounts) {
    const path = `/v1/streams/http-${connections}/events`;
    const load = {
      connections,
      warmupMs: plan.httpWarmupMs,
      durationMs: plan.httpWindowMs,
      headers: () => ({ authorization: `Bearer ${adminToken}` }),
      body: (agent: number, seq: number) =>
        JSON.stringify({
          expectedRevision: 'any',
          events: [sampleEvent({ seq, correlationId: `http-${agent}-${seq >> 3}` })],
        }),
    };
    const result = await runClosedLoop({ ...load, url: `${bridge.url}${path}` });
    report.add(withNote(saturationRow(`bridge, ${counted(connections, 'connection')}`, result)));
    const floor = await runClosedLoop({ ...load, url: `${noop.url}${path}` });
    report.add(saturationRow(`floor: noop server, ${counted(connections, 'connection')}`, floor));
  }
  await closeNoop();
  await bridge.stop();
}

function withNote(row: ResultRow): ResultRow {
  return { ...row, notes: [...(row.notes ?? []), SHARED_STREAM_NOTE] };
}

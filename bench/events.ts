import { benchAdminToken } from './events/bridge-process.js';
import { Cleanup } from './events/cleanup.js';
import { runColdStart } from './events/cold-start.js';
import { type BenchContext, fsyncFloorRow } from './events/context.js';
import { runHttpAppends } from './events/http-appends.js';
import { runInProcessAppends } from './events/in-process-appends.js';
import { residentMemoryFloorRow, residentMemoryRow } from './events/memory-rows.js';
import { planFromArgs } from './events/plan.js';
import { bareNodeResidentBytes, residentBytes } from './events/process-memory.js';
import { runSeededReads } from './events/seeded-reads.js';
import { runSseDelivery } from './events/sse-delivery.js';
import { finishBench, runBench } from './lib/bench-cli.js';
import { measureFsyncFloor } from './lib/fsync-floor.js';
import { BenchReport } from './lib/report.js';

const COMMAND = 'npm run bench:events';

/**
 * The event store benchmark (issue 2, section 7): durable appends in process and over HTTP,
 * filtered reads, cold start and memory on a seeded log, and append → SSE delivery, each beside
 * the floor it cannot beat, measured in the same run.
 */
async function main(): Promise<void> {
  const plan = planFromArgs(process.argv.slice(2));
  const cleanup = new Cleanup();
  cleanup.cleanUpOnExit();
  const report = new BenchReport(plan.quick ? 'events (--quick: smaller run)' : 'events');
  const context: BenchContext = { report, plan, cleanup, details: {} };
  try {
    const appendsDir = cleanup.tempDir('appends');
    report.section('floor: durable write on the data directory’s disk');
    const fsyncFloor = measureFsyncFloor(appendsDir, { samples: plan.fsyncSamples });
    report.add(fsyncFloorRow(fsyncFloor, appendsDir));

    await runInProcessAppends(context, appendsDir, fsyncFloor);
    await runHttpAppends(context, cleanup.tempDir('http'));

    const seededDir = cleanup.tempDir('seeded');
    await runSeededReads(context, seededDir);
    const adminToken = benchAdminToken();
    const bridge = await runColdStart(context, seededDir, adminToken, plan.seedEvents);
    const afterColdStart = residentBytes(bridge.pid);
    await runSseDelivery(context, bridge, adminToken, fsyncFloor);
    const afterSse = residentBytes(bridge.pid);
    await bridge.stop();

    const events = plan.seedEvents.toLocaleString('en-US');
    report.section(`memory of the bridge process on ${events} events`);
    report.add(residentMemoryFloorRow(await bareNodeResidentBytes()));
    report.add(residentMemoryRow('bridge RSS after cold start', afterColdStart));
    report.add(residentMemoryRow('bridge RSS after the SSE test', afterSse));
    context.details.residentBytes = { afterColdStart, afterSse };

    finishBench(report, plan, COMMAND, { plan, ...context.details });
  } finally {
    const failures = await cleanup.runAll();
    for (const failure of failures) process.stderr.write(`cleanup: ${failure}\n`);
  }
}

runBench('bench:events', main);

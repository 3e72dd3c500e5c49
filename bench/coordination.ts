import { runBroadcastDelivery } from './coordination/broadcast-delivery.js';
import { CoordinationLoad } from './coordination/coordination-load.js';
import { runLeaseCost } from './coordination/lease-cost.js';
import { measureLoadFloors } from './coordination/load-floors.js';
import { runMessageDelivery } from './coordination/message-delivery.js';
import { planFromArgs } from './coordination/plan.js';
import { runQuestionRoundTrip } from './coordination/question-round-trip.js';
import { benchAdminToken, spawnBridge } from './events/bridge-process.js';
import { Cleanup } from './events/cleanup.js';
import { formatMiB, residentBytes } from './events/process-memory.js';
import { waitUntilReady } from './events/ready-probe.js';
import { finishBench, runBench } from './lib/bench-cli.js';
import { BenchReport } from './lib/report.js';

const COMMAND = 'npm run bench:coordination';

/**
 * The coordination benchmark (issue 9): send → delivered on the recipient's feed with 100 and
 * 1000 connected agents, broadcasts, the question round trip, and the cost a lease check adds
 * to a guard decision, each beside the floor it cannot beat.
 */
async function main(): Promise<void> {
  const plan = planFromArgs(process.argv.slice(2));
  const cleanup = new Cleanup();
  cleanup.cleanUpOnExit();
  const report = new BenchReport(
    plan.quick ? 'coordination (--quick: smaller run)' : 'coordination',
  );
  try {
    const leases = await runLeaseCost(report, plan, cleanup);

    const dataDir = cleanup.tempDir('coordination');
    const floors = await measureLoadFloors(plan, cleanup, dataDir);
    const adminToken = benchAdminToken();
    const bridge = await spawnBridge({ dataDir, adminToken, cleanup });
    await waitUntilReady(bridge.url, adminToken);
    const load = await CoordinationLoad.open({ report, plan, cleanup, bridge, adminToken, floors });
    const messages: Record<string, unknown> = {};
    for (const agents of plan.agentCounts) {
      messages[agents] = await runMessageDelivery(load, agents);
    }
    const broadcasts = await runBroadcastDelivery(load);
    const questions = await runQuestionRoundTrip(load);
    const rssBytes = residentBytes(bridge.pid);
    report.section('memory of the bridge process');
    report.add({
      name: `bridge RSS with ${load.feedsOpen} feeds open: ${formatMiB(rssBytes)}`,
      notes: ['VmRSS from /proc/<pid>/status after the runs above'],
    });
    await bridge.stop();

    finishBench(report, plan, COMMAND, {
      plan,
      leases,
      floors,
      messages,
      broadcasts,
      questions,
      rssBytes,
    });
  } finally {
    const failures = await cleanup.runAll();
    for (const failure of failures) process.stderr.write(`cleanup: ${failure}\n`);
  }
}

runBench('bench:coordination', main);

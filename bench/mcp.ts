import { benchAdminToken, spawnBridge } from './events/bridge-process.js';
import { Cleanup } from './events/cleanup.js';
import { fsyncFloorRow } from './events/context.js';
import { residentBytes } from './events/process-memory.js';
import { waitUntilReady } from './events/ready-probe.js';
import { registerAgents } from './guard/agent-tokens.js';
import { finishBench, runBench } from './lib/bench-cli.js';
import { measureFsyncFloor } from './lib/fsync-floor.js';
import { spawnNoopServer } from './lib/noop-server.js';
import { BenchReport } from './lib/report.js';
import { BRIDGE_STATUS, sendMessageTool } from './mcp/bench-tools.js';
import { runClosedLoops } from './mcp/closed-loops.js';
import { McpClients } from './mcp/mcp-clients.js';
import { SESSION_REVISION } from './mcp/mcp-load.js';
import { reportBridgeRss } from './mcp/memory-rows.js';
import { runOpenLoops } from './mcp/open-loops.js';
import { planFromArgs } from './mcp/plan.js';
import { runWithoutSdk } from './mcp/without-sdk.js';

const COMMAND = 'npm run bench:mcp';
const FSYNC_SAMPLES = 300;

/**
 * The MCP benchmark: tool-call round trips over Streamable HTTP with the official v2 client, one
 * and many concurrent clients, a read-only tool and one that appends to the log, back to back and
 * at a fixed rate, each beside the same load on a do-nothing server; the same session's calls
 * without a client SDK, to show where a round trip goes; then the bridge's RSS.
 */
async function main(): Promise<void> {
  const plan = planFromArgs(process.argv.slice(2));
  const cleanup = new Cleanup();
  cleanup.cleanUpOnExit();
  const report = new BenchReport(plan.quick ? 'mcp (--quick: smaller run)' : 'mcp');
  try {
    const dataDir = cleanup.tempDir('mcp');
    report.section('floors');
    const fsync = measureFsyncFloor(dataDir, { samples: FSYNC_SAMPLES });
    report.add(fsyncFloorRow(fsync, 'the bridge’s data directory'));
    const noop = await spawnNoopServer();
    cleanup.add(() => noop.close());

    const adminToken = benchAdminToken();
    const bridge = await spawnBridge({ dataDir, adminToken, cleanup });
    await waitUntilReady(bridge.url, adminToken);
    const maxClients = Math.max(...plan.loads.map((load) => load.clients));
    const tokens = await registerAgents(bridge.url, adminToken, maxClients, 'mcp-client');
    await registerAgents(bridge.url, adminToken, maxClients, 'mcp-recipient');
    const beforeMcp = residentBytes(bridge.pid);
    const clients = await McpClients.open(bridge.url, tokens, SESSION_REVISION);
    cleanup.add(() => clients.close());
    await clients.callEachOnce(BRIDGE_STATUS.call(0, 0));
    const sessionsOpen = residentBytes(bridge.pid);
    const load = {
      report,
      plan,
      bridgeUrl: bridge.url,
      bridgePid: bridge.pid,
      noopUrl: noop.url,
      tokens,
      clients,
      tools: [BRIDGE_STATUS, sendMessageTool((client) => `mcp-recipient-${client}`)],
    };

    const closedLoops = await runClosedLoops(load);
    const withoutSdk = await runWithoutSdk(load);
    const openLoops = await runOpenLoops(load);
    const rss = { beforeMcp, sessionsOpen, afterRuns: residentBytes(bridge.pid) };
    await reportBridgeRss(report, rss, maxClients);
    await clients.close();
    await bridge.stop();

    finishBench(report, plan, COMMAND, {
      plan,
      fsync,
      closedLoops,
      withoutSdk,
      openLoops,
      rss,
    });
  } finally {
    const failures = await cleanup.runAll();
    for (const failure of failures) process.stderr.write(`cleanup: ${failure}\n`);
  }
}

runBench('bench:mcp', main);

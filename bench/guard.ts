import { benchAdminToken, spawnBridge } from './events/bridge-process.js';
import { Cleanup } from './events/cleanup.js';
import { waitUntilReady } from './events/ready-probe.js';
import { registerAgents } from './guard/agent-tokens.js';
import { runHookLoad } from './guard/hook-load.js';
import { runHookProcess } from './guard/hook-process.js';
import { runInProcessDecisions } from './guard/in-process-decisions.js';
import { planFromArgs } from './guard/plan.js';
import { finishBench, runBench } from './lib/bench-cli.js';
import { BenchReport } from './lib/report.js';

const COMMAND = 'npm run bench:guard';

/**
 * The guard benchmark (issue 3, section 8): guard.decide in process, the PreToolUse hook endpoint
 * under open-loop load beside a do-nothing server, saturation and RSS, and the hook command as
 * a whole process beside a bare node start.
 */
async function main(): Promise<void> {
  const plan = planFromArgs(process.argv.slice(2));
  const cleanup = new Cleanup();
  cleanup.cleanUpOnExit();
  const report = new BenchReport(plan.quick ? 'guard (--quick: smaller run)' : 'guard');
  try {
    const home = cleanup.tempDir('guard-home');
    // The bridge runs in its data directory and takes it as the project root, so the agents'
    // working directory is that directory too.
    const projectRoot = cleanup.tempDir('guard-project');
    const inProcess = runInProcessDecisions(report, plan, projectRoot, home);

    const adminToken = benchAdminToken();
    const bridge = await spawnBridge({ dataDir: projectRoot, adminToken, cleanup });
    await waitUntilReady(bridge.url, adminToken);
    const hookLoad = await runHookLoad(report, plan, cleanup, bridge, adminToken, projectRoot);
    const [processToken] = await registerAgents(bridge.url, adminToken, 1, 'hook-process-agent');
    await runHookProcess(report, plan, bridge, processToken as string, projectRoot);
    await bridge.stop();

    finishBench(report, plan, COMMAND, { plan, inProcess, hookLoad });
  } finally {
    const failures = await cleanup.runAll();
    for (const failure of failures) process.stderr.write(`cleanup: ${failure}\n`);
  }
}

runBench('bench:guard', main);

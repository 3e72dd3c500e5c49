import { fileURLToPath } from 'node:url';
import type { BridgeProcess } from '../events/bridge-process.js';
import { timeNodeStartFloor, timeProcess } from '../lib/process-timer.js';
import type { BenchReport } from '../lib/report.js';
import { hookMix } from './command-classes.js';
import { hookBody } from './hook-input.js';
import type { GuardBenchPlan } from './plan.js';

/** The compiled CLI, from dist-bench/bench/guard/ back to the package root. */
const CLI = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));
/** Nothing listens on the discard port, so the hook falls back to its local guard. */
const UNREACHABLE_BRIDGE = 'http://127.0.0.1:9';

/**
 * `lighthouse-bridge hook pre-tool-use` as Claude Code runs it, one process per call: asking the
 * running bridge, and deciding locally when no bridge answers; beside a bare `node` start.
 */
export async function runHookProcess(
  report: BenchReport,
  plan: GuardBenchPlan,
  bridge: BridgeProcess,
  agentToken: string,
  projectRoot: string,
): Promise<void> {
  const input = hookBody(hookMix(projectRoot), projectRoot)(0, 0);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('LIGHTHOUSE_')),
  );
  const hook = (url: string, runs: number) =>
    timeProcess({
      command: process.execPath,
      args: [CLI, 'hook', 'pre-tool-use'],
      input,
      cwd: projectRoot,
      env: { ...env, LIGHTHOUSE_URL: url, LIGHTHOUSE_TOKEN: agentToken },
      runs,
    });

  report.section('lighthouse-bridge hook pre-tool-use as a whole process');
  report.add({
    name: 'floor: bare node start',
    latency: await timeNodeStartFloor(plan.hookProcessRuns),
  });
  report.add({
    name: 'hook process, bridge answers',
    latency: await hook(bridge.url, plan.hookProcessRuns),
  });
  report.add({
    name: 'hook process, local fallback',
    latency: await hook(UNREACHABLE_BRIDGE, plan.fallbackProcessRuns),
    notes: [`LIGHTHOUSE_URL=${UNREACHABLE_BRIDGE}: the bridge is unreachable`],
  });
}

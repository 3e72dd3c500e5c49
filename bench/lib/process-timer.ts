import { spawn } from 'node:child_process';
import { BridgeError } from '../../src/events/errors.js';
import { nowUs } from './clock.js';
import { requireInteger } from './options.js';
import { LatencyRecorder, type LatencySummary } from './stats.js';

export interface ProcessTimingOptions {
  command: string;
  args?: string[];
  /** Written to the process's stdin, which is then closed. Without it stdin is empty. */
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Measured runs, one after another. Default 20. */
  runs?: number;
  /** Unmeasured runs first (cold caches). Default 1. */
  warmupRuns?: number;
  /** Any other exit code fails the measurement with `unexpected_exit`. Default 0. */
  expectExitCode?: number;
}

/** Times whole processes from spawn to exit with their output drained, one at a time. */
export async function timeProcess(options: ProcessTimingOptions): Promise<LatencySummary> {
  const runs = requireInteger('runs', options.runs ?? 20, 1);
  const warmupRuns = requireInteger('warmupRuns', options.warmupRuns ?? 1, 0);
  const recorder = new LatencyRecorder();
  for (let run = 0; run < warmupRuns + runs; run++) {
    const elapsedUs = await runOnce(options);
    if (run >= warmupRuns) recorder.recordUs(elapsedUs);
  }
  return recorder.summary();
}

/** The floor of anything that starts Node per call: a bare `node -e ''`. */
export function timeNodeStartFloor(runs = 20): Promise<LatencySummary> {
  return timeProcess({ command: process.execPath, args: ['-e', ''], runs });
}

const STDERR_KEPT = 2000;

function runOnce(options: ProcessTimingOptions): Promise<number> {
  const expected = options.expectExitCode ?? 0;
  const describe = [options.command, ...(options.args ?? [])].join(' ');
  return new Promise((resolve, reject) => {
    const startedUs = nowUs();
    const child = spawn(options.command, options.args ?? [], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT);
    });
    // A process that exits without reading its stdin makes the write fail with EPIPE; harmless.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
    child.once('error', (error) => {
      reject(new BridgeError('spawn_failed', `could not start ${describe}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      const elapsedUs = nowUs() - startedUs;
      if (code === expected) {
        resolve(elapsedUs);
        return;
      }
      const how = signal === null ? `exited with ${code}` : `was killed by ${signal}`;
      reject(
        new BridgeError(
          'unexpected_exit',
          `${describe} ${how}, expected exit ${expected}${stderr ? `: ${stderr.trim()}` : ''}`,
          { code, signal, expected },
        ),
      );
    });
  });
}

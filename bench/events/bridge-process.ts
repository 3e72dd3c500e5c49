import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BridgeError } from '../../src/events/errors.js';
import { nowUs } from '../lib/clock.js';
import type { Cleanup } from './cleanup.js';

/** The compiled CLI, from dist-bench/bench/events/ back to the package root. */
const CLI = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));
const LISTENING = /lighthouse-bridge listening on (http:\/\/127\.0\.0\.1:\d+)/;
const OUTPUT_KEPT = 4000;
const STOP_GRACE_MS = 10_000;

export interface BridgeProcess {
  url: string;
  pid: number;
  /** When the spawn was issued, on the bench clock (µs). */
  spawnedUs: number;
  /** The last few thousand characters the bridge printed, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after a grace period; safe to call again. */
  stop(): Promise<void>;
}

/** An admin token for one run: 48 hex characters, above the bridge's 32-character minimum. */
export function benchAdminToken(): string {
  return randomBytes(24).toString('hex');
}

/**
 * Starts `lighthouse-bridge serve` on 127.0.0.1 and a free port in its own process, resolving
 * once it prints where it listens. The stop is registered with `cleanup`, so no bridge
 * outlives the run. Inherited LIGHTHOUSE_* settings are dropped: only what is passed here counts.
 */
export function spawnBridge(options: {
  dataDir: string;
  adminToken: string;
  cleanup: Cleanup;
}): Promise<BridgeProcess> {
  if (!existsSync(CLI)) {
    throw new BridgeError('cli_not_built', `${CLI} is missing: run "npm run build" first`);
  }
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('LIGHTHOUSE_')),
  );
  const spawnedUs = nowUs();
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', options.dataDir],
    {
      cwd: options.dataDir,
      env: { ...env, LIGHTHOUSE_ADMIN_TOKEN: options.adminToken, LIGHTHOUSE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: string): void => {
    output = (output + chunk).slice(-OUTPUT_KEPT);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = options.cleanup.add(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(killer);
  });

  return new Promise((resolve, reject) => {
    let stderr = '';
    const onStderr = (chunk: string): void => {
      keep(chunk);
      stderr += chunk;
      const url = LISTENING.exec(stderr)?.[1];
      if (url === undefined) return;
      child.stderr.off('data', onStderr).on('data', keep);
      child.off('exit', onEarlyExit);
      resolve({ url, pid: child.pid as number, spawnedUs, output: () => output, stop });
    };
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      reject(
        new BridgeError(
          'bridge_start_failed',
          `the bridge exited (${signal ?? code}) before listening: ${output.trim()}`,
        ),
      );
    };
    child.stderr.on('data', onStderr);
    child.once('exit', onEarlyExit);
    child.once('error', (error) =>
      reject(
        new BridgeError('bridge_start_failed', `could not start the bridge: ${error.message}`),
      ),
    );
  });
}

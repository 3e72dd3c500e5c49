import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { BridgeError } from '../../src/events/errors.js';

const VM_RSS = /^VmRSS:\s+(\d+) kB$/m;

/** Resident memory of a live process, from /proc/<pid>/status (Linux). */
export function residentBytes(pid: number): number {
  return parseVmRss(readFileSync(`/proc/${pid}/status`, 'utf8'), `process ${pid}`);
}

/** The floor: what a Node process that does nothing holds resident. */
export async function bareNodeResidentBytes(): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    '-e',
    "process.stdout.write(require('node:fs').readFileSync('/proc/self/status', 'utf8'))",
  ]);
  return parseVmRss(stdout, 'a bare node process');
}

function parseVmRss(status: string, what: string): number {
  const kib = VM_RSS.exec(status)?.[1];
  if (kib === undefined) throw new BridgeError('no_rss', `no VmRSS line for ${what}`);
  return Number(kib) * 1024;
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

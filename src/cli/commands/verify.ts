import { resolve } from 'node:path';
import { verifyDataDir } from '../../events/sqlite/verify.js';

export interface VerifyCommandOptions {
  dataDir: string;
  json?: boolean;
}

/** Prints the report and returns the exit code: 0 when the store is whole, 1 on any fault. */
export function runVerify(options: VerifyCommandOptions): number {
  const report = verifyDataDir(resolve(options.dataDir));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return report.faults.length === 0 ? 0 : 1;
  }
  const lines = [
    `data directory: ${report.dataDir}`,
    `events: ${report.events} in ${report.streams} streams, chain checked`,
    `blobs: ${report.blobs}, content hashes checked`,
  ];
  if (report.wal) {
    lines.push(
      `write-ahead log: ${report.wal.exists ? `${report.wal.validFrames} valid frames` : 'none (checkpointed)'}`,
    );
  }
  if (report.faults.length === 0) {
    lines.push('verified: no faults');
  } else {
    lines.push(`FAULTS: ${report.faults.length + report.moreFaults}`);
    for (const fault of report.faults) lines.push(`  - ${fault}`);
    if (report.moreFaults > 0) lines.push(`  … and ${report.moreFaults} more`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return report.faults.length === 0 ? 0 : 1;
}

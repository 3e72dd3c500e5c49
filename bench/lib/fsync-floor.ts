import { randomBytes } from 'node:crypto';
import { closeSync, fdatasyncSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../src/events/errors.js';
import { nowUs } from './clock.js';
import { requireInteger } from './options.js';
import { LatencyRecorder, type LatencySummary } from './stats.js';

export interface FsyncFloorOptions {
  /** Measured writes. Default 500. */
  samples?: number;
  /** Unmeasured writes first, so file creation and first allocations stay out. Default 20. */
  warmup?: number;
  /** Bytes per write. Default 512. */
  bytes?: number;
}

/**
 * The durable-write floor of the disk holding `dir`: each sample is one write of `bytes` at
 * the end of a temp file in `dir` followed by fdatasync, so it allocates like a log append.
 * Synchronous on purpose: the thread pool's hand-off would add its own delay to the floor.
 * The temp file is removed whatever happens.
 */
export function measureFsyncFloor(dir: string, options: FsyncFloorOptions = {}): LatencySummary {
  const samples = requireInteger('samples', options.samples ?? 500, 1);
  const warmup = requireInteger('warmup', options.warmup ?? 20, 0);
  const bytes = requireInteger('bytes', options.bytes ?? 512, 1);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InvalidInputError(`not a directory: ${dir}`, { dir });
  }

  const path = join(dir, `.fsync-floor-${process.pid}-${randomBytes(4).toString('hex')}`);
  const block = randomBytes(bytes);
  const recorder = new LatencyRecorder();
  const fd = openSync(path, 'wx', 0o600);
  try {
    for (let i = 0; i < warmup + samples; i++) {
      const started = nowUs();
      writeSync(fd, block, 0, bytes, i * bytes);
      fdatasyncSync(fd);
      if (i >= warmup) recorder.recordUs(nowUs() - started);
    }
  } finally {
    closeSync(fd);
    unlinkSync(path);
  }
  return recorder.summary();
}

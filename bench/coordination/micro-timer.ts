import { nowUs } from '../lib/clock.js';
import { LatencyRecorder, type LatencySummary } from '../lib/stats.js';

function timeOne(run: (i: number) => unknown, i: number): number {
  const started = nowUs();
  run(i);
  return nowUs() - started;
}

export interface MicroTiming {
  warmup: number;
  samples: number;
}

/** Times `run(i)` one call at a time, after `warmup` unmeasured calls. */
export function timeCalls(run: (i: number) => unknown, timing: MicroTiming): LatencySummary {
  const recorder = new LatencyRecorder();
  for (let i = 0; i < timing.warmup + timing.samples; i++) {
    const elapsed = timeOne(run, i);
    if (i >= timing.warmup) recorder.recordUs(elapsed);
  }
  return recorder.summary();
}

/**
 * Times two variants of one operation on the same input, interleaved call by call (and in
 * alternating order), so that drift of the machine (another process waking, a GC, the CPU's
 * clock) falls on both alike and their difference is what the variants differ by.
 */
export function timePaired(
  first: (i: number) => unknown,
  second: (i: number) => unknown,
  timing: MicroTiming,
): { first: LatencySummary; second: LatencySummary } {
  const firsts = new LatencyRecorder();
  const seconds = new LatencyRecorder();
  for (let i = 0; i < timing.warmup + timing.samples; i++) {
    let firstUs: number;
    let secondUs: number;
    if (i % 2 === 0) {
      firstUs = timeOne(first, i);
      secondUs = timeOne(second, i);
    } else {
      secondUs = timeOne(second, i);
      firstUs = timeOne(first, i);
    }
    if (i < timing.warmup) continue;
    firsts.recordUs(firstUs);
    seconds.recordUs(secondUs);
  }
  return { first: firsts.summary(), second: seconds.summary() };
}

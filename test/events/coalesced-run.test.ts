import { describe, expect, it } from 'vitest';
import { CoalescedRun } from '../../src/events/coalesced-run.js';

describe('CoalescedRun', () => {
  it('runs once at a time and folds calls made meanwhile into one follow-up run', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const run = new CoalescedRun(async () => {
      runs += 1;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    const first = run.run();
    const waiting = [run.run(), run.run(), run.run()];
    expect(runs).toBe(1);
    release();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(2);
    release();
    await Promise.all(waiting);
    await run.settled();
    expect(runs).toBe(2);
  });
});

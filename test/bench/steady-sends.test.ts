import { describe, expect, it } from 'vitest';
import { generatorBehind, runSteadySends } from '../../bench/coordination/steady-sends.js';
import { summarize } from '../../bench/lib/stats.js';

describe('runSteadySends', () => {
  it('starts the warm-up sends, then the measured ones, each with the time it was due', async () => {
    const sends: Array<{ index: number; dueUs: number; measured: boolean }> = [];
    const result = await runSteadySends({
      perSecond: 1000,
      warmupMs: 5,
      windowMs: 20,
      send: (index, dueUs, measured) => sends.push({ index, dueUs, measured }),
    });
    expect(result.warmupSends).toBe(5);
    expect(result.measuredSends).toBe(20);
    expect(result.sendLag.count).toBe(20);
    expect(sends.map((send) => send.index)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(sends.map((send) => send.measured)).toEqual([
      ...Array<boolean>(5).fill(false),
      ...Array<boolean>(20).fill(true),
    ]);
    // Due times are one period (1 ms) apart, however late the timers fired.
    const first = sends[0]?.dueUs as number;
    for (const send of sends) expect(send.dueUs - first).toBeCloseTo(send.index * 1000, 3);
  });

  it('refuses a rate that is not a positive number', async () => {
    await expect(
      runSteadySends({ perSecond: 0, warmupMs: 0, windowMs: 10, send: () => {} }),
    ).rejects.toThrow(/perSecond/);
  });
});

describe('generatorBehind', () => {
  it.each([
    { lagsUs: [100, 200, 300], maxUs: 300, behind: false },
    { lagsUs: [100, 200, 301], maxUs: 300, behind: true },
  ])(
    'with send lags $lagsUs and a bound of $maxUs µs: behind $behind',
    ({ lagsUs, maxUs, behind }) => {
      const reason = generatorBehind(summarize(lagsUs), maxUs);
      if (behind) expect(reason).toMatch(/fell behind \(send lag p99 301 µs > 300 µs\)/);
      else expect(reason).toBeUndefined();
    },
  );
});

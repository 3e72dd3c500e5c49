import { describe, expect, it } from 'vitest';
import { summarize } from '../../bench/lib/stats.js';
import { openLoopCallsRow, runOpenLoopCalls } from '../../bench/mcp/open-loop-calls.js';
import { BridgeError } from '../../src/events/errors.js';

const LOAD = { warmupMs: 10, durationMs: 100, timeoutMs: 1000, maxSendLagP99Us: 1_000_000 };

describe('runOpenLoopCalls', () => {
  it('lets the callers take turns, each counting its own calls, and times the window’s calls', async () => {
    const calls: Array<[number, number]> = [];
    const result = await runOpenLoopCalls({
      ...LOAD,
      callers: 3,
      ratePerCaller: 100,
      call: async (caller, seq) => {
        calls.push([caller, seq]);
      },
    });
    // 300 calls/s: 3 in the warm-up, 30 in the window.
    expect(calls).toHaveLength(33);
    expect(calls.map(([caller]) => caller)).toEqual(calls.map((_, index) => index % 3));
    for (const caller of [0, 1, 2]) {
      const seqs = calls.filter(([who]) => who === caller).map(([, seq]) => seq);
      expect(seqs).toEqual(seqs.map((_, index) => index));
    }
    expect(result.sentCalls).toBe(30);
    expect(result.latency.count).toBe(30);
    expect(result.sendLag.count).toBe(30);
    expect(result.errorCount).toBe(0);
    expect(result.achievedPerSecond).toBe(300);
  });

  it('counts rejected calls by kind, and calls still unanswered at the timeout as unfinished', async () => {
    const result = await runOpenLoopCalls({
      ...LOAD,
      timeoutMs: 50,
      callers: 2,
      ratePerCaller: 100,
      call: (caller, seq) => {
        if (caller === 1) return new Promise(() => {});
        if (seq % 2 === 1) return Promise.reject(new BridgeError('tool_error', 'refused'));
        return Promise.resolve();
      },
    });
    // The window holds 20 calls, 10 per caller; caller 0's first window call is its seq 1.
    expect(result.sentCalls).toBe(20);
    expect(result.errorsByKind).toEqual({ tool_error: 5, unfinished: 10 });
    expect(result.errorCount).toBe(15);
    expect(result.latency.count).toBe(5);
  });

  it.each([
    { callers: 0, ratePerCaller: 1, error: /callers/ },
    { callers: 1.5, ratePerCaller: 1, error: /callers/ },
    { callers: 1, ratePerCaller: 0, error: /ratePerCaller/ },
  ])('refuses callers $callers at $ratePerCaller/s', async ({ callers, ratePerCaller, error }) => {
    await expect(
      runOpenLoopCalls({ ...LOAD, callers, ratePerCaller, call: async () => {} }),
    ).rejects.toThrow(error);
  });
});

describe('openLoopCallsRow', () => {
  const result = {
    callers: 100,
    ratePerCaller: 0.5,
    durationMs: 3000,
    sentCalls: 150,
    latency: summarize([1000, 2000, 3000]),
    sendLag: summarize([100, 200, 300]),
    errorCount: 2,
    errorsByKind: { unfinished: 2 },
    achievedPerSecond: 50,
  };

  it('carries the figures, the target and the errors by kind', () => {
    const row = openLoopCallsRow('calls', result, { p99MaxUs: 10_000, maxErrors: 0 });
    expect(row).toMatchObject({ name: 'calls', perSecond: 50, errors: 2 });
    expect(row.latency?.p99Us).toBe(3000);
    expect(row.target).toEqual({ p99MaxUs: 10_000, maxErrors: 0 });
    expect(row.invalidReason).toBeUndefined();
    expect(row.notes).toEqual([
      'open loop: 100 × 0.5/s for 3000 ms, 150 calls, latency from when each was due',
      'generator send lag: p50 200 µs, p99 300 µs',
      'errors by kind: {"unfinished":2}',
    ]);
  });

  it('is invalid when the generator fell behind', () => {
    const row = openLoopCallsRow('calls', { ...result, invalidReason: 'fell behind' });
    expect(row.invalidReason).toBe('fell behind');
    expect(row.target).toBeUndefined();
  });
});

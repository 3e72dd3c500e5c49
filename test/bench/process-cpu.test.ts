import { describe, expect, it } from 'vitest';
import { cpuNote, meterCpuPerCall, processCpuUs } from '../../bench/mcp/process-cpu.js';

/** Spins until this process has used `ms` more CPU time. */
function burnCpu(ms: number): void {
  const start = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(start);
    if (used.user + used.system >= ms * 1000) return;
  }
}

describe('processCpuUs', () => {
  it('reads the CPU time the kernel counted for a process', () => {
    const procBefore = processCpuUs(process.pid);
    const before = process.cpuUsage();
    burnCpu(150);
    const used = process.cpuUsage(before);
    const procUsed = processCpuUs(process.pid) - procBefore;
    // /proc counts in ticks of 10 ms.
    expect(Math.abs(procUsed - (used.user + used.system))).toBeLessThanOrEqual(30_000);
  });

  it('fails for a process that does not exist', () => {
    expect(() => processCpuUs(2 ** 31 - 2)).toThrow(/ENOENT/);
  });
});

describe('meterCpuPerCall', () => {
  it('counts every settled call, rejected ones too, and divides the CPU time by them', async () => {
    const { result, cpu } = await meterCpuPerCall(
      process.pid,
      async (fail: boolean) => {
        burnCpu(20);
        if (fail) throw new Error('refused');
      },
      async (call) => {
        const outcomes = await Promise.allSettled([call(false), call(true), call(false)]);
        return outcomes.map((outcome) => outcome.status);
      },
    );
    expect(result).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(cpu.calls).toBe(3);
    expect(cpu.generatorUs).toBeGreaterThanOrEqual(20_000);
    expect(cpu.serverUs).toBeGreaterThanOrEqual(0);
  });

  it('gives no figure when no call was made', async () => {
    const { cpu } = await meterCpuPerCall(
      process.pid,
      async () => {},
      async () => undefined,
    );
    expect(cpu).toEqual({ calls: 0, serverUs: Number.NaN, generatorUs: Number.NaN });
  });
});

describe('cpuNote', () => {
  it('names both processes with their CPU per call', () => {
    expect(cpuNote({ calls: 1234, serverUs: 4200, generatorUs: 610 }, 'bridge', 'clients')).toBe(
      'CPU per call: bridge 4.20 ms, clients 610 µs (1,234 calls, warm-up included)',
    );
  });
});

import { readFileSync } from 'node:fs';
import { BridgeError } from '../../src/events/errors.js';
import { formatUs } from '../lib/stats.js';

/** Linux reports /proc CPU times in USER_HZ ticks, 100 per second on every architecture. */
const US_PER_TICK = 10_000;

/** CPU time (user + system, all threads) a live process has used, from /proc/<pid>/stat (Linux). */
export function processCpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count fields after its last `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) {
    throw new BridgeError('no_cpu_time', `no CPU times in /proc/${pid}/stat`, { pid });
  }
  return (utime + stime) * US_PER_TICK;
}

/** CPU time per call of the process under load and of this one (the load generator). */
export interface CpuPerCall {
  /** Calls answered or failed while measuring, warm-up included. */
  calls: number;
  serverUs: number;
  generatorUs: number;
}

/**
 * Runs `run` with `call` wrapped to count every settled call, and divides the CPU time the
 * server process and this process used meanwhile by that count. Idle work in either process
 * falls on the calls too, so a run should keep both busy.
 */
export async function meterCpuPerCall<Args extends unknown[], Result>(
  serverPid: number,
  call: (...args: Args) => Promise<unknown>,
  run: (counted: (...args: Args) => Promise<unknown>) => Promise<Result>,
): Promise<{ result: Result; cpu: CpuPerCall }> {
  let calls = 0;
  const counted = (...args: Args): Promise<unknown> =>
    call(...args).finally(() => {
      calls++;
    });
  const serverStartUs = processCpuUs(serverPid);
  const generatorStart = process.cpuUsage();
  const result = await run(counted);
  const generator = process.cpuUsage(generatorStart);
  const serverUs = processCpuUs(serverPid) - serverStartUs;
  const perCall = (us: number): number => (calls === 0 ? Number.NaN : us / calls);
  return {
    result,
    cpu: {
      calls,
      serverUs: perCall(serverUs),
      generatorUs: perCall(generator.user + generator.system),
    },
  };
}

/** `CPU per call: bridge 4.20 ms, clients' process 6.10 ms (1,234 calls, warm-up included)` */
export function cpuNote(cpu: CpuPerCall, server: string, generator: string): string {
  return (
    `CPU per call: ${server} ${formatUs(cpu.serverUs)}, ${generator} ${formatUs(cpu.generatorUs)} ` +
    `(${cpu.calls.toLocaleString('en-US')} calls, warm-up included)`
  );
}

import { runWriterLoop, type WriterLoopResult } from '../events/writer-loop.js';
import { type ClosedLoopResult, saturationRow } from '../lib/closed-loop.js';
import type { ResultRow, Target } from '../lib/report.js';
import type { McpLoad } from './mcp-load.js';
import { type CpuPerCall, cpuNote, meterCpuPerCall } from './process-cpu.js';

export interface BackToBack {
  name: string;
  clients: number;
  /** One call by `client`; `seq` counts its calls from 0, warm-up included. */
  call(client: number, seq: number): Promise<unknown>;
  /** Who makes the calls in this process, for the CPU note. */
  caller: string;
  target?: Target;
}

/**
 * Each client calls back to back through the plan's warm-up and window, with the CPU per call
 * of the bridge and of this process metered; adds the row and returns its figures.
 */
export async function runBackToBack(
  load: McpLoad,
  options: BackToBack,
): Promise<{ result: WriterLoopResult; cpu: CpuPerCall }> {
  const measured = await meterCpuPerCall(load.bridgePid, options.call, (call) =>
    runWriterLoop({
      warmupMs: load.plan.warmupMs,
      durationMs: load.plan.windowMs,
      writers: options.clients,
      append: call,
    }),
  );
  const { writers, ...figures } = measured.result;
  load.report.add(
    closedLoopRow(options.name, { ...figures, connections: writers }, options.target, [
      cpuNote(measured.cpu, 'bridge', options.caller),
    ]),
  );
  return measured;
}

/** One client back to back is its plain round trip; more clients measure saturation. */
export function closedLoopRow(
  name: string,
  result: ClosedLoopResult,
  target?: Target,
  notes: string[] = [],
): ResultRow {
  if (result.connections > 1) {
    const row = saturationRow(name, result, target);
    return { ...row, notes: [...(row.notes ?? []), ...notes] };
  }
  const errors =
    result.errorCount > 0 ? [`errors by kind: ${JSON.stringify(result.errorsByKind)}`] : [];
  return {
    name,
    latency: result.latency,
    perSecond: result.perSecond,
    errors: result.errorCount,
    ...(target === undefined ? {} : { target }),
    notes: [
      'closed loop: 1 client, each call sent when the previous one was answered',
      ...errors,
      ...notes,
    ],
  };
}

import { AgentConnections, ErrorTally, type LoadTarget } from './agent-connections.js';
import { nowUs } from './clock.js';
import { requireInteger, requirePositive } from './options.js';
import type { ResultRow, Target } from './report.js';
import { LatencyRecorder, type LatencySummary, ratePerSecond } from './stats.js';

export interface ClosedLoopOptions extends LoadTarget {
  connections: number;
  /** The measured window. */
  durationMs: number;
  /** Back-to-back load before the window, not measured. Default 1000. */
  warmupMs?: number;
  /** Bound on connecting and on each answer. Default 10000. */
  timeoutMs?: number;
}

export interface ClosedLoopResult {
  connections: number;
  durationMs: number;
  /** Calls started in the window and answered 2xx. */
  completed: number;
  /** `completed` per second, from the window's start to the last of its answers. */
  perSecond: number;
  /** Send to answer; at saturation this is mostly queueing, not what an agent would see. */
  latency: LatencySummary;
  errorCount: number;
  errorsByKind: Record<string, number>;
}

/**
 * Closed-loop saturation: each connection sends its next call as soon as the previous one is
 * answered, for the whole window. Its throughput is the server's capacity; its latency is
 * about connections ÷ throughput and must not be reported as agent latency.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const count = requireInteger('connections', options.connections, 1);
  const durationMs = requirePositive('durationMs', options.durationMs);
  const warmupMs = requirePositive('warmupMs', options.warmupMs ?? 1000, true);
  const timeoutMs = requirePositive('timeoutMs', options.timeoutMs ?? 10_000);

  const connections = await AgentConnections.open(options, count, timeoutMs);
  const latency = new LatencyRecorder();
  const errors = new ErrorTally();
  const windowStartUs = nowUs() + warmupMs * 1000;
  const windowEndUs = windowStartUs + durationMs * 1000;

  const drive = async (connection: number): Promise<void> => {
    for (let seq = 1; ; seq++) {
      const sentUs = nowUs();
      if (sentUs >= windowEndUs) return;
      const outcome = await connections.call(connection, seq);
      if (sentUs < windowStartUs) continue;
      if (outcome.ok) latency.recordUs(nowUs() - sentUs);
      else errors.add(outcome.kind);
    }
  };
  let elapsedUs: number;
  try {
    await Promise.all(Array.from({ length: count }, (_, connection) => drive(connection)));
    elapsedUs = nowUs() - windowStartUs;
  } finally {
    await connections.close();
  }

  return {
    connections: count,
    durationMs,
    completed: latency.count,
    perSecond: ratePerSecond(latency.count, elapsedUs),
    latency: latency.summary(),
    errorCount: errors.total,
    errorsByKind: errors.byKind(),
  };
}

/** The result as a report row labelled as saturation, so nobody reads its latency as an agent's. */
export function saturationRow(name: string, result: ClosedLoopResult, target?: Target): ResultRow {
  const notes = [
    `saturation (closed loop, ${result.connections} connections back to back for ` +
      `${result.durationMs} ms): latency here is mostly queueing`,
  ];
  if (result.errorCount > 0) notes.push(`errors by kind: ${JSON.stringify(result.errorsByKind)}`);
  return {
    name: `${name} [saturation]`,
    latency: result.latency,
    perSecond: result.perSecond,
    errors: result.errorCount,
    ...(target === undefined ? {} : { target }),
    notes,
  };
}

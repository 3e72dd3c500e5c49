import { ErrorTally } from '../lib/agent-connections.js';
import { nowUs } from '../lib/clock.js';
import type { ResultRow, Target } from '../lib/report.js';
import { LatencyRecorder, type LatencySummary, ratePerSecond } from '../lib/stats.js';
import { counted } from './context.js';

export interface WriterLoopOptions {
  writers: number;
  warmupMs: number;
  durationMs: number;
  /** One append by `writer`; `seq` counts that writer's appends from 0, warm-up included. */
  append(writer: number, seq: number): Promise<unknown>;
}

export interface WriterLoopResult {
  writers: number;
  durationMs: number;
  completed: number;
  /** Appends per second, from the window's start to the last of its answers. */
  perSecond: number;
  latency: LatencySummary;
  errorCount: number;
  errorsByKind: Record<string, number>;
}

/**
 * The in-process twin of the toolkit's closed loop: every writer appends again as soon as its
 * previous append is acknowledged, for the whole window, after an unmeasured warm-up.
 */
export async function runWriterLoop(options: WriterLoopOptions): Promise<WriterLoopResult> {
  const latency = new LatencyRecorder();
  const errors = new ErrorTally();
  const windowStartUs = nowUs() + options.warmupMs * 1000;
  const windowEndUs = windowStartUs + options.durationMs * 1000;
  const drive = async (writer: number): Promise<void> => {
    for (let seq = 0; ; seq++) {
      const sentUs = nowUs();
      if (sentUs >= windowEndUs) return;
      try {
        await options.append(writer, seq);
        if (sentUs >= windowStartUs) latency.recordUs(nowUs() - sentUs);
      } catch (error) {
        if (sentUs >= windowStartUs) errors.add(errorKind(error));
      }
    }
  };
  await Promise.all(Array.from({ length: options.writers }, (_, writer) => drive(writer)));
  return {
    writers: options.writers,
    durationMs: options.durationMs,
    completed: latency.count,
    perSecond: ratePerSecond(latency.count, nowUs() - windowStartUs),
    latency: latency.summary(),
    errorCount: errors.total,
    errorsByKind: errors.byKind(),
  };
}

function errorKind(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'error';
}

/** A report row for a writer loop; its latency is queueing-heavy at high writer counts, like any closed loop. */
export function writerLoopRow(name: string, result: WriterLoopResult, target?: Target): ResultRow {
  const notes = [
    `closed loop in process: ${counted(result.writers, 'writer')} back to back for ${result.durationMs} ms, ` +
      `one event per append`,
  ];
  if (result.errorCount > 0) notes.push(`errors by kind: ${JSON.stringify(result.errorsByKind)}`);
  return {
    name,
    latency: result.latency,
    perSecond: result.perSecond,
    errors: result.errorCount,
    ...(target === undefined ? {} : { target }),
    notes,
  };
}

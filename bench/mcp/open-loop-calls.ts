import { failureKind } from '../coordination/failure-kind.js';
import { generatorBehind, runSteadySends } from '../coordination/steady-sends.js';
import { ErrorTally, UNFINISHED } from '../lib/agent-connections.js';
import { nowUs } from '../lib/clock.js';
import { requireInteger, requirePositive } from '../lib/options.js';
import type { ResultRow, Target } from '../lib/report.js';
import { formatUs, LatencyRecorder, type LatencySummary } from '../lib/stats.js';

export interface OpenLoopCallsOptions {
  callers: number;
  /** Calls per second of each caller. */
  ratePerCaller: number;
  warmupMs: number;
  durationMs: number;
  /** How long answers still missing after the last call was due may take; then they count as `unfinished`. */
  timeoutMs: number;
  /** The figures are void when the generator's send lag P99 exceeds this. */
  maxSendLagP99Us: number;
  /** One call; `seq` counts the caller's calls from 0, warm-up included. A rejection is an error. */
  call(caller: number, seq: number): Promise<unknown>;
}

export interface OpenLoopCallsResult {
  callers: number;
  ratePerCaller: number;
  durationMs: number;
  /** Calls due inside the window, all of which were started. */
  sentCalls: number;
  /** From the moment each call was due to its answer. */
  latency: LatencySummary;
  /** How late each call was started versus when it was due. */
  sendLag: LatencySummary;
  errorCount: number;
  errorsByKind: Record<string, number>;
  /** Answers (and errors) to calls of the window, per second of the window. */
  achievedPerSecond: number;
  /** Set when the generator fell behind: the latency figures then mean nothing. */
  invalidReason?: string;
}

/**
 * Open-loop load over any async call, for clients that are not plain HTTP connections (an SDK
 * client, say): the callers take turns, so each calls at `ratePerCaller` with the phases spread
 * evenly, and each call starts when it is due whether or not the caller's previous one has been
 * answered. Latency runs from when the call was due, so a stall cannot hide behind a generator
 * that waits for it.
 */
export async function runOpenLoopCalls(
  options: OpenLoopCallsOptions,
): Promise<OpenLoopCallsResult> {
  const callers = requireInteger('callers', options.callers, 1);
  const ratePerCaller = requirePositive('ratePerCaller', options.ratePerCaller);
  const durationMs = requirePositive('durationMs', options.durationMs);
  const timeoutMs = requirePositive('timeoutMs', options.timeoutMs);
  const latency = new LatencyRecorder();
  const errors = new ErrorTally();
  let outstanding = 0;
  let over = false;
  let drained: (() => void) | undefined;
  const settle = (): void => {
    outstanding--;
    if (outstanding === 0) drained?.();
  };

  const sends = await runSteadySends({
    perSecond: callers * ratePerCaller,
    warmupMs: options.warmupMs,
    windowMs: durationMs,
    send: (index, dueUs, measured) => {
      const answer = options.call(index % callers, Math.floor(index / callers));
      if (!measured) {
        answer.catch(() => undefined);
        return;
      }
      outstanding++;
      answer.then(
        () => {
          if (over) return;
          latency.recordUs(nowUs() - dueUs);
          settle();
        },
        (error: unknown) => {
          if (over) return;
          errors.add(failureKind(error));
          settle();
        },
      );
    },
  });

  let deadline: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    drained = resolve;
    if (outstanding === 0) resolve();
    deadline = setTimeout(resolve, timeoutMs);
  });
  clearTimeout(deadline);
  over = true;
  for (; outstanding > 0; outstanding--) errors.add(UNFINISHED);

  return {
    callers,
    ratePerCaller,
    durationMs,
    sentCalls: sends.measuredSends,
    latency: latency.summary(),
    sendLag: sends.sendLag,
    errorCount: errors.total,
    errorsByKind: errors.byKind(),
    achievedPerSecond: ((latency.count + errors.total) * 1000) / durationMs,
    ...withInvalidReason(generatorBehind(sends.sendLag, options.maxSendLagP99Us)),
  };
}

function withInvalidReason(reason: string | undefined): { invalidReason?: string } {
  return reason === undefined ? {} : { invalidReason: reason };
}

/** The result as a report row, INVALID when the generator fell behind. */
export function openLoopCallsRow(
  name: string,
  result: OpenLoopCallsResult,
  target?: Target,
): ResultRow {
  const notes = [
    `open loop: ${result.callers} × ${result.ratePerCaller}/s for ${result.durationMs} ms, ` +
      `${result.sentCalls} calls, latency from when each was due`,
    `generator send lag: p50 ${formatUs(result.sendLag.p50Us)}, p99 ${formatUs(result.sendLag.p99Us)}`,
  ];
  if (result.errorCount > 0) notes.push(`errors by kind: ${JSON.stringify(result.errorsByKind)}`);
  return {
    name,
    latency: result.latency,
    perSecond: result.achievedPerSecond,
    errors: result.errorCount,
    ...(target === undefined ? {} : { target }),
    ...(result.invalidReason === undefined ? {} : { invalidReason: result.invalidReason }),
    notes,
  };
}

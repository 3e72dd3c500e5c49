import { AgentConnections, ErrorTally, type LoadTarget } from './agent-connections.js';
import { nowUs } from './clock.js';
import { requireInteger, requirePositive } from './options.js';
import type { ResultRow, Target } from './report.js';
import { formatUs, LatencyRecorder, type LatencySummary, ratePerSecond } from './stats.js';

export interface OpenLoopOptions extends LoadTarget {
  agents: number;
  /** Calls per second of each agent. */
  ratePerAgent: number;
  /** The measured window. */
  durationMs: number;
  /** Load at the full rate before the window, not measured (JIT, caches). Default 1000. */
  warmupMs?: number;
  /** Bound on connecting and on waiting for an answer; also how long stragglers get after the window. Default 10000. */
  timeoutMs?: number;
  /**
   * The figures are void when the generator's own send lag P99 exceeds this. Default 5000 µs;
   * for a tight target pass about half of it, so that a miss cannot be the generator's.
   */
  maxSendLagP99Us?: number;
}

export interface OpenLoopResult {
  agents: number;
  ratePerAgent: number;
  durationMs: number;
  /** agents × rate × duration; the random phases make the real count differ by up to `agents`. */
  expectedCalls: number;
  /** Calls due inside the window, all of which were sent. */
  sentCalls: number;
  /** From the moment each call was due to the end of its 2xx answer. */
  latency: LatencySummary;
  /** How late each call was handed to its connection versus when it was due. */
  sendLag: LatencySummary;
  errorCount: number;
  errorsByKind: Record<string, number>;
  /** Answers of any status to calls of the window, per second of the window. */
  achievedPerSecond: number;
  /** TCP connections opened in the whole run; more than `agents` means some were dropped. */
  connectionsOpened: number;
  /** False when the send lag P99 exceeded `maxSendLagP99Us`: the latency figures then mean nothing. */
  generatorKeptUp: boolean;
  maxSendLagP99Us: number;
}

/**
 * Open-loop load: every agent calls on its own keep-alive connection at a fixed rate with a
 * random phase, whether or not its previous call has been answered (a late answer queues the
 * next call on that connection). Latency runs from the moment a call was due, so a stall of
 * the server cannot hide behind a generator that waits for it. Timers in Node fire on
 * millisecond ticks, so a send lag of up to about 1 ms is normal and is in the floor measured
 * the same way; a lag well past that means the generator itself fell behind.
 *
 * Calls are due until the window closes; then answers still missing get `timeoutMs`, after
 * which the connections are dropped and those calls count as `unfinished`.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const agents = requireInteger('agents', options.agents, 1);
  const ratePerAgent = requirePositive('ratePerAgent', options.ratePerAgent);
  const durationMs = requirePositive('durationMs', options.durationMs);
  const warmupMs = requirePositive('warmupMs', options.warmupMs ?? 1000, true);
  const timeoutMs = requirePositive('timeoutMs', options.timeoutMs ?? 10_000);
  const maxSendLagP99Us = requirePositive('maxSendLagP99Us', options.maxSendLagP99Us ?? 5000);

  const connections = await AgentConnections.open(options, agents, timeoutMs);
  const latency = new LatencyRecorder();
  const sendLag = new LatencyRecorder();
  const errors = new ErrorTally();
  let sentCalls = 0;

  const periodUs = 1_000_000 / ratePerAgent;
  const phaseUs = Array.from({ length: agents }, () => Math.random() * periodUs);
  // Every agent has the same period, so walking the agents in phase order, round after
  // round, visits all calls in order of due time with one timer for the whole run.
  const byPhase = phaseUs
    .map((_, agent) => agent)
    .sort((a, b) => Number(phaseUs[a]) - Number(phaseUs[b]));
  const startUs = nowUs();
  const windowStartUs = startUs + warmupMs * 1000;
  const windowEndUs = windowStartUs + durationMs * 1000;
  let round = 0;
  let position = 0;
  const dueOf = (agent: number): number => startUs + Number(phaseUs[agent]) + round * periodUs;

  let inFlight = 0;
  let onSettled: (() => void) | undefined;
  let bug: unknown;

  const settle = (): void => {
    inFlight--;
    if (inFlight === 0) onSettled?.();
  };
  const send = (agent: number, dueUs: number): void => {
    const measured = dueUs >= windowStartUs;
    if (measured) {
      sentCalls++;
      sendLag.recordUs(nowUs() - dueUs);
    }
    inFlight++;
    connections.call(agent, round + 1).then(
      (outcome) => {
        if (measured) {
          if (outcome.ok) latency.recordUs(nowUs() - dueUs);
          else errors.add(outcome.kind);
        }
        settle();
      },
      (error: unknown) => {
        bug ??= error;
        settle();
      },
    );
  };

  await new Promise<void>((scheduleDone) => {
    const tick = (): void => {
      const now = nowUs();
      for (;;) {
        const agent = byPhase[position] as number;
        const dueUs = dueOf(agent);
        if (dueUs >= windowEndUs) {
          scheduleDone();
          return;
        }
        if (dueUs > now) {
          setTimeout(tick, (dueUs - now) / 1000);
          return;
        }
        send(agent, dueUs);
        position++;
        if (position === agents) {
          position = 0;
          round++;
        }
      }
    };
    tick();
  });

  const settled = new Promise<void>((resolve) => {
    onSettled = resolve;
    if (inFlight === 0) resolve();
  });
  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    deadline = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  if ((await Promise.race([settled, timedOut])) === 'timeout') await connections.destroy();
  clearTimeout(deadline);
  await settled;
  const connectionsOpened = connections.connectionsOpened;
  await connections.close();
  if (bug !== undefined) throw bug;

  const sendLagSummary = sendLag.summary();
  return {
    agents,
    ratePerAgent,
    durationMs,
    expectedCalls: agents * ratePerAgent * (durationMs / 1000),
    sentCalls,
    latency: latency.summary(),
    sendLag: sendLagSummary,
    errorCount: errors.total,
    errorsByKind: errors.byKind(),
    achievedPerSecond: ratePerSecond(latency.count + errors.total, durationMs * 1000),
    connectionsOpened,
    generatorKeptUp: sendLagSummary.p99Us <= maxSendLagP99Us,
    maxSendLagP99Us,
  };
}

/** The result as a report row: agent latency, answers per second, errors, and INVALID when the generator fell behind. */
export function openLoopRow(name: string, result: OpenLoopResult, target?: Target): ResultRow {
  const notes = [
    `open loop: ${result.agents} agents × ${result.ratePerAgent}/s for ${result.durationMs} ms, ` +
      `${result.sentCalls} calls, ${result.connectionsOpened} connections`,
    `generator send lag: p50 ${formatUs(result.sendLag.p50Us)}, p99 ${formatUs(result.sendLag.p99Us)}`,
  ];
  if (result.errorCount > 0) notes.push(`errors by kind: ${JSON.stringify(result.errorsByKind)}`);
  return {
    name,
    latency: result.latency,
    perSecond: result.achievedPerSecond,
    errors: result.errorCount,
    ...(target === undefined ? {} : { target }),
    ...(result.generatorKeptUp
      ? {}
      : {
          invalidReason:
            `the load generator fell behind (send lag p99 ${formatUs(result.sendLag.p99Us)} > ` +
            `${formatUs(result.maxSendLagP99Us)}): these figures measure the generator, not the server`,
        }),
    notes,
  };
}

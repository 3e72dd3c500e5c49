import { sendAtRate } from '../events/send-at-rate.js';
import { nowUs } from '../lib/clock.js';
import { requirePositive } from '../lib/options.js';
import { formatUs, LatencyRecorder, type LatencySummary } from '../lib/stats.js';

export interface SteadySendsOptions {
  perSecond: number;
  warmupMs: number;
  windowMs: number;
  /**
   * Starts send `index` (0 first, warm-up included) without waiting for it: open loop, so a slow
   * answer never delays the next send. `dueUs` is when it was due on the bench clock.
   */
  send(index: number, dueUs: number, measured: boolean): void;
}

export interface SteadySendsResult {
  warmupSends: number;
  measuredSends: number;
  /** How late each measured send was started versus when it was due. */
  sendLag: LatencySummary;
}

/**
 * One steady stream of sends: the warm-up's, then the measured window's, each started when it is
 * due whatever happened to the ones before.
 */
export async function runSteadySends(options: SteadySendsOptions): Promise<SteadySendsResult> {
  const perSecond = requirePositive('perSecond', options.perSecond);
  const warmupSends = Math.round((perSecond * options.warmupMs) / 1000);
  const measuredSends = Math.round((perSecond * options.windowMs) / 1000);
  const sendLag = new LatencyRecorder();
  await sendAtRate(perSecond, warmupSends + measuredSends, (index, dueUs) => {
    const measured = index >= warmupSends;
    if (measured) sendLag.recordUs(nowUs() - dueUs);
    options.send(index, dueUs, measured);
  });
  return { warmupSends, measuredSends, sendLag: sendLag.summary() };
}

/** Why the figures of a run are void, when the generator started its sends too late; else undefined. */
export function generatorBehind(sendLag: LatencySummary, maxP99Us: number): string | undefined {
  if (sendLag.p99Us <= maxP99Us) return undefined;
  return (
    `the load generator fell behind (send lag p99 ${formatUs(sendLag.p99Us)} > ` +
    `${formatUs(maxP99Us)}): these figures measure the generator, not the bridge`
  );
}

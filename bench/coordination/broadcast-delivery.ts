import { nowUs } from '../lib/clock.js';
import type { CoordinationLoad } from './coordination-load.js';
import { DeliveryLog } from './delivery-log.js';
import { watchEventLoopDelay } from './event-loop-delay.js';
import { failureKind } from './failure-kind.js';
import { describeRun, MESSAGE_BODY } from './message-delivery.js';
import { generatorBehind, runSteadySends } from './steady-sends.js';

/**
 * Messages to everyone (`*`) at a steady rate from the senders, with every feed agent connected:
 * each broadcast is one event the bridge fans out to every open feed. Timed from when the send
 * was due to each recipient's receipt, and to the last recipient's.
 */
export async function runBroadcastDelivery(
  load: CoordinationLoad,
): Promise<Record<string, unknown>> {
  const { report, plan } = load;
  const recipients = load.feedsOpen;
  report.section(
    `broadcasts to * with ${recipients} connected agents: ${plan.broadcastsPerSecond}/s, ` +
      `${plan.windowMs} ms measured after ${plan.warmupMs} ms`,
  );
  const log = new DeliveryLog();
  load.onFeedItem = (_agent, item, receivedUs) => {
    if (item.kind === 'message') log.delivered(String(item.subject), receivedUs);
  };
  const dropsBefore = load.feedsDropped;
  const loop = watchEventLoopDelay();
  const sends = await runSteadySends({
    perSecond: plan.broadcastsPerSecond,
    warmupMs: plan.warmupMs,
    windowMs: plan.windowMs,
    send(index, dueUs, measured) {
      const subject = `bench broadcast ${index}`;
      log.expect(subject, dueUs, recipients, measured);
      load.senders[index % load.senders.length]
        ?.request('POST', '/v1/messages', { body: { to: '*', subject, body: MESSAGE_BODY } })
        .then(
          () => log.acknowledged(subject, nowUs()),
          (error: unknown) => log.failed(subject, failureKind(error)),
        );
    },
  });
  const drained = await log.waitSettled(plan.drainMs);
  const loopDelay = loop.stop();
  const summary = log.summary();
  const dropped = load.feedsDropped - dropsBefore;
  const invalidReason = generatorBehind(sends.sendLag, plan.maxSendLagP99Us);
  const invalid = invalidReason === undefined ? {} : { invalidReason };

  report.add({
    name: 'broadcast send acknowledged (due → 201)',
    latency: summary.acknowledged,
    errors: summary.failedSends,
    notes: summary.failedSends > 0 ? [`failed: ${JSON.stringify(summary.failuresByKind)}`] : [],
  });
  report.add({
    name: `broadcast → each of ${recipients} feeds (from due)`,
    latency: summary.delivered,
    errors: summary.failedSends + summary.missingDeliveries,
    ...invalid,
    notes: [
      ...describeRun(sends, loopDelay, dropped, drained, plan.drainMs),
      `errors: failed sends ${summary.failedSends}, deliveries missing ${summary.missingDeliveries}`,
    ],
  });
  report.add({
    name: `broadcast → the last of ${recipients} feeds (from due)`,
    latency: summary.lastDelivered,
    ...invalid,
    notes: ['per broadcast that reached every feed: its slowest receipt'],
  });
  return { recipients, sends, loopDelay, feedsDropped: dropped, drained, summary };
}

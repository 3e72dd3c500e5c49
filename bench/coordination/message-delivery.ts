import { fsyncFloorRow } from '../events/context.js';
import { nowUs } from '../lib/clock.js';
import { openLoopRow } from '../lib/open-loop.js';
import { formatUs } from '../lib/stats.js';
import type { CoordinationLoad } from './coordination-load.js';
import { DeliveryLog } from './delivery-log.js';
import { watchEventLoopDelay } from './event-loop-delay.js';
import { failureKind } from './failure-kind.js';
import { generatorBehind, runSteadySends, type SteadySendsResult } from './steady-sends.js';

export const SEND_TO_DELIVERED_P99_MAX_US = 10_000;

/** About what agents tell each other: a line of context and a request. */
export const MESSAGE_BODY =
  'Renamed LeaseTable.check to lookup in src/coordination/leases; the guard and the API are ' +
  'updated. Please rebase feature/feed-resume before you push, the conflict is in service.ts.';

/**
 * Direct messages at a steady rate from the senders, each to one of the `agents` connected feed
 * agents in turn, timed from when the send was due to when the recipient's feed delivered it
 * (matched by a nonce in the subject), beside the disk's and a do-nothing server's floors.
 */
export async function runMessageDelivery(
  load: CoordinationLoad,
  agents: number,
): Promise<Record<string, unknown>> {
  const { report, plan, floors } = load;
  await load.connectFeeds(agents);
  report.section(
    `direct messages, ${agents} connected agents (each its own feed connection): ` +
      `${plan.messagesPerSecond}/s from ${plan.senders} senders, ${plan.windowMs} ms measured ` +
      `after ${plan.warmupMs} ms`,
  );
  report.add(fsyncFloorRow(floors.fsync, floors.fsyncDir));
  const floorRow = openLoopRow(
    `floor: do-nothing server, ${plan.senders} senders × ${plan.messagesPerSecond / plan.senders}/s`,
    floors.noop,
  );
  floorRow.notes?.push('the same POST bodies and rate, latency from when each call was due');
  report.add(floorRow);

  const log = new DeliveryLog();
  const nonce = `n${agents}`;
  load.onFeedItem = (_agent, item, receivedUs) => {
    if (item.kind === 'message') log.delivered(String(item.subject), receivedUs);
  };
  const dropsBefore = load.feedsDropped;
  const loop = watchEventLoopDelay();
  const sends = await runSteadySends({
    perSecond: plan.messagesPerSecond,
    warmupMs: plan.warmupMs,
    windowMs: plan.windowMs,
    send(index, dueUs, measured) {
      const subject = `bench ${nonce} message ${index}`;
      log.expect(subject, dueUs, 1, measured);
      const sender = load.senders[index % load.senders.length];
      sender
        ?.request('POST', '/v1/messages', {
          body: { to: load.agentName(index % agents), subject, body: MESSAGE_BODY },
        })
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
  const window = describeRun(sends, loopDelay, dropped, drained, plan.drainMs);

  report.add({
    name: 'message send acknowledged (due → 201)',
    latency: summary.acknowledged,
    errors: summary.failedSends,
    notes: [
      'POST /v1/messages on the sender’s own keep-alive connection; the message is durable when answered',
      ...(summary.failedSends > 0
        ? [`failed sends: ${JSON.stringify(summary.failuresByKind)}`]
        : []),
    ],
  });
  report.add({
    name: 'send → delivered on the recipient’s feed (from due)',
    latency: summary.delivered,
    errors: summary.failedSends + summary.missingDeliveries,
    target: { p99MaxUs: SEND_TO_DELIVERED_P99_MAX_US, maxErrors: 0 },
    ...(invalidReason === undefined ? {} : { invalidReason }),
    notes: [
      ...window,
      `errors: failed sends ${summary.failedSends}, deliveries missing ${summary.missingDeliveries}` +
        (summary.duplicates > 0 ? `; ${summary.duplicates} delivered twice` : ''),
    ],
  });
  report.add({
    name: 'delivered after the send’s acknowledgement',
    latency: summary.afterAcknowledgement,
    notes: ['feed receipt − the sender seeing its 201; negative when the feed was first'],
  });
  return { agents, sends, loopDelay, feedsDropped: dropped, drained, summary };
}

/** The notes that say how a run went: sends, the generator's lag and loop delay, dropped feeds. */
export function describeRun(
  sends: SteadySendsResult,
  loopDelay: { p50Us: number; p99Us: number },
  feedsDropped: number,
  drained: boolean,
  drainMs: number,
): string[] {
  return [
    `${sends.measuredSends} sends measured after ${sends.warmupSends} warm-up sends`,
    `generator send lag: p50 ${formatUs(sends.sendLag.p50Us)}, p99 ${formatUs(sends.sendLag.p99Us)}; ` +
      `load process event-loop delay p50 ${formatUs(loopDelay.p50Us)}, p99 ${formatUs(loopDelay.p99Us)}`,
    ...(feedsDropped > 0 ? [`${feedsDropped} feeds were ended by the bridge during the run`] : []),
    ...(drained
      ? []
      : [`deliveries still missing ${drainMs} ms after the last send were given up`]),
  ];
}

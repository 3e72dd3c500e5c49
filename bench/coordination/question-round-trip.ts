import { BridgeClient } from '../../src/client/index.js';
import { ErrorTally } from '../lib/agent-connections.js';
import { nowUs } from '../lib/clock.js';
import { LatencyRecorder } from '../lib/stats.js';
import type { CoordinationLoad, FeedItem } from './coordination-load.js';
import { DeliveryLog } from './delivery-log.js';
import { watchEventLoopDelay } from './event-loop-delay.js';
import { failureKind } from './failure-kind.js';
import { describeRun } from './message-delivery.js';
import { generatorBehind, runSteadySends } from './steady-sends.js';
import { waitUntil } from './wait-until.js';

const ANSWER_SCHEMA = {
  type: 'object',
  required: ['approve'],
  properties: { approve: { type: 'boolean' }, note: { type: 'string' } },
} as const;
const ANSWER = { approve: true, note: 'fine by me' };
const QUESTION_TIMEOUT_MS = 60_000;
const ASKER_WAIT_MS = 30_000;
/** Each asker's question and its held wait for the answer need a connection each. */
const ASKER_CONNECTIONS = 8;
const ANSWER_CONNECTIONS = 32;

interface Asked {
  elicitationId: string;
}

interface Outcome {
  status: string;
}

/**
 * Questions at a steady rate from the senders, each to one connected feed agent in turn: the
 * asker posts it and waits on `GET /v1/elicitations/:id?waitMs=`; the agent's feed delivers it
 * and the agent answers at once. Timed from when the question was due to the asker's wait
 * returning the answer, with the legs on the way.
 */
export async function runQuestionRoundTrip(
  load: CoordinationLoad,
): Promise<Record<string, unknown>> {
  const { report, plan, cleanup, bridge } = load;
  const agents = load.feedsOpen;
  report.section(
    `questions, round trip, ${agents} connected agents: ${plan.questionsPerSecond}/s from ` +
      `${plan.senders} askers, ${plan.windowMs} ms measured after ${plan.warmupMs} ms`,
  );
  const askers = load.senderTokens.map(
    (token) => new BridgeClient({ url: bridge.url, token, connections: ASKER_CONNECTIONS }),
  );
  const answerers = new BridgeClient({ url: bridge.url, connections: ANSWER_CONNECTIONS });
  const closeClients = cleanup.add(async () => {
    await Promise.all([...askers, answerers].map((client) => client.close()));
  });

  const delivered = new DeliveryLog();
  const answerAcks = new LatencyRecorder();
  const answerFailures = new ErrorTally();
  const roundTrips = new LatencyRecorder();
  const roundTripFailures = new ErrorTally();
  const measuredKeys = new Set<string>();
  let pending = 0;

  load.onFeedItem = (agent: number, item: FeedItem, receivedUs: number) => {
    if (item.kind !== 'question') return;
    const question = String(item.question);
    delivered.delivered(question, receivedUs);
    answerers
      .request('POST', `/v1/elicitations/${String(item.elicitationId)}/answer`, {
        body: { data: ANSWER },
        headers: { authorization: `Bearer ${load.agentToken(agent)}` },
      })
      .then(
        () => {
          if (measuredKeys.has(question)) answerAcks.recordUs(nowUs() - receivedUs);
        },
        (error: unknown) => {
          if (measuredKeys.has(question)) answerFailures.add(failureKind(error));
        },
      );
  };

  const ask = async (index: number, dueUs: number, measured: boolean): Promise<void> => {
    const question = `bench question ${index}: may I merge the lease refactor?`;
    delivered.expect(question, dueUs, 1, measured);
    if (measured) measuredKeys.add(question);
    const asker = askers[index % askers.length] as BridgeClient;
    let asked: Asked;
    try {
      asked = await asker.request<Asked>('POST', '/v1/elicitations', {
        body: {
          to: load.agentName(index % agents),
          question,
          schema: ANSWER_SCHEMA,
          timeoutMs: QUESTION_TIMEOUT_MS,
        },
      });
      delivered.acknowledged(question, nowUs());
    } catch (error) {
      delivered.failed(question, failureKind(error));
      if (measured) roundTripFailures.add(failureKind(error));
      return;
    }
    try {
      const outcome = await asker.request<Outcome>(
        'GET',
        `/v1/elicitations/${asked.elicitationId}`,
        {
          query: { waitMs: ASKER_WAIT_MS },
        },
      );
      if (!measured) return;
      if (outcome.status === 'answered') roundTrips.recordUs(nowUs() - dueUs);
      else roundTripFailures.add(`status_${outcome.status}`);
    } catch (error) {
      if (measured) roundTripFailures.add(failureKind(error));
    }
  };

  const dropsBefore = load.feedsDropped;
  const loop = watchEventLoopDelay();
  const sends = await runSteadySends({
    perSecond: plan.questionsPerSecond,
    warmupMs: plan.warmupMs,
    windowMs: plan.windowMs,
    send(index, dueUs, measured) {
      pending++;
      void ask(index, dueUs, measured).finally(() => pending--);
    },
  });
  const drained = await waitUntil(() => pending === 0, plan.drainMs);
  const loopDelay = loop.stop();
  await closeClients();
  const legs = delivered.summary();
  const unfinished = sends.measuredSends - roundTrips.count - roundTripFailures.total;
  const invalidReason = generatorBehind(sends.sendLag, plan.maxSendLagP99Us);
  const dropped = load.feedsDropped - dropsBefore;

  report.add({
    name: 'question asked (due → 201)',
    latency: legs.acknowledged,
    errors: legs.failedSends,
    notes: legs.failedSends > 0 ? [`failed: ${JSON.stringify(legs.failuresByKind)}`] : [],
  });
  report.add({
    name: 'question on the answerer’s feed (from due)',
    latency: legs.delivered,
    errors: legs.missingDeliveries,
  });
  report.add({
    name: 'answer acknowledged (feed receipt → 200)',
    latency: answerAcks.summary(),
    errors: answerFailures.total,
    notes: [
      'the answering agent’s POST /v1/elicitations/:id/answer, sent as its feed delivered the question',
      ...(answerFailures.total > 0 ? [`failed: ${JSON.stringify(answerFailures.byKind())}`] : []),
    ],
  });
  report.add({
    name: 'question round trip (due → the asker’s wait returns the answer)',
    latency: roundTrips.summary(),
    errors: roundTripFailures.total + unfinished,
    ...(invalidReason === undefined ? {} : { invalidReason }),
    notes: [
      ...describeRun(sends, loopDelay, dropped, drained, plan.drainMs),
      `the asker posts the question, then waits on GET /v1/elicitations/:id?waitMs=${ASKER_WAIT_MS}`,
      `errors: ${JSON.stringify(roundTripFailures.byKind())}, unfinished ${unfinished}`,
    ],
  });
  return {
    agents,
    sends,
    loopDelay,
    feedsDropped: dropped,
    drained,
    legs,
    answerAcks: answerAcks.summary(),
    roundTrips: roundTrips.summary(),
    roundTripFailures: roundTripFailures.byKind(),
  };
}

import { BridgeClient } from '../../src/client/index.js';
import { BridgeError } from '../../src/events/errors.js';
import { nowUs } from '../lib/clock.js';
import type { Cleanup } from './cleanup.js';
import { sampleEvent } from './sample-event.js';
import { sendAtRate } from './send-at-rate.js';

const STREAM_PREFIX = 'sse-bench-';
const STREAM = `${STREAM_PREFIX}writer`;
const FIRST_EVENT_TIMEOUT_MS = 10_000;
/** How long events still missing after the last send may take to arrive. */
const DRAIN_TIMEOUT_MS = 5000;

/** One event's journey, on the bench clock (µs). */
export interface Delivery {
  sentUs: number;
  ackUs?: number;
  receivedUs?: number;
  appendFailed?: boolean;
}

export interface DeliveryRunOptions {
  url: string;
  token: string;
  perSecond: number;
  warmupMs: number;
  windowMs: number;
  cleanup: Cleanup;
}

/**
 * A writer appending over HTTP at a fixed rate, each event carrying its send time, and a
 * consumer in the same process on `GET /v1/events/stream` filtered to the bench's stream
 * prefix, resumed from the current head. Returns the deliveries of the measured window.
 */
export async function runDeliveries(options: DeliveryRunOptions): Promise<Delivery[]> {
  const client = new BridgeClient({ url: options.url, token: options.token });
  const closeClient = options.cleanup.add(() => client.close());
  const head = (await client.readAll({ direction: 'backwards', limit: 1 })).events[0]?.position;
  const feed = client.subscribe({ streamPrefix: STREAM_PREFIX }, { after: head ?? 0 });
  const closeFeed = options.cleanup.add(() => feed.close());

  const deliveries: Delivery[] = [];
  const consumer = (async () => {
    for await (const envelope of feed) {
      const { seq, sentAtUs } = envelope.data as { seq: number; sentAtUs: number };
      const delivery = deliveries[seq];
      if (delivery !== undefined && delivery.sentUs === sentAtUs) delivery.receivedUs = nowUs();
    }
  })();
  const send = (seq: number): void => {
    const delivery: Delivery = { sentUs: nowUs() };
    deliveries[seq] = delivery;
    const event = sampleEvent({
      seq,
      correlationId: `sse-${seq >> 3}`,
      extraData: { sentAtUs: delivery.sentUs },
    });
    client.appendToStream(STREAM, [event]).then(
      () => {
        delivery.ackUs = nowUs();
      },
      () => {
        delivery.appendFailed = true;
      },
    );
  };

  try {
    // One event through before the clock starts, so the stream is live when the window opens.
    send(0);
    await waitFor(() => deliveries[0]?.receivedUs !== undefined, FIRST_EVENT_TIMEOUT_MS);
    const warmup = Math.round((options.perSecond * options.warmupMs) / 1000);
    const measured = Math.round((options.perSecond * options.windowMs) / 1000);
    await sendAtRate(options.perSecond, warmup + measured, (index) => send(index + 1));
    const settled = (delivery: Delivery): boolean =>
      delivery.receivedUs !== undefined || delivery.appendFailed === true;
    await waitFor(() => deliveries.every(settled), DRAIN_TIMEOUT_MS).catch(() => undefined);
    return deliveries.slice(1 + warmup);
  } finally {
    await closeFeed();
    await consumer.catch(() => undefined);
    await closeClient();
  }
}

function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const check = (): void => {
      if (condition()) resolve();
      else if (Date.now() > deadline) {
        reject(new BridgeError('timeout', `the SSE consumer waited more than ${timeoutMs} ms`));
      } else setTimeout(check, 5);
    };
    check();
  });
}

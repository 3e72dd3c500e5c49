import { ErrorTally } from '../lib/agent-connections.js';
import { LatencyRecorder, type LatencySummary } from '../lib/stats.js';
import { waitUntil } from './wait-until.js';

interface Send {
  dueUs: number;
  /** Deliveries this send should make: 1 for a direct message, every reader for a broadcast. */
  recipients: number;
  measured: boolean;
  ackUs?: number;
  failed?: boolean;
  received: number[];
}

export interface DeliverySummary {
  /** Sends of the measured window. */
  sends: number;
  /** Due → the sender's 2xx answer. */
  acknowledged: LatencySummary;
  /** Due → each recipient's receipt. */
  delivered: LatencySummary;
  /** Due → the receipt of the last recipient of each send that reached all of them. */
  lastDelivered: LatencySummary;
  /** The sender's answer → each receipt; negative when the receipt came first. */
  afterAcknowledgement: LatencySummary;
  failedSends: number;
  failuresByKind: Record<string, number>;
  /** Deliveries of successful sends that never arrived. */
  missingDeliveries: number;
  /** Receipts beyond a send's recipients (a stream delivering twice). */
  duplicates: number;
}

/**
 * The journey of every send of a run, by a key the send carries to its recipients (a nonce in a
 * subject, say): when it was due, when its sender was answered, and when each recipient got it.
 * Times are on the bench clock (µs). Warm-up sends are tracked, so the run can wait for them too,
 * but left out of the figures.
 */
export class DeliveryLog {
  private readonly sends = new Map<string, Send>();
  private readonly failures = new ErrorTally();
  private outstanding = 0;
  private duplicateCount = 0;

  expect(key: string, dueUs: number, recipients: number, measured: boolean): void {
    if (this.sends.has(key)) throw new RangeError(`send ${key} is already expected`);
    this.sends.set(key, { dueUs, recipients, measured, received: [] });
    this.outstanding += recipients;
  }

  acknowledged(key: string, atUs: number): void {
    const send = this.sends.get(key);
    if (send !== undefined) send.ackUs = atUs;
  }

  /** A send that was refused or never answered: its deliveries are no longer awaited. */
  failed(key: string, kind: string): void {
    const send = this.sends.get(key);
    if (send === undefined || send.failed) return;
    send.failed = true;
    this.outstanding -= send.recipients - Math.min(send.received.length, send.recipients);
    if (send.measured) this.failures.add(kind);
  }

  /** A recipient's receipt; keys of sends this log does not know are ignored. */
  delivered(key: string, atUs: number): void {
    const send = this.sends.get(key);
    if (send === undefined) return;
    if (send.received.length >= send.recipients) {
      this.duplicateCount++;
      return;
    }
    send.received.push(atUs);
    if (!send.failed) this.outstanding--;
  }

  /** Whether every delivery expected so far has arrived (or its send failed). */
  get settled(): boolean {
    return this.outstanding === 0;
  }

  /** Resolves true once settled, or false when `timeoutMs` passed first. */
  waitSettled(timeoutMs: number): Promise<boolean> {
    return waitUntil(() => this.settled, timeoutMs);
  }

  summary(): DeliverySummary {
    const acknowledged = new LatencyRecorder();
    const delivered = new LatencyRecorder();
    const lastDelivered = new LatencyRecorder();
    const afterAcknowledgement = new LatencyRecorder();
    let sends = 0;
    let missing = 0;
    for (const send of this.sends.values()) {
      if (!send.measured) continue;
      sends++;
      if (send.ackUs !== undefined) acknowledged.recordUs(send.ackUs - send.dueUs);
      for (const receivedUs of send.received) {
        delivered.recordUs(receivedUs - send.dueUs);
        if (send.ackUs !== undefined) afterAcknowledgement.recordUs(receivedUs - send.ackUs);
      }
      if (send.received.length === send.recipients) {
        lastDelivered.recordUs(Math.max(...send.received) - send.dueUs);
      } else if (!send.failed) {
        missing += send.recipients - send.received.length;
      }
    }
    return {
      sends,
      acknowledged: acknowledged.summary(),
      delivered: delivered.summary(),
      lastDelivered: lastDelivered.summary(),
      afterAcknowledgement: afterAcknowledgement.summary(),
      failedSends: this.failures.total,
      failuresByKind: this.failures.byKind(),
      missingDeliveries: missing,
      duplicates: this.duplicateCount,
    };
  }
}

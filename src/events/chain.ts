import { createHmac } from 'node:crypto';

/** The hash before the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event as the chain sees it: data and metadata as the exact JSON text that was stored. */
export interface ChainedEvent {
  position: number;
  streamId: string;
  revision: number;
  id: string;
  type: string;
  recordedAt: string;
  dataText: string;
  metadataText: string;
}

/**
 * Each event's hash is an HMAC-SHA256, keyed by the store's secret, over the previous hash and the
 * canonical event (its fields in a fixed order, data and metadata as stored), so editing, removing
 * or reordering any event breaks every hash after it.
 */
export function chainHash(secret: Buffer, previousHash: string, event: ChainedEvent): string {
  return createHmac('sha256', secret)
    .update(
      `${previousHash}\n${JSON.stringify([
        event.position,
        event.streamId,
        event.revision,
        event.id,
        event.type,
        event.recordedAt,
      ])}\n${event.dataText}\n${event.metadataText}`,
    )
    .digest('hex');
}
/** Identifies a secret without revealing it, so a store can tell when its key was swapped. */
export function secretFingerprint(secret: Buffer): string {
  return createHmac('sha256', secret).update('lighthouse-bridge/secret-fingerprint').digest('hex');
}

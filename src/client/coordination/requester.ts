import type { BridgeClient } from '../client.js';

/** What a domain client needs of the bridge client: its JSON requests. */
export type Requester = Pick<BridgeClient, 'request'>;

/** An id as one path segment. */
export function segment(id: string): string {
  return encodeURIComponent(id);
}

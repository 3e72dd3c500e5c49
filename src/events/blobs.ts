import { createHash } from 'node:crypto';

/** A content-addressed payload: `hash` is the lowercase hex sha256 of the bytes. */
export interface BlobRef {
  hash: string;
  size: number;
}

const BLOB_HASH = /^[0-9a-f]{64}$/;

export function blobHash(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

export function isBlobHash(value: string): boolean {
  return BLOB_HASH.test(value);
}

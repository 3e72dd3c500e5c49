import { createHash, createHmac } from 'node:crypto';
import type { Decision } from '../types.js';

export const APPROVAL_CODE_LENGTH = 6;
/** Letters and digits without the look-alikes 0/O and 1/I, so a code read aloud survives. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE = new RegExp(`^[${ALPHABET}]{${APPROVAL_CODE_LENGTH}}$`);

/** Everything that makes two calls "the same call" for an approval. */
export function callDigest(agentId: string, decision: Decision): string {
  const { normalized, policyVersion } = decision;
  return createHash('sha256')
    .update([agentId, policyVersion, normalized.tool, normalized.cwd, normalized.input].join('\0'))
    .digest('hex');
}

/**
 * The short code a denial offers for this exact call. It is keyed by the bridge's secret, so an
 * agent cannot work out which call a code stands for, nor the code of a call it has not made; the
 * same call gets the same code, so the retry after an approval finds it.
 */
export function approvalCodeFor(key: Uint8Array, digest: string): string {
  const mac = createHmac('sha256', key).update(digest).digest();
  let code = '';
  for (let index = 0; index < APPROVAL_CODE_LENGTH; index++) {
    code += ALPHABET[(mac[index] as number) % ALPHABET.length];
  }
  return code;
}

/** The code as typed by a human (any case, surrounding blanks), or null when it cannot be one. */
export function normalizeApprovalCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  return CODE.test(code) ? code : null;
}

/** A key of its own for approval codes, derived from the bridge's secret. */
export function deriveApprovalKey(secret: Uint8Array): Buffer {
  return createHmac('sha256', secret).update('lighthouse guard approval codes').digest();
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from '../events/uuid.js';

export const TOKEN_PREFIX = 'lhb_';
const SECRET_BYTES = 32;
/** `lhb_<tokenId>_<secret>`: a UUID, then 32 random bytes in base64url (43 characters). */
const AGENT_TOKEN =
  /^lhb_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

export interface IssuedToken {
  tokenId: string;
  token: string;
  /** Hex sha256 of the whole token: all the log ever holds of it. */
  tokenHash: string;
}

export function randomSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

export function newAgentToken(): IssuedToken {
  const tokenId = uuidv7();
  const token = `${TOKEN_PREFIX}${tokenId}_${randomSecret()}`;
  return { tokenId, token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token id of a well-formed agent token, or null. */
export function agentTokenId(token: string): string | null {
  return AGENT_TOKEN.exec(token)?.[1] ?? null;
}

/** Compares two hex sha256 digests in constant time. */
export function sameDigest(leftHex: string, rightHex: string): boolean {
  const left = Buffer.from(leftHex, 'hex');
  const right = Buffer.from(rightHex, 'hex');
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right);
}

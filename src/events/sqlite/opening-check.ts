import type Database from 'better-sqlite3';
import { secretFingerprint } from '../chain.js';
import { IntegrityError } from '../errors.js';
import { checkChain, secretMatches } from './chain-check.js';

/** How many of the newest events are re-hashed at every start; `verify` checks them all. */
export const TAIL_CHECKED_AT_OPEN = 1000;

/**
 * Refuses to open a store whose key changed or whose newest events do not chain: writing on top
 * of either would bury the fault under new, validly chained events.
 */
export function checkOpeningIntegrity(db: Database.Database, secret: Buffer): void {
  const matches = secretMatches(db, secret);
  if (matches === false) {
    throw new IntegrityError(
      'the secret in the data directory is not the one this event store was created with; restore the original secret file',
    );
  }
  if (matches === null) {
    db.prepare("INSERT INTO meta (key, value) VALUES ('secret_fingerprint', ?)").run(
      secretFingerprint(secret),
    );
  }
  const head = (
    db.prepare('SELECT max(position) AS head FROM events').get() as { head: number | null }
  ).head;
  if (!head) return;
  const from = Math.max(1, head - TAIL_CHECKED_AT_OPEN + 1);
  const chain = checkChain(db, secret, from, null);
  const first = chain.next();
  chain.return({ events: 0 });
  if (!first.done) {
    throw new IntegrityError(
      `the event chain is broken: ${first.value.message}; run "lighthouse-bridge verify" for a full report`,
      { position: first.value.position },
    );
  }
}

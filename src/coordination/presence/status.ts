import { invalidInput } from '../errors.js';
import type { PresenceStatus } from './events.js';

/** An agent is online while its last heartbeat is younger than `onlineMs`, idle below `idleMs`. */
export interface PresenceThresholds {
  onlineMs: number;
  idleMs: number;
}

export const DEFAULT_PRESENCE_THRESHOLDS: PresenceThresholds = Object.freeze({
  onlineMs: 60_000,
  idleMs: 300_000,
});

export function checkThresholds(thresholds: PresenceThresholds): PresenceThresholds {
  const { onlineMs, idleMs } = thresholds;
  if (
    !(Number.isFinite(onlineMs) && onlineMs > 0 && Number.isFinite(idleMs) && idleMs > onlineMs)
  ) {
    throw invalidInput('thresholds', 'presence thresholds need 0 < onlineMs < idleMs');
  }
  return thresholds;
}

export function presenceStatus(
  lastSeenMs: number | null,
  now: number,
  thresholds: PresenceThresholds,
): PresenceStatus {
  if (lastSeenMs === null) return 'offline';
  const age = now - lastSeenMs;
  if (age < thresholds.onlineMs) return 'online';
  if (age < thresholds.idleMs) return 'idle';
  return 'offline';
}

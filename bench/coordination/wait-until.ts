import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 5;

/** Resolves true once `condition()` holds, or false when `timeoutMs` passed first. */
export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

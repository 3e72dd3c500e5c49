import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { BridgeError } from '../../src/events/errors.js';
import { nowUs } from '../lib/clock.js';

/**
 * Polls `GET /ready` every `pollMs` until it answers 200; resolves with that moment on the bench
 * clock (µs). Refused connections and other statuses count as not ready yet.
 */
export async function waitUntilReady(
  url: string,
  token: string,
  options: { pollMs?: number; timeoutMs?: number } = {},
): Promise<number> {
  const pollMs = options.pollMs ?? 2;
  const deadlineUs = nowUs() + (options.timeoutMs ?? 30_000) * 1000;
  let last = 'no answer';
  while (nowUs() < deadlineUs) {
    try {
      const response = await request(`${url}/ready`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.body.dump();
      if (response.statusCode === 200) return nowUs();
      last = `HTTP ${response.statusCode}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(pollMs);
  }
  throw new BridgeError('not_ready', `${url}/ready did not answer 200 in time (last: ${last})`);
}

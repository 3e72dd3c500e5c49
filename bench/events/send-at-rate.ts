import { nowUs } from '../lib/clock.js';

/**
 * Calls `send(i, dueUs)` for i = 0..count-1 at `perSecond`, each as close to its due time (on the
 * bench clock) as timers allow.
 */
export function sendAtRate(
  perSecond: number,
  count: number,
  send: (index: number, dueUs: number) => void,
): Promise<void> {
  const periodUs = 1_000_000 / perSecond;
  const startUs = nowUs();
  let index = 0;
  return new Promise<void>((done) => {
    const tick = (): void => {
      const now = nowUs();
      while (index < count && startUs + index * periodUs <= now) {
        send(index, startUs + index * periodUs);
        index++;
      }
      if (index >= count) {
        done();
        return;
      }
      setTimeout(tick, (startUs + index * periodUs - now) / 1000);
    };
    tick();
  });
}

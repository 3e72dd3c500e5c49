import type { EventStore } from '../../src/events/store.js';
import { nowUs } from '../lib/clock.js';
import { ratePerSecond } from '../lib/stats.js';
import type { SeedMix } from './seed-mix.js';

/**
 * Appends in flight at once. They are group-committed together, so each transaction carries
 * about this many appends (≈ 1000 events) while every append keeps to one stream.
 */
const SEED_CONCURRENCY = 128;
const PROGRESS_STEPS = 10;

export interface SeedResult {
  events: number;
  appends: number;
  seconds: number;
  eventsPerSecond: number;
}

/** Fills the store with `total` events from the mix, as fast as group commit allows. */
export async function seedLog(
  store: EventStore,
  mix: SeedMix,
  total: number,
  onProgress: (written: number) => void = () => {},
): Promise<SeedResult> {
  const step = Math.ceil(total / PROGRESS_STEPS);
  let remaining = total;
  let written = 0;
  let appends = 0;
  const startedUs = nowUs();
  const seeder = async (): Promise<void> => {
    while (remaining > 0) {
      const append = mix.nextAppend(remaining);
      remaining -= append.events.length;
      appends++;
      await store.appendToStream(append.streamId, append.events);
      const before = written;
      written += append.events.length;
      if (Math.floor(written / step) > Math.floor(before / step)) onProgress(written);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, seeder));
  const elapsedUs = nowUs() - startedUs;
  return {
    events: total,
    appends,
    seconds: elapsedUs / 1e6,
    eventsPerSecond: ratePerSecond(total, elapsedUs),
  };
}

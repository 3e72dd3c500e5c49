import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../src/events/envelope.js';
import { openSqliteStore, type SqliteEventStore } from '../../../src/events/sqlite/sqlite-store.js';
import { type LogFold, LogFollower } from '../../../src/guard/audit/log-follower.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const opened: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

async function open(dataDir: string): Promise<SqliteEventStore> {
  const store = await openSqliteStore({ dataDir });
  opened.push(store);
  return store;
}

/** Remembers the positions of the counted events it was given, in the order given. */
function countingFold(): LogFold & { positions: number[] } {
  const positions: number[] = [];
  return {
    types: ['Counted'],
    positions,
    apply: (event: EventEnvelope) => positions.push(event.position),
  };
}

async function follow(store: SqliteEventStore, fold: LogFold, refreshIntervalMs = 60_000) {
  const follower = new LogFollower(store, fold, { refreshIntervalMs });
  await follower.start();
  opened.push({ close: () => follower.stop() });
  return follower;
}

const counted = { type: 'Counted', data: {} };
const other = { type: 'Other', data: {} };

async function countedPositions(store: SqliteEventStore): Promise<number[]> {
  const page = await store.readAll({ types: ['Counted'], limit: 1000 });
  return page.events.map((event) => event.position);
}

describe('LogFollower', () => {
  it('folds what was recorded before it started, then every local commit, in log order, each once', async () => {
    const store = await open(tempDir());
    await store.appendToStream('s-1', [counted, other, counted]);
    const fold = countingFold();
    const follower = await follow(store, fold);
    expect(fold.positions).toEqual([1, 3]);

    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        store.appendToStream(`s-${index % 7}`, index % 3 === 0 ? [other] : [counted, other]),
      ),
    );
    expect(fold.positions).toEqual(await countedPositions(store));
    expect(follower.position).toBe(await store.headPosition());
  });

  it('has folded an append by the time the append resolves', async () => {
    const store = await open(tempDir());
    const fold = countingFold();
    await follow(store, fold);
    for (let round = 0; round < 5; round += 1) {
      await store.appendToStream('s', [other]);
      const { position } = await store.appendToStream('s', [counted]);
      expect(fold.positions.at(-1)).toBe(position);
    }
  });

  it('reads in what another node wrote to the same log, keeping log order across both', async () => {
    const dataDir = tempDir();
    const here = await open(dataDir);
    const elsewhere = await open(dataDir);
    const fold = countingFold();
    const follower = await follow(here, fold, 20);

    await here.appendToStream('a', [counted]);
    await elsewhere.appendToStream('b', [counted, other, counted]);
    // This local commit does not follow on from what was folded: the gap is read from the log.
    await here.appendToStream('a', [counted]);
    await expect.poll(() => fold.positions.length).toBe(4);
    await elsewhere.appendToStream('b', [counted]);
    await expect.poll(() => follower.position).toBe(await here.headPosition());

    expect(fold.positions).toEqual(await countedPositions(here));
  });
});

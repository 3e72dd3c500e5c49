import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope, ReadAllOptions } from '../../src/events/envelope.js';
import { INDEX_FILE, INDEX_TAIL_LIMIT } from '../../src/events/sqlite/index-file.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/events/sqlite/sqlite-store.js';
import { uuidv7 } from '../../src/events/uuid.js';
import { useStores } from '../support/stores.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const newStore = useStores();

const STREAMS = ['orders-1', 'orders-2', 'users-1'];
const TYPES = ['Placed', 'Shipped', 'Joined'];

/**
 * Appends `count` events, one append each, spread over streams, types, agents and sessions, and
 * returns them as recorded: the oldest end up in the index, the newest in the log's tail.
 */
async function fill(store: SqliteEventStore, count: number): Promise<EventEnvelope[]> {
  for (let n = 0; n < count; n++) {
    await store.appendToStream(STREAMS[n % 3] as string, [
      {
        type: TYPES[n % 3] as string,
        data: { n },
        metadata: { agentId: `agent-${n % 2}`, correlationId: `session-${n % 4}` },
      },
    ]);
  }
  const all: EventEnvelope[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, limit: 1000 });
    all.push(...page.events);
    if (page.next === null) return all;
    after = page.next;
  }
}

async function pagesOf(
  read: (cursor: number | undefined) => Promise<{ events: EventEnvelope[]; next: number | null }>,
): Promise<number[]> {
  const positions: number[] = [];
  let cursor: number | undefined;
  for (;;) {
    const page = await read(cursor);
    positions.push(...page.events.map((event) => event.position));
    if (page.next === null) return positions;
    cursor = page.next;
  }
}

const FILTERS: Array<{
  name: string;
  options: ReadAllOptions;
  keep(event: EventEnvelope): boolean;
}> = [
  { name: 'one type', options: { types: ['Shipped'] }, keep: (e) => e.type === 'Shipped' },
  {
    name: 'two types',
    options: { types: ['Placed', 'Joined'] },
    keep: (e) => e.type !== 'Shipped',
  },
  {
    name: 'stream prefix',
    options: { streamPrefix: 'orders-' },
    keep: (e) => e.streamId.startsWith('orders-'),
  },
  {
    name: 'agent',
    options: { agentId: 'agent-1' },
    keep: (e) => e.metadata.agentId === 'agent-1',
  },
  {
    name: 'correlation and type',
    options: { correlationId: 'session-2', types: ['Shipped', 'Placed'] },
    keep: (e) => e.metadata.correlationId === 'session-2' && e.type !== 'Joined',
  },
];

describe('reads across the index and the log tail it has not taken yet', () => {
  for (const count of [INDEX_TAIL_LIMIT - 5, INDEX_TAIL_LIMIT * 3 + 7]) {
    for (const { name, options, keep } of FILTERS) {
      it(`${name}, ${count} events: every page, both directions, matches the log`, async () => {
        const store = await newStore();
        const all = await fill(store, count);
        const expected = all.filter(keep).map((event) => event.position);
        for (const limit of [1, 7, 50]) {
          const forwards = await pagesOf((after) => store.readAll({ ...options, after, limit }));
          expect(forwards).toEqual(expected);
          const backwards = await pagesOf((after) =>
            store.readAll({ ...options, after, limit, direction: 'backwards' }),
          );
          expect(backwards).toEqual([...expected].reverse());
        }
      });
    }

    it(`streams and their revisions, ${count} events`, async () => {
      const store = await newStore();
      const all = await fill(store, count);
      for (const streamId of STREAMS) {
        const expected = all.filter((e) => e.streamId === streamId).map((e) => e.position);
        expect(await store.streamRevision(streamId)).toBe(expected.length - 1);
        for (const limit of [1, 5, 100]) {
          const forwards = await pagesOf((fromRevision) =>
            store.readStream(streamId, { fromRevision, limit }),
          );
          expect(forwards).toEqual(expected);
          const backwards = await pagesOf((fromRevision) =>
            store.readStream(streamId, { fromRevision, limit, direction: 'backwards' }),
          );
          expect(backwards).toEqual([...expected].reverse());
        }
      }
      expect(await store.streamRevision('nothing-here')).toBe(-1);
    });
  }

  it('takes a retried append as a retry whether its events are in the tail or indexed', async () => {
    const store = await newStore();
    const early = { id: uuidv7(), type: 'Placed', data: { n: 'early' } };
    const first = await store.appendToStream('orders-1', [early]);
    await fill(store, INDEX_TAIL_LIMIT * 2);
    const late = { id: uuidv7(), type: 'Placed', data: { n: 'late' } };
    const second = await store.appendToStream('orders-1', [late]);

    expect(await store.appendToStream('orders-1', [early])).toEqual(first);
    expect(await store.appendToStream('orders-1', [late])).toEqual(second);
    await expect(
      store.appendToStream('orders-1', [{ ...late, data: { n: 'changed' } }]),
    ).rejects.toMatchObject({ code: 'idempotency_conflict' });
    expect(await store.headPosition()).toBe(INDEX_TAIL_LIMIT * 2 + 2);
  });

  it('keeps revisions gap-free when two stores share one log and take turns on a stream', async () => {
    const dataDir = tempDir();
    const left = await newStore(dataDir);
    const right = await newStore(dataDir);
    for (let n = 0; n < INDEX_TAIL_LIMIT + 10; n++) {
      const store = n % 3 === 0 ? right : left;
      await store.appendToStream('shared', [{ type: 'Turned', data: { n } }], {
        expectedRevision: n === 0 ? 'no_stream' : n - 1,
      });
    }
    for (const store of [left, right]) {
      const page = await store.readStream('shared', { limit: 1000 });
      expect(page.events.map((event) => event.revision)).toEqual(
        Array.from({ length: INDEX_TAIL_LIMIT + 10 }, (_, n) => n),
      );
      expect(await store.streamRevision('shared')).toBe(INDEX_TAIL_LIMIT + 9);
    }
  });

  it('indexes the tail when the store closes, before marking the index clean', async () => {
    const dataDir = tempDir();
    const store = await openSqliteStore({ dataDir });
    await fill(store, INDEX_TAIL_LIMIT + 3);
    await store.close();
    const index = new Database(path.join(dataDir, INDEX_FILE), { readonly: true });
    try {
      expect(index.prepare('SELECT count(*) FROM event_keys').pluck().get()).toBe(
        INDEX_TAIL_LIMIT + 3,
      );
      expect(index.prepare("SELECT value FROM index_meta WHERE key = 'clean'").pluck().get()).toBe(
        '1',
      );
    } finally {
      index.close();
    }
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope, ExpectedRevision } from '../../src/events/envelope.js';
import type { SqliteEventStore } from '../../src/events/sqlite/sqlite-store.js';
import { uuidv7 } from '../../src/events/uuid.js';
import { useStores } from '../support/stores.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const newStore = useStores();

const event = (type = 'Tested', data: unknown = { n: 1 }) => ({ type, data: data as never });

describe('appendToStream', () => {
  it('assigns gap-free positions and per-stream revisions from 0', async () => {
    const store = await newStore();
    expect(await store.appendToStream('a', [event(), event()])).toEqual({
      position: 2,
      nextRevision: 2,
    });
    expect(await store.appendToStream('b', [event()])).toEqual({ position: 3, nextRevision: 1 });
    expect(await store.appendToStream('a', [event()])).toEqual({ position: 4, nextRevision: 3 });
    const all = await store.readAll();
    expect(all.events.map((e) => [e.position, e.streamId, e.revision])).toEqual([
      [1, 'a', 0],
      [2, 'a', 1],
      [3, 'b', 0],
      [4, 'a', 2],
    ]);
    expect(all.next).toBeNull();
  });

  const expectations: Array<[string, number, ExpectedRevision, boolean]> = [
    ['any on a new stream', -1, 'any', true],
    ['any on an existing stream', 1, 'any', true],
    ['no_stream on a new stream', -1, 'no_stream', true],
    ['no_stream on an existing stream', 0, 'no_stream', false],
    ['exists on a new stream', -1, 'exists', false],
    ['exists on an existing stream', 0, 'exists', true],
    ['the current revision', 2, 2, true],
    ['a stale revision', 2, 1, false],
    ['a future revision', 2, 3, false],
    ['a revision on a new stream', -1, 0, false],
  ];
  it.each(expectations)('expected revision: %s', async (_name, current, expected, accepted) => {
    const store = await newStore();
    for (let revision = 0; revision <= current; revision++)
      await store.appendToStream('s', [event()]);
    const head = await store.headPosition();
    const attempt = store.appendToStream('s', [event()], { expectedRevision: expected });
    if (accepted) {
      await expect(attempt).resolves.toEqual({ position: head + 1, nextRevision: current + 2 });
    } else {
      await expect(attempt).rejects.toMatchObject({ code: 'wrong_expected_revision' });
      expect(await store.headPosition()).toBe(head);
    }
  });

  it('lets exactly one of many concurrent writers expecting the same revision win', async () => {
    const store = await newStore();
    await store.appendToStream('s', [event()]);
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        store.appendToStream('s', [event()], { expectedRevision: 0 }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(await store.streamRevision('s')).toBe(1);
  });

  it('returns the original result for a retried append and writes nothing', async () => {
    const store = await newStore();
    const ids = [uuidv7(), uuidv7()];
    const events = ids.map((id, n) => ({
      id,
      type: 'Tested',
      data: { n },
      metadata: { agentId: 'x' },
    }));
    const first = await store.appendToStream('s', events, { expectedRevision: 'no_stream' });
    await store.appendToStream('other', [event()]);
    const again = await store.appendToStream('s', events, { expectedRevision: 'no_stream' });
    expect(again).toEqual(first);
    expect(await store.headPosition()).toBe(3);
  });

  it.each([
    ['different data', { data: { n: 2 } }],
    ['a different type', { type: 'Other' }],
    ['a different stream', { stream: 'elsewhere' }],
  ])(
    'refuses a reused id with %s',
    async (_name, change: { data?: unknown; type?: string; stream?: string }) => {
      const store = await newStore();
      const id = uuidv7();
      await store.appendToStream('s', [{ id, type: 'Tested', data: { n: 1 } }]);
      const attempt = store.appendToStream(change.stream ?? 's', [
        { id, type: change.type ?? 'Tested', data: (change.data ?? { n: 1 }) as never },
      ]);
      await expect(attempt).rejects.toMatchObject({ code: 'idempotency_conflict' });
      expect(await store.headPosition()).toBe(1);
    },
  );

  it('refuses an append that mixes recorded and new ids', async () => {
    const store = await newStore();
    const id = uuidv7();
    await store.appendToStream('s', [{ id, type: 'Tested', data: 1 }]);
    await expect(
      store.appendToStream('s', [
        { id, type: 'Tested', data: 1 },
        { id: uuidv7(), type: 'Tested', data: 2 },
      ]),
    ).rejects.toMatchObject({ code: 'idempotency_conflict' });
    expect(await store.headPosition()).toBe(1);
  });

  it.each([
    ['an empty stream id', '', [event()]],
    ['no events', 's', []],
    ['an event without type', 's', [{ data: 1 }]],
    ['an event without data', 's', [{ type: 'T' }]],
    ['an id that is not a UUID', 's', [{ id: 'nope', type: 'T', data: 1 }]],
    [
      'the same id twice',
      's',
      [
        { id: '01890a5d-ac96-774b-bcce-b302099a8057', type: 'T', data: 1 },
        { id: '01890a5d-ac96-774b-bcce-b302099a8057', type: 'T', data: 2 },
      ],
    ],
    ['metadata that is not an object', 's', [{ type: 'T', data: 1, metadata: [] }]],
    ['an agentId that is not a string', 's', [{ type: 'T', data: 1, metadata: { agentId: 5 } }]],
  ])('refuses %s and writes nothing', async (_name, streamId, events) => {
    const store = await newStore();
    await expect(store.appendToStream(streamId, events as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await store.headPosition()).toBe(0);
  });

  it('stores data as plain JSON, detached from the caller', async () => {
    const store = await newStore();
    const data = { when: new Date(0), list: [1, undefined], nested: { keep: true } };
    await store.appendToStream('s', [{ type: 'T', data: data as never }]);
    data.nested.keep = false;
    const [stored] = (await store.readStream('s')).events;
    expect(stored?.data).toEqual({
      when: '1970-01-01T00:00:00.000Z',
      list: [1, null],
      nested: { keep: true },
    });
  });
});

describe('reads', () => {
  async function seeded(): Promise<SqliteEventStore> {
    const store = await newStore();
    for (let n = 0; n < 30; n++) {
      await store.appendToStream(n % 3 === 0 ? 'task-1' : `msg-${n % 2}`, [
        {
          type: n % 2 === 0 ? 'Even' : 'Odd',
          data: { n },
          metadata: { agentId: n % 5 === 0 ? 'alice' : 'bob', correlationId: `c${n % 4}` },
        },
      ]);
    }
    return store;
  }

  async function readAllPages(
    store: SqliteEventStore,
    options: Parameters<SqliteEventStore['readAll']>[0],
  ) {
    const seen: EventEnvelope[] = [];
    let after = options?.after;
    for (;;) {
      const page = await store.readAll({ ...options, after });
      seen.push(...page.events);
      if (page.next === null) return seen;
      after = page.next;
    }
  }

  it.each([
    ['types', { types: ['Even'] }, (e: EventEnvelope) => e.type === 'Even'],
    ['two types', { types: ['Even', 'Odd'] }, () => true],
    [
      'stream prefix',
      { streamPrefix: 'msg-' },
      (e: EventEnvelope) => e.streamId.startsWith('msg-'),
    ],
    ['agent', { agentId: 'alice' }, (e: EventEnvelope) => e.metadata.agentId === 'alice'],
    [
      'correlation',
      { correlationId: 'c1' },
      (e: EventEnvelope) => e.metadata.correlationId === 'c1',
    ],
    [
      'combined',
      { types: ['Odd'], agentId: 'alice' },
      (e: EventEnvelope) => e.type === 'Odd' && e.metadata.agentId === 'alice',
    ],
  ])('filters by %s across pages, both directions', async (_name, filter, predicate) => {
    const store = await seeded();
    const everything = (await store.readAll({ limit: 1000 })).events;
    const expected = everything.filter(predicate).map((e) => e.position);
    const forwards = await readAllPages(store, { ...filter, limit: 4 });
    expect(forwards.map((e) => e.position)).toEqual(expected);
    const backwards = await readAllPages(store, { ...filter, limit: 4, direction: 'backwards' });
    expect(backwards.map((e) => e.position)).toEqual([...expected].reverse());
  });

  it('pages a stream prefix with thousands of matches the same way as a narrow one', async () => {
    const store = await newStore();
    for (let batch = 0; batch < 61; batch++) {
      const streamId = batch % 10 === 0 ? `small-${batch}` : `big-${batch % 7}`;
      await store.appendToStream(
        streamId,
        Array.from({ length: 100 }, () => event()),
      );
    }
    for (const prefix of ['big-', 'small-']) {
      const expected = (await readAllPages(store, { limit: 10_000 }))
        .filter((e) => e.streamId.startsWith(prefix))
        .map((e) => e.position);
      const forwards = await readAllPages(store, { streamPrefix: prefix, limit: 999 });
      expect(forwards.map((e) => e.position)).toEqual(expected);
      const backwards = await readAllPages(store, {
        streamPrefix: prefix,
        limit: 999,
        direction: 'backwards',
      });
      expect(backwards.map((e) => e.position)).toEqual([...expected].reverse());
    }
  });

  it('filters by a time range', async () => {
    const store = await newStore();
    await store.appendToStream('s', [event()]);
    await new Promise((resolve) => setTimeout(resolve, 15));
    const middle = new Date().toISOString();
    await store.appendToStream('s', [event(), event()]);
    await new Promise((resolve) => setTimeout(resolve, 15));
    const end = Date.now();
    await store.appendToStream('s', [event()]);
    const inRange = await store.readAll({ since: middle, until: end });
    expect(inRange.events.map((e) => e.position)).toEqual([2, 3]);
    await expect(store.readAll({ since: 'yesterday-ish' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('pages a stream forwards and backwards with next as the following revision', async () => {
    const store = await newStore();
    for (let n = 0; n < 5; n++) await store.appendToStream('s', [event('T', { n })]);
    const first = await store.readStream('s', { limit: 2 });
    expect(first.events.map((e) => e.revision)).toEqual([0, 1]);
    expect(first.next).toBe(2);
    const last = await store.readStream('s', { fromRevision: 4, limit: 2 });
    expect(last).toMatchObject({ next: null });
    const back = await store.readStream('s', { direction: 'backwards', limit: 3 });
    expect(back.events.map((e) => e.revision)).toEqual([4, 3, 2]);
    expect(back.next).toBe(1);
    const rest = await store.readStream('s', { direction: 'backwards', fromRevision: 1, limit: 3 });
    expect(rest.events.map((e) => e.revision)).toEqual([1, 0]);
    expect(rest.next).toBeNull();
  });

  it.each([[{ limit: 0 }], [{ limit: 10_001 }], [{ after: -1 }], [{ types: [] }]])(
    'refuses bad read options %j',
    async (options) => {
      const store = await newStore();
      await expect(store.readAll(options)).rejects.toMatchObject({ code: 'invalid_input' });
    },
  );
});

describe('subscriptions', () => {
  async function take(iterator: AsyncIterator<EventEnvelope>, count: number): Promise<number[]> {
    const positions: number[] = [];
    while (positions.length < count) {
      const next = await iterator.next();
      if (next.done) break;
      positions.push(next.value.position);
    }
    return positions;
  }

  it('catches up, then goes live, with no gap and no duplicate at the switch', async () => {
    const store = await newStore();
    for (let n = 0; n < 1200; n++) await store.appendToStream(`s${n % 7}`, [event()]);
    const subscription = store.subscribeToAll({ after: 100 });
    const iterator = subscription[Symbol.asyncIterator]();
    const firstBatch = await take(iterator, 50);
    const writers = Array.from({ length: 300 }, (_, n) =>
      store.appendToStream(`live${n % 5}`, [event()]),
    );
    const rest = await take(iterator, 1100 + 300 - 50);
    await Promise.all(writers);
    const positions = [...firstBatch, ...rest];
    expect(positions).toEqual(Array.from({ length: 1400 }, (_, n) => n + 101));
    expect(subscription.lastPosition).toBe(1500);
    subscription.close();
    expect(await iterator.next()).toMatchObject({ done: true });
  });

  it('applies filters live as in catch-up', async () => {
    const store = await newStore();
    await store.appendToStream('keep-1', [event('A')]);
    await store.appendToStream('drop-1', [event('A')]);
    const subscription = store.subscribeToAll({ streamPrefix: 'keep-', types: ['A'] });
    const iterator = subscription[Symbol.asyncIterator]();
    await store.appendToStream('keep-2', [event('B'), event('A')]);
    await store.appendToStream('drop-2', [event('A')]);
    expect(await take(iterator, 2)).toEqual([1, 4]);
    subscription.close();
  });

  it('catches a slow consumer up from the log instead of holding appends', async () => {
    const store = await newStore();
    const subscription = store.subscribeToAll({ bufferSize: 10 });
    const iterator = subscription[Symbol.asyncIterator]();
    expect(await take(iterator, 0)).toEqual([]);
    await store.appendToStream('s', [event()]);
    expect(await take(iterator, 1)).toEqual([1]);
    await Promise.all(Array.from({ length: 500 }, () => store.appendToStream('s', [event()])));
    const positions = await take(iterator, 500);
    expect(positions).toEqual(Array.from({ length: 500 }, (_, n) => n + 2));
    subscription.close();
  });

  it('follows one stream from a revision', async () => {
    const store = await newStore();
    await store.appendToStream('mine', [event(), event(), event()]);
    await store.appendToStream('other', [event()]);
    const subscription = store.subscribeToStream('mine', { fromRevision: 1 });
    const iterator = subscription[Symbol.asyncIterator]();
    await store.appendToStream('mine', [event()]);
    const events: EventEnvelope[] = [];
    for (let n = 0; n < 3; n++) events.push((await iterator.next()).value as EventEnvelope);
    expect(events.map((e) => [e.streamId, e.revision])).toEqual([
      ['mine', 1],
      ['mine', 2],
      ['mine', 3],
    ]);
    subscription.close();
  });

  it('ends a for-await loop cleanly on break', async () => {
    const store = await newStore();
    await store.appendToStream('s', [event(), event()]);
    const subscription = store.subscribeToAll();
    for await (const seen of subscription) {
      expect(seen.position).toBe(1);
      break;
    }
    await store.appendToStream('s', [event()]);
    expect(subscription.lastPosition).toBe(1);
  });
});

describe('blobs and snapshots', () => {
  it('stores content once under its sha256', async () => {
    const store = await newStore();
    const content = new TextEncoder().encode('hello, blob');
    const first = await store.putBlob(content);
    const second = await store.putBlob(content);
    expect(first).toEqual(second);
    expect(first).toEqual({ hash: createHash('sha256').update(content).digest('hex'), size: 11 });
    expect(Buffer.from((await store.getBlob(first.hash)) as Uint8Array).toString()).toBe(
      'hello, blob',
    );
    expect(await store.getBlob('0'.repeat(64))).toBeNull();
    await expect(store.getBlob('not-a-hash')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('keeps the latest snapshot of a fold across a restart', async () => {
    const dataDir = tempDir();
    const store = await newStore(dataDir);
    await store.saveSnapshot('tasks', { position: 5, version: 1, state: { open: 2 } });
    await store.saveSnapshot('tasks', { position: 9, version: 1, state: { open: 3 } });
    await store.close();
    const reopened = await newStore(dataDir);
    expect(await reopened.loadSnapshot('tasks')).toEqual({
      position: 9,
      version: 1,
      state: { open: 3 },
    });
    expect(await reopened.loadSnapshot('unknown')).toBeNull();
  });
});

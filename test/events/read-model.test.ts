import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/events/envelope.js';
import { ReadModel, type ReadModelDefinition } from '../../src/events/read-model.js';
import { openSqliteStore } from '../../src/events/sqlite/sqlite-store.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

type Totals = { [stream: string]: number };

function totals(version = 1): ReadModelDefinition<Totals> & { evolved: number } {
  const definition = {
    name: 'totals',
    version,
    evolved: 0,
    filter: { types: ['Added'] },
    initialState: (): Totals => ({}),
    evolve(state: Totals, event: EventEnvelope): Totals {
      definition.evolved += 1;
      const amount = (event.data as { amount: number }).amount;
      return { ...state, [event.streamId]: (state[event.streamId] ?? 0) + amount };
    },
  };
  return definition;
}

async function until(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ReadModel', () => {
  it('is caught up when started, follows live events, and ignores other types', async () => {
    const store = await openSqliteStore({ dataDir: tempDir() });
    for (let n = 1; n <= 50; n++) {
      await store.appendToStream(`cart-${n % 3}`, [{ type: 'Added', data: { amount: n } }]);
      await store.appendToStream(`cart-${n % 3}`, [{ type: 'Viewed', data: {} }]);
    }
    const model = await ReadModel.start(store, totals());
    expect(model.state).toEqual({ 'cart-0': 408, 'cart-1': 425, 'cart-2': 442 });
    await store.appendToStream('cart-9', [{ type: 'Added', data: { amount: 7 } }]);
    await until(() => model.state['cart-9'] === 7);
    expect(model.state['cart-9']).toBe(7);
    await model.close();
    await store.close();
  });

  it('starts from the latest snapshot and replays only the tail, with an equal state', async () => {
    const dataDir = tempDir();
    const store = await openSqliteStore({ dataDir });
    for (let n = 0; n < 120; n++)
      await store.appendToStream(`s-${n % 4}`, [{ type: 'Added', data: { amount: 1 } }]);
    const first = totals();
    const before = await ReadModel.start(store, first, { snapshotEvery: 50 });
    const stateBefore = before.state;
    await before.close();
    for (let n = 0; n < 10; n++)
      await store.appendToStream('s-0', [{ type: 'Added', data: { amount: 2 } }]);
    await store.close();

    const reopened = await openSqliteStore({ dataDir });
    const second = totals();
    const after = await ReadModel.start(reopened, second);
    expect(second.evolved).toBe(10);
    expect(after.state).toEqual({ ...stateBefore, 's-0': (stateBefore['s-0'] ?? 0) + 20 });

    const scratch = totals(2);
    const rebuilt = await ReadModel.start(reopened, scratch);
    expect(scratch.evolved).toBe(130);
    expect(rebuilt.state).toEqual(after.state);
    await after.close();
    await rebuilt.close();
    await reopened.close();
  });
});

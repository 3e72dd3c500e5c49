import { afterEach } from 'vitest';
import { openSqliteStore, type SqliteEventStore } from '../../src/events/sqlite/sqlite-store.js';
import { useTempDirs } from './temp-dir.js';

/** Opens stores (in a new directory unless one is given) and closes them after each test. */
export function useStores(): (dataDir?: string) => Promise<SqliteEventStore> {
  const tempDir = useTempDirs();
  const open: SqliteEventStore[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  return async (dataDir = tempDir()) => {
    const store = await openSqliteStore({ dataDir });
    open.push(store);
    return store;
  };
}

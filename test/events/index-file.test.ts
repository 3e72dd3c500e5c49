import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { INDEX_FILE } from '../../src/events/sqlite/index-file.js';
import {
  DATABASE_FILE,
  openSqliteStore,
  type SqliteEventStore,
} from '../../src/events/sqlite/sqlite-store.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const open: SqliteEventStore[] = [];
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

async function openStore(dataDir: string): Promise<SqliteEventStore> {
  const store = await openSqliteStore({ dataDir });
  open.push(store);
  return store;
}

async function closeStore(store: SqliteEventStore): Promise<void> {
  open.splice(open.indexOf(store), 1);
  await store.close();
}

/** Three streams, two types, two agents, a correlation: enough for every index to matter. */
async function seededDir(): Promise<string> {
  const dataDir = tempDir();
  const store = await openStore(dataDir);
  for (let round = 0; round < 5; round += 1) {
    await store.appendToStream(`task-${round % 3}`, [
      { type: 'Started', data: { round }, metadata: { agentId: `agent-${round % 2}` } },
      { type: 'Finished', data: { round }, metadata: { correlationId: `c-${round}` } },
    ]);
  }
  await closeStore(store);
  return dataDir;
}

/** Every way of reading that goes through the index, as the store answers it. */
async function indexedReads(store: SqliteEventStore) {
  const positions = (page: { events: Array<{ position: number }> }) =>
    page.events.map((event) => event.position);
  return {
    stream: positions(await store.readStream('task-1')),
    revision: await store.streamRevision('task-0'),
    types: positions(await store.readAll({ types: ['Finished'] })),
    prefix: positions(await store.readAll({ streamPrefix: 'task-' })),
    agent: positions(await store.readAll({ agentId: 'agent-1' })),
    correlation: positions(await store.readAll({ correlationId: 'c-3' })),
  };
}

/** Edits the index file directly, as a crash or a damaged disk might have left it. */
function editIndex(dataDir: string, sql: string): void {
  const db = new Database(join(dataDir, INDEX_FILE));
  db.exec(sql);
  db.close();
}

describe('the index file', () => {
  it('answers every indexed read the same after a clean reopen', async () => {
    const dataDir = await seededDir();
    const store = await openStore(dataDir);
    expect(await indexedReads(store)).toEqual({
      stream: [3, 4, 9, 10],
      revision: 3,
      types: [2, 4, 6, 8, 10],
      prefix: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      agent: [3, 7],
      correlation: [8],
    });
  });

  const damages: Array<[string, (dataDir: string) => void]> = [
    ['deleted', (dataDir) => writeFileSync(join(dataDir, INDEX_FILE), '')],
    [
      'overwritten with garbage',
      (dataDir) => writeFileSync(join(dataDir, INDEX_FILE), 'x'.repeat(8192)),
    ],
    [
      'missing the log’s tail',
      (dataDir) => editIndex(dataDir, 'DELETE FROM event_keys WHERE position > 6'),
    ],
    [
      'ahead of the log',
      (dataDir) =>
        editIndex(
          dataDir,
          "INSERT INTO event_keys VALUES (11, 'task-1', 4, 'ghost', 'Finished', NULL, NULL)",
        ),
    ],
    [
      'wrong inside, after a crash of the machine (another boot, not closed cleanly)',
      (dataDir) =>
        editIndex(
          dataDir,
          `UPDATE event_keys SET type = 'Bogus' WHERE position = 2;
           UPDATE index_meta SET value = '0' WHERE key = 'clean';
           UPDATE index_meta SET value = 'another-boot' WHERE key = 'boot';`,
        ),
    ],
  ];
  it.each(damages)('is put right from the log when it was %s', async (_case, damage) => {
    const dataDir = await seededDir();
    const before = await indexedReads(await openStore(dataDir));
    await closeStore(open[0] as SqliteEventStore);
    damage(dataDir);

    const store = await openStore(dataDir);
    expect(await indexedReads(store)).toEqual(before);
    expect((await store.readAll({ types: ['Bogus'] })).events).toEqual([]);
    // Appends see the right revisions and ids through it.
    expect(await store.appendToStream('task-1', [{ type: 'Started', data: {} }])).toEqual({
      position: 11,
      nextRevision: 5,
    });
  });

  it('moves the indexes of a log written before the index file into it', async () => {
    const dataDir = await seededDir();
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.exec(`CREATE UNIQUE INDEX events_by_stream ON events (stream_id, revision);
      CREATE INDEX events_by_type ON events (type, position);
      UPDATE meta SET value = '1' WHERE key = 'schema_version';`);
    db.close();
    writeFileSync(join(dataDir, INDEX_FILE), '');

    const store = await openStore(dataDir);
    expect((await indexedReads(store)).types).toEqual([2, 4, 6, 8, 10]);
    await closeStore(store);
    const reopened = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const indexes = reopened
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")
      .all();
    const version = reopened.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get();
    reopened.close();
    expect(indexes).toEqual([]);
    expect(version).toEqual({ value: '2' });
  });
});

import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../src/events/errors.js';
import { scanWal, type WalReport, walChecksum } from '../../src/events/sqlite/wal-scan.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

const DATABASE = 'events.db';
const WAL = 'events.db-wal';
const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

/** A WAL-mode database that never checkpoints on its own, synced like the event store. */
function openLiveDatabase(): Database.Database {
  const db = new Database(join(tempDir(), DATABASE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  return db;
}

/** Inserts each row in its own transaction. */
function insertRows(db: Database.Database, from: number, count: number, bodyBytes = 300): void {
  const insert = db.prepare('INSERT INTO items (id, body) VALUES (?, ?)');
  for (let id = from; id < from + count; id++) insert.run(id, randomBytes(bodyBytes));
}

/** Copies the database and its WAL while `db` is still open, as a crash would leave them. */
function copyFiles(db: Database.Database): string {
  const copy = tempDir();
  copyFileSync(db.name, join(copy, DATABASE));
  if (existsSync(`${db.name}-wal`)) copyFileSync(`${db.name}-wal`, join(copy, WAL));
  return copy;
}

function ids(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, offset) => from + offset);
}

/** What SQLite itself recovers from a copied database: the rows, and how many WAL frames it kept. */
function recoverWithSqlite(dir: string): { ids: number[]; walFrames: number } {
  const db = new Database(join(dir, DATABASE));
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'items'").get();
    const rows = hasTable
      ? (db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[])
      : [];
    const [checkpoint] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
    return { ids: rows, walFrames: checkpoint?.log ?? -1 };
  } finally {
    db.close();
  }
}

function frameBytes(report: WalReport): number {
  return FRAME_HEADER_BYTES + (report.pageSize ?? 0);
}

function frameOffset(report: WalReport, index: number): number {
  return WAL_HEADER_BYTES + index * frameBytes(report);
}

function flipByte(path: string, offset: number): void {
  const bytes = readFileSync(path);
  bytes[offset] = (bytes[offset] as number) ^ 0xff;
  writeFileSync(path, bytes);
}

interface Scenario {
  name: string;
  /** Builds a database, copies it while open and names the rows SQLite must recover. */
  build: () => { dir: string; committedIds: number[] };
}

const committedOnly: Scenario = {
  name: 'committed transactions',
  build: () => {
    const db = openLiveDatabase();
    insertRows(db, 1, 20);
    const dir = copyFiles(db);
    db.close();
    return { dir, committedIds: ids(1, 20) };
  },
};

/** A transaction too large for the page cache writes frames to the WAL before it commits. */
function spillOpenTransaction(db: Database.Database, from: number): void {
  db.pragma('cache_size = 10');
  db.exec('BEGIN');
  insertRows(db, from, 60, 2000);
}

const openSpilledTransaction: Scenario = {
  name: 'an open transaction spilled into the WAL',
  build: () => {
    const db = openLiveDatabase();
    insertRows(db, 1, 10);
    spillOpenTransaction(db, 100);
    const dir = copyFiles(db);
    db.exec('ROLLBACK');
    db.close();
    return { dir, committedIds: ids(1, 10) };
  },
};

const rolledBackSpill: Scenario = {
  name: 'a rolled-back spill partly overwritten by a later transaction',
  build: () => {
    const db = openLiveDatabase();
    insertRows(db, 1, 10);
    spillOpenTransaction(db, 100);
    db.exec('ROLLBACK');
    insertRows(db, 11, 2);
    const dir = copyFiles(db);
    db.close();
    return { dir, committedIds: ids(1, 12) };
  },
};

const restartedGenerations: Scenario = {
  name: 'a WAL restarted after checkpoints, with frames of earlier generations behind its end',
  build: () => {
    const db = openLiveDatabase();
    insertRows(db, 1, 40);
    db.pragma('wal_checkpoint(PASSIVE)');
    insertRows(db, 41, 15);
    db.pragma('wal_checkpoint(PASSIVE)');
    insertRows(db, 56, 3);
    const dir = copyFiles(db);
    db.close();
    return { dir, committedIds: ids(1, 58) };
  },
};

const restartedSpill: Scenario = {
  name: 'a restarted WAL over a spilled transaction of an earlier generation',
  build: () => {
    const db = openLiveDatabase();
    insertRows(db, 1, 5);
    spillOpenTransaction(db, 100);
    db.exec('ROLLBACK');
    insertRows(db, 6, 5);
    db.pragma('wal_checkpoint(PASSIVE)');
    insertRows(db, 11, 2);
    const dir = copyFiles(db);
    db.close();
    return { dir, committedIds: ids(1, 12) };
  },
};

/** journal_size_limit truncates a restarted WAL to that many bytes, whole frames or not. */
const cutBySizeLimit: Scenario = {
  name: 'a restarted WAL cut by journal_size_limit in the middle of a stale frame',
  build: () => {
    const db = openLiveDatabase();
    db.pragma('journal_size_limit = 50000');
    insertRows(db, 1, 40);
    db.pragma('wal_checkpoint(PASSIVE)');
    insertRows(db, 41, 2);
    const dir = copyFiles(db);
    db.close();
    return { dir, committedIds: ids(1, 42) };
  },
};

/** The scenarios whose WAL ends with a whole frame. */
const frameAlignedScenarios = [
  committedOnly,
  openSpilledTransaction,
  rolledBackSpill,
  restartedGenerations,
  restartedSpill,
];
const scenarios = [...frameAlignedScenarios, cutBySizeLimit];

describe('scanWal on healthy WAL files', () => {
  it.each(scenarios)(
    '$name: no faults, and the committed frames are what SQLite recovers',
    ({ build }) => {
      const { dir, committedIds } = build();
      const report = scanWal(join(dir, WAL));

      expect(report.faults).toEqual([]);
      expect(report.exists).toBe(true);
      expect(report.pageSize).toBe(4096);
      expect(report.committedFrames).toBeGreaterThan(0);
      expect(report.validFrames).toBeGreaterThanOrEqual(report.committedFrames);
      const frames = report.validFrames + report.unreachableFrames + report.staleFrames;
      expect(WAL_HEADER_BYTES + frames * frameBytes(report) + report.truncatedTailBytes).toBe(
        report.sizeBytes,
      );

      const recovered = recoverWithSqlite(dir);
      expect(recovered.walFrames).toBe(report.committedFrames);
      expect(recovered.ids).toEqual(committedIds);
    },
  );

  it('counts the frames of each kind each scenario leaves', () => {
    const counts = (scenario: Scenario) => {
      const report = scanWal(join(scenario.build().dir, WAL));
      return {
        uncommitted: report.validFrames - report.committedFrames,
        unreachable: report.unreachableFrames,
        stale: report.staleFrames,
      };
    };
    expect(counts(committedOnly)).toEqual({ uncommitted: 0, unreachable: 0, stale: 0 });
    expect(counts(openSpilledTransaction).uncommitted).toBeGreaterThan(0);
    expect(counts(rolledBackSpill)).toMatchObject({ uncommitted: 0 });
    expect(counts(rolledBackSpill).unreachable).toBeGreaterThan(0);
    expect(counts(restartedGenerations)).toMatchObject({ uncommitted: 0, unreachable: 0 });
    expect(counts(restartedGenerations).stale).toBeGreaterThan(0);
    expect(counts(restartedSpill).stale).toBeGreaterThan(0);
    expect(scanWal(join(cutBySizeLimit.build().dir, WAL))).toMatchObject({
      sizeBytes: 50000,
      truncatedTailBytes: (50000 - WAL_HEADER_BYTES) % (FRAME_HEADER_BYTES + 4096),
    });
  });

  it('accepts a missing WAL, an empty one and one with a header but no frames', () => {
    const db = openLiveDatabase();
    insertRows(db, 1, 3);
    const walPath = `${db.name}-wal`;
    const headerOnly = join(copyFiles(db), WAL);
    truncateSync(headerOnly, WAL_HEADER_BYTES);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const empty = scanWal(walPath);
    db.close();
    const missing = scanWal(walPath);

    expect(missing).toMatchObject({ exists: false, sizeBytes: 0, faults: [] });
    expect(empty).toMatchObject({ exists: true, sizeBytes: 0, validFrames: 0, faults: [] });
    expect(scanWal(headerOnly)).toMatchObject({
      sizeBytes: WAL_HEADER_BYTES,
      pageSize: 4096,
      validFrames: 0,
      faults: [],
    });
  });

  it('accepts the frame header of an append a crash interrupted before its page was written', () => {
    const { dir } = committedOnly.build();
    const walPath = join(dir, WAL);
    const whole = scanWal(walPath);
    truncateSync(walPath, frameOffset(whole, whole.validFrames - 1) + FRAME_HEADER_BYTES);

    const report = scanWal(walPath);
    expect(report.faults).toEqual([]);
    expect(report.truncatedTailBytes).toBe(FRAME_HEADER_BYTES);
    expect(report.validFrames).toBe(whole.validFrames - 1);
    expect(recoverWithSqlite(dir).walFrames).toBe(report.committedFrames);
  });

  it('reads WAL files whose checksums are big-endian (magic 0x377f0683) as SQLite does', () => {
    const { dir, committedIds } = committedOnly.build();
    const walPath = join(dir, WAL);
    const littleEndian = scanWal(walPath);
    const bytes = readFileSync(walPath);
    bytes.writeUInt32BE(0x377f0683, 0);
    let running = walChecksum(bytes.subarray(0, 24), true);
    bytes.writeUInt32BE(running[0], 24);
    bytes.writeUInt32BE(running[1], 28);
    for (let index = 0; index < littleEndian.validFrames; index++) {
      const frame = bytes.subarray(
        frameOffset(littleEndian, index),
        frameOffset(littleEndian, index + 1),
      );
      running = walChecksum(
        frame.subarray(FRAME_HEADER_BYTES),
        true,
        walChecksum(frame.subarray(0, 8), true, running),
      );
      frame.writeUInt32BE(running[0], 16);
      frame.writeUInt32BE(running[1], 20);
    }
    writeFileSync(walPath, bytes);

    const report = scanWal(walPath);
    expect(report.faults).toEqual([]);
    expect(report.committedFrames).toBe(littleEndian.committedFrames);
    expect(recoverWithSqlite(dir)).toEqual({
      ids: committedIds,
      walFrames: report.committedFrames,
    });
  });
});

describe('scanWal on damaged WAL files', () => {
  const garbage: Array<{ name: string; bytes: (frame: number) => Buffer }> = [
    { name: '1 random byte', bytes: () => randomBytes(1) },
    { name: '23 random bytes', bytes: () => randomBytes(FRAME_HEADER_BYTES - 1) },
    { name: 'random bytes, one short of a frame', bytes: (frame) => randomBytes(frame - 1) },
    { name: 'one frame of random bytes', bytes: (frame) => randomBytes(frame) },
    { name: 'one frame of zeros', bytes: (frame) => Buffer.alloc(frame) },
    { name: 'ten and a half frames of random bytes', bytes: (frame) => randomBytes(frame * 10.5) },
  ];
  const cases = frameAlignedScenarios.flatMap((scenario) =>
    garbage.map((junk) => ({
      scenario: scenario.name,
      junk: junk.name,
      build: scenario.build,
      bytes: junk.bytes,
    })),
  );

  it.each(cases)(
    '$scenario + $junk appended: reported, though SQLite ignores it',
    ({ build, bytes }) => {
      const { dir, committedIds } = build();
      const walPath = join(dir, WAL);
      const healthy = scanWal(walPath);
      const appended = bytes(frameBytes(healthy));
      appendFileSync(walPath, appended);

      const report = scanWal(walPath);
      expect(report.faults).toHaveLength(1);
      expect(report.faults[0]).toMatch(/appended garbage or a damaged file/);
      expect(report.faults[0]).toContain(`byte offset ${healthy.sizeBytes}`);
      expect(report.committedFrames).toBe(healthy.committedFrames);
      expect(recoverWithSqlite(dir)).toEqual({
        ids: committedIds,
        walFrames: healthy.committedFrames,
      });
    },
  );

  it.each([
    { name: 'the first frame', frame: () => 0 },
    {
      name: 'a frame in the middle',
      frame: (report: WalReport) => Math.floor(report.committedFrames / 2),
    },
  ])(
    'reports a flipped byte in $name of committed transactions as a checksum break',
    ({ frame }) => {
      const { dir, committedIds } = committedOnly.build();
      const walPath = join(dir, WAL);
      const healthy = scanWal(walPath);
      const damaged = frame(healthy);
      flipByte(walPath, frameOffset(healthy, damaged) + FRAME_HEADER_BYTES + 1000);

      const report = scanWal(walPath);
      expect(report.faults).toHaveLength(1);
      expect(report.faults[0]).toMatch(
        new RegExp(
          `^frame ${damaged + 1} \\(byte offset \\d+\\) fails its checksum; .* unreachable, .* would be silently lost on recovery$`,
        ),
      );
      expect(report.validFrames).toBe(damaged);
      expect(report.unreachableFrames).toBe(healthy.validFrames - damaged);

      const recovered = recoverWithSqlite(dir);
      expect(recovered.walFrames).toBe(report.committedFrames);
      expect(recovered.ids.length).toBeLessThan(committedIds.length);
    },
  );

  it('reports a checksum break in a restarted WAL without mistaking the frames after it', () => {
    const { dir } = restartedGenerations.build();
    const walPath = join(dir, WAL);
    const healthy = scanWal(walPath);
    flipByte(walPath, frameOffset(healthy, 0) + FRAME_HEADER_BYTES + 10);

    const report = scanWal(walPath);
    expect(report.faults).toEqual([expect.stringMatching(/^frame 1 .* fails its checksum/)]);
    expect(report.staleFrames).toBe(healthy.staleFrames);
    expect(recoverWithSqlite(dir).walFrames).toBe(0);
  });

  it('reports a frame of the current generation replayed after the stale frames', () => {
    const { dir, committedIds } = restartedGenerations.build();
    const walPath = join(dir, WAL);
    const healthy = scanWal(walPath);
    appendFileSync(
      walPath,
      readFileSync(walPath).subarray(frameOffset(healthy, 0), frameOffset(healthy, 1)),
    );

    const report = scanWal(walPath);
    expect(report.faults).toEqual([
      expect.stringMatching(
        /it carries the current salt-1, yet lies after frames of an earlier generation/,
      ),
    ]);
    expect(recoverWithSqlite(dir)).toEqual({
      ids: committedIds,
      walFrames: healthy.committedFrames,
    });
  });

  const headerDamage: Array<{ name: string; damage: (bytes: Buffer) => void; fault: RegExp }> = [
    {
      name: 'a wrong magic number',
      damage: (bytes) => bytes.writeUInt32BE(0x377f0684, 0),
      fault: /^bad magic number 0x377f0684 .* SQLite would ignore the whole WAL/,
    },
    {
      name: 'an unknown format version',
      damage: (bytes) => {
        bytes.writeUInt32BE(3007001, 4);
        const checksum = walChecksum(bytes.subarray(0, 24), false);
        bytes.writeUInt32BE(checksum[0], 24);
        bytes.writeUInt32BE(checksum[1], 28);
      },
      fault: /^unsupported WAL format version 3007001 /,
    },
    {
      name: 'a page size that is not a power of two',
      damage: (bytes) => bytes.writeUInt32BE(4000, 8),
      fault: /^invalid page size 4000 /,
    },
    {
      name: 'a changed salt',
      damage: (bytes) => {
        bytes[17] = (bytes[17] as number) ^ 1;
      },
      fault:
        /^WAL header checksum mismatch .* SQLite would ignore the whole WAL \(\d+ bytes\), including any committed transactions/,
    },
  ];

  it.each(headerDamage)('reports a header with $name', ({ damage, fault }) => {
    const { dir } = committedOnly.build();
    const walPath = join(dir, WAL);
    const bytes = readFileSync(walPath);
    damage(bytes);
    writeFileSync(walPath, bytes);

    const report = scanWal(walPath);
    expect(report.faults).toEqual([expect.stringMatching(fault)]);
    expect(report).toMatchObject({ pageSize: null, validFrames: 0, committedFrames: 0 });
  });

  it('reports a WAL shorter than its header', () => {
    const walPath = join(tempDir(), WAL);
    writeFileSync(walPath, randomBytes(20));
    expect(scanWal(walPath).faults).toEqual([
      'the file is 20 bytes, too short for the 32-byte WAL header; SQLite ignores it',
    ]);
  });

  it('refuses a path that is not a readable file with a coded error', () => {
    const dir = join(tempDir(), WAL);
    mkdirSync(dir);
    expect(() => scanWal(dir)).toThrow(BridgeError);
    expect(() => scanWal(dir)).toThrow(expect.objectContaining({ code: 'wal_unreadable' }));
  });
});

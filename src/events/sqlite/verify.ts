import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { blobHash } from '../blobs.js';
import { readSecret, SECRET_FILE } from '../secret.js';
import { checkChain, secretMatches } from './chain-check.js';
import { DATABASE_FILE } from './sqlite-store.js';
import { scanWal, type WalReport } from './wal-scan.js';

export interface VerifyReport {
  dataDir: string;
  events: number;
  streams: number;
  blobs: number;
  wal: WalReport | null;
  faults: string[];
  /** Faults beyond those listed in `faults`. */
  moreFaults: number;
}

const LISTED_FAULTS = 50;

/**
 * Checks a data directory end to end: the WAL file before SQLite would recover (and so hide) a
 * damaged tail, the database pages, the secret, every event's chain hash, positions and
 * revisions, and every blob's content hash.
 */
export function verifyDataDir(dataDir: string): VerifyReport {
  const report: VerifyReport = {
    dataDir,
    events: 0,
    streams: 0,
    blobs: 0,
    wal: null,
    faults: [],
    moreFaults: 0,
  };
  const fault = (message: string) => {
    if (report.faults.length < LISTED_FAULTS) report.faults.push(message);
    else report.moreFaults += 1;
  };
  const databasePath = join(dataDir, DATABASE_FILE);
  if (!existsSync(databasePath)) {
    fault(`there is no event store at ${databasePath}`);
    return report;
  }
  report.wal = scanWal(`${databasePath}-wal`);
  for (const message of report.wal.faults) fault(`write-ahead log: ${message}`);

  let secret: Buffer;
  try {
    secret = readSecret(join(dataDir, SECRET_FILE));
  } catch (error) {
    fault(`secret: ${(error as Error).message}`);
    return report;
  }

  let db: Database.Database;
  try {
    db = new Database(databasePath, { fileMustExist: true, readonly: true });
  } catch (error) {
    fault(`the database cannot be opened: ${(error as Error).message}`);
    return report;
  }
  try {
    const pages = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    for (const row of pages)
      if (row.quick_check !== 'ok') fault(`database pages: ${row.quick_check}`);
    if (secretMatches(db, secret) === false) {
      fault('the secret is not the one this event store was created with: every hash will differ');
    }
    const revisions = new Map<string, number>();
    const chain = checkChain(db, secret, 1, revisions);
    let step = chain.next();
    while (!step.done) {
      fault(step.value.message);
      step = chain.next();
    }
    report.events = step.value.events;
    report.streams = revisions.size;
    const blobs = db
      .prepare('SELECT hash, size, content FROM blobs')
      .iterate() as IterableIterator<{
      hash: string;
      size: number;
      content: Buffer;
    }>;
    for (const blob of blobs) {
      report.blobs += 1;
      if (blobHash(blob.content) !== blob.hash || blob.content.byteLength !== blob.size) {
        fault(`blob ${blob.hash} does not match its content`);
      }
    }
  } catch (error) {
    fault(`the database could not be read to the end: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  return report;
}

import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { BatchCommitter } from './batch-commit.js';
import { attachIndex } from './index-file.js';
import { configureConnection, WRITE_CACHE_KIB } from './schema.js';
import type { WriteOperation } from './write-protocol.js';

/**
 * The write thread: its own connection to the log, one transaction and one fsync per batch, so
 * the fsync and the B-tree work never stall the thread that serves requests.
 */
const { file, secret } = workerData as { file: string; secret: Uint8Array };
const db = new Database(file);
configureConnection(db, WRITE_CACHE_KIB);
attachIndex(db, file, WRITE_CACHE_KIB);
const committer = new BatchCommitter(db, Buffer.from(secret));
const port = parentPort;
if (!port) throw new Error('the write worker runs only as a worker thread');

port.on('message', (message: { batch: WriteOperation[] } | 'close') => {
  if (message === 'close') {
    db.close();
    port.close();
    return;
  }
  port.postMessage(committer.commit(message.batch));
});

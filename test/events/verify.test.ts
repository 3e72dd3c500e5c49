import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/events/sqlite/sqlite-store.js';
import { verifyDataDir } from '../../src/events/sqlite/verify.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const writerScript = fileURLToPath(new URL('../fixtures/crash-writer.mjs', import.meta.url));

async function storeWith(dataDir: string, marker: string): Promise<void> {
  const store = await openSqliteStore({ dataDir });
  for (let n = 0; n < 20; n++) {
    await store.appendToStream(`s-${n % 3}`, [
      { type: 'Noted', data: { n, text: `${marker}-${n}` } },
    ]);
  }
  await store.putBlob(new TextEncoder().encode(`blob ${marker}`));
  await store.close();
}

/** Leaves a store behind the way a crash does: killed mid-write, its WAL not checkpointed. */
function crashedStore(dataDir: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [writerScript, dataDir, '4'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acks = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      acks += chunk
        .toString()
        .split('\n')
        .filter((line) => line.startsWith('ack')).length;
      if (acks > 200) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
  });
}

function flipByteOf(path: string, needle: string): void {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(needle);
  expect(at, `${needle} in ${path}`).toBeGreaterThan(0);
  const last = at + needle.length - 1;
  bytes.writeUInt8(bytes.readUInt8(last) ^ 0x01, last);
  writeFileSync(path, bytes);
}

describe('verify', () => {
  it('passes a healthy store, closed or crashed', async () => {
    const closed = tempDir();
    await storeWith(closed, 'healthy');
    expect(verifyDataDir(closed)).toMatchObject({ events: 20, streams: 3, blobs: 1, faults: [] });
    const crashed = tempDir();
    await crashedStore(crashed);
    const report = verifyDataDir(crashed);
    expect(report.faults).toEqual([]);
    expect(report.wal?.validFrames).toBeGreaterThan(0);
  });

  it('catches a flipped byte inside a stored event', async () => {
    const dataDir = tempDir();
    await storeWith(dataDir, 'flipme');
    flipByteOf(join(dataDir, 'events.db'), 'flipme-7');
    const report = verifyDataDir(dataDir);
    expect(report.faults.join('\n')).toMatch(/event \d+ .*does not match its chain hash/);
  });

  it('catches a flipped byte inside a blob', async () => {
    const dataDir = tempDir();
    await storeWith(dataDir, 'blobflip');
    flipByteOf(join(dataDir, 'events.db'), 'blob blobflip');
    expect(verifyDataDir(dataDir).faults.join('\n')).toMatch(/blob [0-9a-f]{64} does not match/);
  });

  it.each([1, 100, 5000])(
    'catches %d bytes of garbage appended to the write-ahead log',
    async (length) => {
      const dataDir = tempDir();
      await crashedStore(dataDir);
      appendFileSync(join(dataDir, 'events.db-wal'), Buffer.alloc(length, 0xa5));
      expect(verifyDataDir(dataDir).faults.join('\n')).toMatch(/write-ahead log/);
    },
  );

  it('reports a changed secret', async () => {
    const dataDir = tempDir();
    await storeWith(dataDir, 'secret');
    writeFileSync(join(dataDir, 'secret'), `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const faults = verifyDataDir(dataDir).faults.join('\n');
    expect(faults).toMatch(/secret is not the one/);
    await expect(openSqliteStore({ dataDir })).rejects.toMatchObject({ code: 'integrity_fault' });
  });

  it('refuses to open a store whose newest events were tampered with', async () => {
    const dataDir = tempDir();
    await storeWith(dataDir, 'tail');
    flipByteOf(join(dataDir, 'events.db'), 'tail-19');
    await expect(openSqliteStore({ dataDir })).rejects.toThrow(/chain is broken/);
  });

  it('reports a missing store', () => {
    expect(verifyDataDir(tempDir()).faults).toEqual([expect.stringMatching(/no event store/)]);
  });
});

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/events/sqlite/sqlite-store.js';
import { verifyDataDir } from '../../src/events/sqlite/verify.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const writerScript = fileURLToPath(new URL('../fixtures/crash-writer.mjs', import.meta.url));

interface Ack {
  position: number;
  count: number;
  id: string;
}

/** Runs the writer until it has been acknowledged for a random while, then kills it with SIGKILL. */
function runAndKill(dataDir: string, killAfterMs: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerScript, dataDir, '8'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        const [word, position, count, id] = line.split(' ');
        if (word === 'ack')
          acks.push({ position: Number(position), count: Number(count), id: id as string });
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended without being killed: ${stderr}`));
      else resolve(acks);
    });
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged append across many SIGKILLs, gap-free and chained', async () => {
    const dataDir = tempDir();
    const acknowledged: Ack[] = [];
    for (let round = 0; round < 12; round++) {
      acknowledged.push(...(await runAndKill(dataDir, 30 + Math.floor(Math.random() * 300))));
    }
    expect(acknowledged.length).toBeGreaterThan(100);

    // First, as the crash left it: before any connection recovers the write-ahead log.
    const report = verifyDataDir(dataDir);
    expect(report.faults).toEqual([]);

    const db = new Database(`${dataDir}/events.db`, { readonly: true });
    const byId = db.prepare('SELECT position FROM events WHERE id = ?');
    for (const ack of acknowledged) {
      const row = byId.get(ack.id) as { position: number } | undefined;
      expect(row, `acknowledged event ${ack.id}`).toBeDefined();
      expect(row?.position).toBe(ack.position - ack.count + 1);
    }
    const { count, head } = db
      .prepare('SELECT count(*) AS count, max(position) AS head FROM events')
      .get() as { count: number; head: number };
    db.close();
    expect(count).toBe(head);
    expect(report.events).toBe(count);

    const store = await openSqliteStore({ dataDir });
    const result = await store.appendToStream('after-crash', [{ type: 'Resumed', data: {} }]);
    expect(result.position).toBe(head + 1);
    await store.close();
  });
});

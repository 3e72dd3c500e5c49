import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FREE_FOLDER,
  LEASED_FOLDER,
  LEASED_FOLDER_LEASE,
  LeaseFixture,
  leasePaths,
  NEAR_MISS_FOLDER,
} from '../../bench/coordination/lease-fixture.js';
import { Cleanup } from '../../bench/events/cleanup.js';

const cleanups: Cleanup[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) expect(await cleanup.runAll()).toEqual([]);
});

describe('LeaseFixture', () => {
  it('takes leases through the lease service until it holds as many as asked', async () => {
    const cleanup = new Cleanup();
    cleanups.push(cleanup);
    const root = cleanup.tempDir('lease-fixture');
    const fixture = await LeaseFixture.open(join(root, '.lighthouse'), root, cleanup);
    await fixture.growTo(LEASED_FOLDER_LEASE);
    expect(
      fixture.leases.check(join(root, LEASED_FOLDER, 'db.ts'), fixture.writer.agentId),
    ).toBeNull();

    await fixture.growTo(60);
    expect(fixture.count).toBe(60);
    expect(fixture.leases.list()).toHaveLength(60);
    const writer = fixture.writer.agentId;
    expect(fixture.leases.check(join(root, LEASED_FOLDER, 'db.ts'), writer)).toMatchObject({
      paths: leasePaths(LEASED_FOLDER_LEASE),
    });
    expect(fixture.leases.check(join(root, FREE_FOLDER, 'sum.ts'), writer)).toBeNull();
    expect(fixture.leases.check(join(root, NEAR_MISS_FOLDER, 'handler.ts'), writer)).toBeNull();
    expect(fixture.leases.check(join(root, NEAR_MISS_FOLDER, 'a.test.ts'), writer)).not.toBeNull();
  });
});

describe('leasePaths', () => {
  it('gives every lease paths of its own: a file, a folder, a glob or a pair of documents', () => {
    expect([0, 1, 2, 3].map(leasePaths)).toEqual([
      ['src/area-0/module-0/index.ts'],
      ['src/area-1/module-1'],
      ['src/area-2/module-2/**/*.test.ts'],
      ['docs/area-3/topic-3.md', 'docs/area-3/topic-3.png'],
    ]);
    const all = Array.from({ length: 1000 }, (_, n) => leasePaths(n)).flat();
    expect(new Set(all).size).toBe(all.length);
  });
});

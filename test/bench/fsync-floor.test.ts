import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureFsyncFloor } from '../../bench/lib/fsync-floor.js';
import { useTempDirs } from '../support/temp-dir.js';

describe('measureFsyncFloor', () => {
  const tempDir = useTempDirs();

  it('takes the asked number of samples and leaves no file behind', () => {
    const dir = tempDir();
    const summary = measureFsyncFloor(dir, { samples: 25, warmup: 2, bytes: 512 });
    expect(summary.count).toBe(25);
    expect(summary.minUs).toBeGreaterThan(0);
    expect(summary.minUs).toBeLessThanOrEqual(summary.p50Us);
    expect(summary.p99Us).toBeLessThanOrEqual(summary.maxUs);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    { name: 'a missing directory', dir: (base: string) => join(base, 'missing') },
    {
      name: 'a file',
      dir: (base: string) => {
        writeFileSync(join(base, 'file'), '');
        return join(base, 'file');
      },
    },
  ])('refuses $name', ({ dir }) => {
    expect(() => measureFsyncFloor(dir(tempDir()))).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('refuses a sample count of zero', () => {
    expect(() => measureFsyncFloor(tempDir(), { samples: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { LEASES_STREAM, type LeaseEvent } from '../../src/coordination/leases/events.js';
import type { Lease } from '../../src/coordination/leases/evolve.js';
import { LeaseTable } from '../../src/coordination/leases/lease-table.js';
import type { EventEnvelope } from '../../src/events/envelope.js';
import { at, T0 } from './decider-table.js';

const BEA = { agentId: 'bea-id', name: 'bea' };
const DAN = { agentId: 'dan-id', name: 'dan' };

let position = 0;
function envelope(event: LeaseEvent): EventEnvelope {
  position += 1;
  return {
    position,
    streamId: LEASES_STREAM,
    revision: position - 1,
    id: `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`,
    type: event.type,
    data: event.data,
    metadata: {},
    recordedAt: at(0),
    hash: '',
  };
}

function lease(
  leaseId: string,
  holder: typeof BEA,
  paths: string[],
  exclusive = true,
  ttlMs = 60_000,
): Lease {
  return {
    leaseId,
    holder,
    paths,
    exclusive,
    reason: '',
    ttlSeconds: ttlMs / 1000,
    acquiredAt: at(0),
    expiresAt: at(ttlMs),
  };
}

function tableOf(...leases: Lease[]): LeaseTable {
  const table = new LeaseTable();
  for (const held of leases) table.apply(envelope({ type: 'LeaseAcquired', data: held }));
  return table;
}

describe('LeaseTable.check', () => {
  const table = tableOf(
    lease('api', BEA, ['src/api']),
    lease('tests', BEA, ['test/**/*.test.ts']),
    lease('manifests', BEA, ['**/package.json']),
    lease('docs', BEA, ['docs'], false),
    lease('short', BEA, ['tmp/scratch.txt'], true, 10_000),
    lease('dans', DAN, ['web/index.html']),
  );
  const rows: [string, string, number, string | null][] = [
    ['src/api', DAN.agentId, T0, 'api'],
    ['src/api/routes/users.ts', DAN.agentId, T0, 'api'],
    ['src/apiary.ts', DAN.agentId, T0, null],
    ['src/web/app.ts', DAN.agentId, T0, null],
    ['src/api/routes/users.ts', BEA.agentId, T0, null],
    ['test/unit/a.test.ts', DAN.agentId, T0, 'tests'],
    ['test/a.test.ts', DAN.agentId, T0, 'tests'],
    ['test/unit/a.ts', DAN.agentId, T0, null],
    ['package.json', DAN.agentId, T0, 'manifests'],
    ['packages/x/package.json', DAN.agentId, T0, 'manifests'],
    ['docs/guide.md', DAN.agentId, T0, null],
    ['tmp/scratch.txt', DAN.agentId, T0 + 9_999, 'short'],
    ['tmp/scratch.txt', DAN.agentId, T0 + 10_000, null],
    ['web/index.html', BEA.agentId, T0, 'dans'],
    ['web/index.html', DAN.agentId, T0, null],
    ['src/api/x.ts', DAN.agentId, T0 + 60_000, null],
  ];
  for (const [path, agentId, now, expected] of rows) {
    it(`${path} for ${agentId} at +${now - T0} ms: ${expected ?? 'free'}`, () => {
      expect(table.check(path, agentId, now)?.leaseId ?? null).toBe(expected);
    });
  }

  it('answers with the holder, paths, exclusivity and expiry', () => {
    expect(table.check('src/api/a.ts', DAN.agentId, T0)).toEqual(lease('api', BEA, ['src/api']));
  });
});

describe('LeaseTable changes', () => {
  it('follows renewals and releases, and saves and loads the same leases', () => {
    const table = tableOf(lease('a', BEA, ['src/a.ts']), lease('b', BEA, ['src/**/*.css']));
    table.apply(
      envelope({
        type: 'LeaseRenewed',
        data: { leaseId: 'a', expiresAt: at(120_000), renewedAt: at(50_000) },
      }),
    );
    expect(table.check('src/a.ts', DAN.agentId, T0 + 90_000)?.expiresAt).toBe(at(120_000));
    table.apply(
      envelope({ type: 'LeaseReleased', data: { leaseId: 'b', by: BEA, releasedAt: at(1) } }),
    );
    expect(table.check('src/x/y.css', DAN.agentId, T0)).toBeNull();
    expect(table.hasLapsed(T0 + 100_000)).toBe(false);
    expect(table.hasLapsed(T0 + 120_000)).toBe(true);

    const copy = new LeaseTable();
    copy.load(JSON.parse(JSON.stringify(table.save())));
    expect(copy.live(T0)).toEqual(table.live(T0));
    expect(copy.check('src/a.ts', DAN.agentId, T0)).toEqual(
      table.check('src/a.ts', DAN.agentId, T0),
    );
    copy.apply(envelope({ type: 'LeaseExpired', data: { leaseId: 'a', expiredAt: at(130_000) } }));
    expect(copy.live(T0)).toEqual([]);
    expect(table.live(T0)).toHaveLength(1);
  });
});

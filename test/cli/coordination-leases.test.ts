import { describe, expect, it } from 'vitest';
import { failedWith, jsonOf, succeeded, useCliTeam } from './coordination-team.js';

const start = useCliTeam();

describe('lighthouse-bridge lease, leases', () => {
  it('leases paths, lists them, checks, renews and releases', async () => {
    const { as } = await start();
    const bob = as('bob');
    const leased = succeeded(
      await bob(['lease', 'src/db/**', 'README.md', '--ttl', '10m', '--reason', 'schema work']),
    );
    expect(leased).toMatch(/^leased src\/db\/\*\* README\.md \(exclusive\) as \S+ until \S+Z\n$/);
    const leaseId = / as (\S+) /.exec(leased)?.[1] as string;
    const shared = jsonOf(await as('alice')(['lease', 'docs', '--shared', '--json']));
    expect(shared).toMatchObject({ exclusive: false, paths: ['docs'], holder: { name: 'alice' } });

    const listed = succeeded(await as('alice')(['leases'])).split('\n');
    expect(listed[0]).toMatch(/^ID\s+HOLDER\s+MODE\s+EXPIRES\s+PATHS$/);
    expect(listed[1]).toMatch(
      new RegExp(`^${leaseId}  bob     exclusive  \\S+Z  src/db/\\*\\* README.md$`),
    );
    expect(listed[2]).toMatch(new RegExp(`^${shared.leaseId}  alice   shared     \\S+Z  docs$`));
    expect(jsonOf(await as('alice')(['leases', '--holder', 'alice', '--json']))).toMatchObject([
      { leaseId: shared.leaseId },
    ]);

    const held = await as('alice')(['lease', 'check', 'src/db/schema.sql']);
    expect(held.code).toBe(2);
    expect(held.stdout).toMatch(
      new RegExp(
        `^src/db/schema.sql is held by bob \\(lease ${leaseId}, until \\S+Z: schema work\\)\\n$`,
      ),
    );
    expect(succeeded(await bob(['lease', 'check', 'src/db/schema.sql']))).toBe(
      'src/db/schema.sql is free\n',
    );
    expect(jsonOf(await as('alice')(['lease', 'check', 'src/app.ts', '--json']))).toEqual({
      path: 'src/app.ts',
      lease: null,
    });

    const before = jsonOf(await bob(['lease', 'show', leaseId, '--json']));
    const renewed = jsonOf(await bob(['lease', 'renew', leaseId, '--ttl', '2h', '--json']));
    expect(renewed.ttlSeconds).toBe(before.ttlSeconds);
    expect(Date.parse(renewed.expiresAt) - Date.parse(before.expiresAt)).toBeGreaterThan(
      60 * 60_000,
    );
    expect(succeeded(await bob(['lease', 'show', leaseId]))).toContain('Reason:   schema work\n');

    expect(succeeded(await bob(['lease', 'release', leaseId]))).toBe(`released ${leaseId}\n`);
    expect(succeeded(await as('alice')(['lease', 'check', 'src/db/schema.sql']))).toBe(
      'src/db/schema.sql is free\n',
    );
  });

  it("forces another agent's lease out as admin, with the reason recorded", async () => {
    const { as, admin } = await start();
    const lease = jsonOf(await as('bob')(['lease', 'src/app.ts', '--json']));
    const released = jsonOf(
      await admin(['lease', 'release', lease.leaseId, '--force', '--reason', 'stale', '--json']),
    );
    expect(released).toMatchObject({ leaseId: lease.leaseId, reason: 'stale' });
    expect(succeeded(await as('alice')(['leases']))).toBe('no leases\n');
  });

  it.each([
    [
      'an overlapping exclusive lease',
      'alice',
      ['lease', 'src/db/schema.sql'],
      409,
      'lease_conflict',
      /overlaps src\/db\/\*\*, leased exclusively by bob/,
    ],
    [
      "a release of another agent's lease",
      'alice',
      ['lease', 'release', '{id}'],
      403,
      'not_holder',
      /held by bob, not alice/,
    ],
    [
      'an unknown lease',
      'bob',
      ['lease', 'renew', '01a21b9d-d512-7000-ad93-000000000000'],
      404,
      'not_found',
      /no lease has the id/,
    ],
    [
      'a path outside the project',
      'bob',
      ['lease', '../elsewhere'],
      400,
      'invalid_path',
      /climbs out of the project/,
    ],
    [
      'a time to live past a day',
      'bob',
      ['lease', 'docs', '--ttl', '48h'],
      400,
      'invalid_input',
      /ttlSeconds/,
    ],
    ['an observer leasing', 'olly', ['lease', 'docs'], 403, 'forbidden', /./],
  ])('refuses %s with the bridge code', async (_case, who, args, status, code, message) => {
    const { as } = await start();
    const lease = jsonOf(await as('bob')(['lease', 'src/db/**', '--json']));
    const filled = args.map((arg) => arg.replace('{id}', lease.leaseId));
    failedWith(await as(who)(filled), status, code, message);
  });

  it('refuses a duration it cannot read before asking the bridge', async () => {
    const { as } = await start();
    const result = await as('bob')(['lease', 'docs', '--ttl', '10x']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/option '--ttl <duration>' argument '10x' is invalid/);
    expect(succeeded(await as('bob')(['leases']))).toBe('no leases\n');
  });
});

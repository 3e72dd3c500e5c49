import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/agents/principal.js';
import { LEASES_STREAM } from '../../src/coordination/leases/events.js';
import { LeaseService } from '../../src/coordination/leases/service.js';
import { useTempDirs } from '../support/temp-dir.js';
import { eventually, openWorld, refusal, registerAgents, tally, type World } from './harness.js';

const tempDir = useTempDirs();
const ROOT = '/work/project';
const ADMIN: Principal = { agentId: 'admin', name: 'admin', role: 'admin' };

async function setUp(dataDir = tempDir(), agents = 3) {
  const world = await openWorld(dataDir);
  const registered = await registerAgents(
    world,
    Array.from({ length: agents }, (_, n) => ({ name: `agent-${n}`, role: 'builder' })),
  );
  const team = Array.from({ length: agents }, (_, n) => registered[`agent-${n}`] as Principal);
  return { world, team };
}

async function openLeases(
  world: World,
  options: Partial<ConstructorParameters<typeof LeaseService>[2]> = {},
) {
  const leases = new LeaseService(world.store, world.registry, { projectRoot: ROOT, ...options });
  await leases.start();
  return leases;
}

async function leaseTypes(world: World): Promise<string[]> {
  return (await world.store.readStream(LEASES_STREAM)).events.map((event) => event.type);
}

describe('LeaseService', () => {
  it('grants one of twenty agents leasing the same file at once', async () => {
    const { world, team } = await setUp(tempDir(), 20);
    const leases = await openLeases(world);
    const results = await Promise.allSettled(
      team.map((agent) => leases.acquire(agent, { paths: ['src/db.ts'] })),
    );
    expect(tally(results)).toEqual({ ok: 1, lease_conflict: 19 });
    expect(await leaseTypes(world)).toEqual(['LeaseAcquired']);
    await leases.close();
    await world.close();
  });

  it('grants exactly one when two nodes sharing the store lease the same path at once', async () => {
    const { world, team } = await setUp(tempDir(), 10);
    const nodes = [await openLeases(world), await openLeases(world)];
    const results = await Promise.allSettled(
      team.map((agent, n) =>
        (nodes[n % 2] as LeaseService).acquire(agent, { paths: ['src/**/*.sql'] }),
      ),
    );
    expect(tally(results)).toEqual({ ok: 1, lease_conflict: 9 });
    const unrelated = await Promise.allSettled(
      team.map((agent, n) =>
        (nodes[n % 2] as LeaseService).acquire(agent, { paths: [`docs/${n}.md`] }),
      ),
    );
    expect(tally(unrelated)).toEqual({ ok: 10 });
    await eventually(
      () => nodes.every((node) => node.list().length === 11),
      'both nodes saw every lease',
    );
    for (const node of nodes) await node.close();
    await world.close();
  });

  it('answers the guard’s check by path, and follows renewals and releases', async () => {
    const { world, team } = await setUp();
    const [bea, dan] = team as [Principal, Principal];
    const leases = await openLeases(world);
    const held = await leases.acquire(bea, { paths: ['src/api', 'README.md'], reason: 'refactor' });
    expect(held).toMatchObject({
      holder: { name: 'agent-0' },
      paths: ['src/api', 'README.md'],
      exclusive: true,
    });
    expect(leases.check('/work/project/src/api/users.ts', dan.agentId)?.leaseId).toBe(held.leaseId);
    expect(leases.check('src/api/users.ts', dan.agentId)?.leaseId).toBe(held.leaseId);
    expect(leases.check('/work/project/src/api/users.ts', bea.agentId)).toBeNull();
    expect(leases.check('/elsewhere/src/api/users.ts', dan.agentId)).toBeNull();
    expect(leases.check('/work/project', dan.agentId)).toBeNull();

    const renewed = await leases.renew(bea, held.leaseId, 7200);
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.parse(held.expiresAt));
    await refusal(leases.renew(dan, held.leaseId), 'not_holder');
    await refusal(leases.release(dan, held.leaseId), 'not_holder');
    await refusal(leases.forceRelease(dan, held.leaseId), 'forbidden');
    await leases.release(bea, held.leaseId);
    expect(leases.check('src/api/users.ts', dan.agentId)).toBeNull();
    await refusal(leases.release(bea, held.leaseId), 'not_found');
    expect(() => leases.get(held.leaseId)).toThrow(/no lease has the id/);

    const shared = await leases.acquire(bea, { paths: ['docs'], exclusive: false });
    expect(leases.check('docs/a.md', dan.agentId)).toBeNull();
    await leases.acquire(dan, { paths: ['docs/**'], exclusive: false });
    expect(leases.list({ holder: dan.agentId })).toHaveLength(1);
    await refusal(leases.acquire(dan, { paths: ['docs/a.md'] }), 'lease_conflict');
    await leases.forceRelease(ADMIN, shared.leaseId, 'cleanup');
    expect(await leaseTypes(world)).toEqual([
      'LeaseAcquired',
      'LeaseRenewed',
      'LeaseReleased',
      'LeaseAcquired',
      'LeaseAcquired',
      'LeaseForceReleased',
    ]);
    await leases.close();
    await world.close();
  });

  it('treats a lease as gone once its time runs out, and records that by a sweep', async () => {
    const { world, team } = await setUp();
    const [bea, dan] = team as [Principal, Principal];
    const leases = await openLeases(world, { sweepIntervalMs: 10 });
    const held = await leases.acquire(bea, { paths: ['src/a.ts'], ttlSeconds: 0.03 });
    expect(leases.check('src/a.ts', dan.agentId)?.leaseId).toBe(held.leaseId);
    await eventually(() => leases.check('src/a.ts', dan.agentId) === null, 'the lease ran out');
    expect(leases.list()).toEqual([]);
    await leases.acquire(dan, { paths: ['src/a.ts'] });
    await eventually(
      () => leases.table.get(held.leaseId) === undefined,
      'the sweep recorded the expiry',
    );
    expect(await leaseTypes(world)).toContain('LeaseExpired');
    await leases.close();
    await world.close();
  });

  it('lets anyone force-release the lease of an offline holder', async () => {
    const { world, team } = await setUp();
    const [bea, dan] = team as [Principal, Principal];
    const offline = new Set<string>();
    const leases = await openLeases(world, { isOffline: (agentId) => offline.has(agentId) });
    const held = await leases.acquire(bea, { paths: ['src'] });
    await refusal(leases.forceRelease(dan, held.leaseId), 'forbidden');
    offline.add(bea.agentId);
    await leases.forceRelease(dan, held.leaseId, 'bea is gone');
    expect(leases.list()).toEqual([]);
    await leases.close();
    await world.close();
  });

  it('rebuilds the same leases after a restart', async () => {
    const dataDir = tempDir();
    const { world, team } = await setUp(dataDir);
    const [bea, dan] = team as [Principal, Principal];
    const leases = await openLeases(world);
    const kept = await leases.acquire(bea, { paths: ['src/**/*.ts'] });
    const dropped = await leases.acquire(dan, { paths: ['web'] });
    await leases.acquire(dan, { paths: ['docs'], exclusive: false });
    await leases.release(dan, dropped.leaseId);
    const before = leases.list();
    await leases.close();
    await world.close();

    const reopened = await openWorld(dataDir);
    const again = await openLeases(reopened);
    expect(again.list()).toEqual(before);
    expect(again.check('src/x/y.ts', dan.agentId)?.leaseId).toBe(kept.leaseId);
    await refusal(again.acquire(dan, { paths: ['src/index.ts'] }), 'lease_conflict');
    await again.close();
    await reopened.close();
  });
});

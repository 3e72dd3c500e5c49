import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/agents/principal.js';
import { openCoordination } from '../../src/coordination/open-coordination.js';
import { useTempDirs } from '../support/temp-dir.js';
import { openWorld, registerAgents } from './harness.js';

const tempDir = useTempDirs();

describe('openCoordination', () => {
  it('starts every domain ready on one store, and feeds lease force-release from presence', async () => {
    const world = await openWorld(tempDir());
    const { bea, dan } = (await registerAgents(world, [
      { name: 'bea', role: 'builder' },
      { name: 'dan', role: 'builder' },
    ])) as Record<string, Principal>;
    let now = Date.parse('2026-03-01T12:00:00.000Z');
    const coordination = await openCoordination({
      store: world.store,
      agents: world.registry,
      projectRoot: '/work/project',
      clock: () => now,
    });
    expect(coordination.ready).toBe(true);
    await coordination.presence.heartbeat(bea as Principal);
    const lease = await coordination.leases.acquire(bea as Principal, { paths: ['src'] });
    const message = await coordination.messages.send(bea as Principal, {
      to: 'dan',
      subject: 'hi',
      body: '',
    });
    const task = await coordination.tasks.dispatch(bea as Principal, { to: 'dan', title: 'look' });
    expect(coordination.messages.inbox(dan as Principal)[0]?.messageId).toBe(message.messageId);
    expect(coordination.tasks.list(dan as Principal, { scope: 'open_for_me' })[0]?.taskId).toBe(
      task.taskId,
    );

    now += 10 * 60_000;
    await coordination.leases.forceRelease(dan as Principal, lease.leaseId, 'bea went offline');
    expect(coordination.leases.list()).toEqual([]);
    await coordination.close();
    expect(coordination.ready).toBe(false);
    await world.close();
  });
});

import { describe, expect, it } from 'vitest';
import { PRESENCE_STREAM_PREFIX } from '../../src/coordination/presence/events.js';
import { PresenceService } from '../../src/coordination/presence/service.js';
import type { EventStore } from '../../src/events/store.js';
import { useTempDirs } from '../support/temp-dir.js';
import { openWorld, refusal, registerAgents } from './harness.js';

const tempDir = useTempDirs();
const MINUTE = 60_000;

async function presenceEvents(store: EventStore): Promise<string[]> {
  const page = await store.readAll({ streamPrefix: PRESENCE_STREAM_PREFIX });
  return page.events.map(
    (event) => `${event.type}:${(event.data as { status?: string }).status ?? ''}`,
  );
}

describe('PresenceService', () => {
  it('writes on status changes only, keeps exact last-seen in memory, and survives a restart', async () => {
    const dataDir = tempDir();
    let now = Date.parse('2026-03-01T12:00:00.000Z');
    const clock = () => now;
    const options = { clock, sweepIntervalMs: 3_600_000 };
    let world = await openWorld(dataDir);
    const { alice, bob } = await registerAgents(world, [
      { name: 'alice', role: 'builder' },
      { name: 'bob', role: 'builder' },
    ]);
    if (!alice || !bob) throw new Error('agents missing');
    let presence = new PresenceService(world.store, world.registry, options);
    await presence.start();
    expect(presence.ready).toBe(true);

    expect((await presence.heartbeat(alice)).status).toBe('online');
    for (let beat = 0; beat < 20; beat++) {
      now += 1000;
      await presence.heartbeat(alice);
    }
    expect(await presenceEvents(world.store)).toEqual(['PresenceChanged:online']);
    expect(presence.statusOf(alice.agentId).lastSeenAt).toBe(new Date(now).toISOString());

    const directory = presence.directory();
    expect(directory.map((entry) => [entry.name, entry.status])).toEqual([
      ['alice', 'online'],
      ['bob', 'offline'],
    ]);
    expect(directory[1]?.lastSeenAt).toBeNull();

    now += 2 * MINUTE;
    expect(presence.statusOf(alice.agentId).status).toBe('idle');
    await presence.sweep();
    now += 5 * MINUTE;
    await presence.sweep();
    await presence.sweep();
    expect(await presenceEvents(world.store)).toEqual([
      'PresenceChanged:online',
      'PresenceChanged:idle',
      'PresenceChanged:offline',
    ]);

    await presence.heartbeat(alice);
    const before = presence.directory();
    await presence.close();
    await world.close();

    world = await openWorld(dataDir);
    presence = new PresenceService(world.store, world.registry, options);
    await presence.start();
    expect(presence.directory()).toEqual(before);
    await presence.close();
    await world.close();
  });

  it('records a coarse refresh while an agent stays online', async () => {
    let now = Date.parse('2026-03-01T12:00:00.000Z');
    const world = await openWorld(tempDir());
    const { alice } = await registerAgents(world, [{ name: 'alice', role: 'builder' }]);
    if (!alice) throw new Error('agent missing');
    const presence = new PresenceService(world.store, world.registry, {
      clock: () => now,
      refreshEveryMs: 5 * MINUTE,
      sweepIntervalMs: 3_600_000,
    });
    await presence.start();
    for (let beat = 0; beat < 12; beat++) {
      await presence.heartbeat(alice);
      await presence.sweep();
      now += 30_000;
    }
    expect(await presenceEvents(world.store)).toEqual([
      'PresenceChanged:online',
      'PresenceRefreshed:',
    ]);
    await presence.close();
    await world.close();
  });

  it('refuses heartbeats from unregistered callers and bad thresholds', async () => {
    const world = await openWorld(tempDir());
    const presence = new PresenceService(world.store, world.registry);
    await presence.start();
    await refusal(
      presence.heartbeat({ agentId: 'admin', name: 'admin', role: 'admin' }),
      'agent_not_found',
    );
    expect(await presenceEvents(world.store)).toEqual([]);
    expect(
      () =>
        new PresenceService(world.store, world.registry, {
          thresholds: { onlineMs: 10, idleMs: 5 },
        }),
    ).toThrow(/0 < onlineMs < idleMs/);
    await presence.close();
    await world.close();
  });
});

import { describe, expect, it } from 'vitest';
import { useBridges } from '../harness.js';

const start = useBridges();

describe('presence over REST', () => {
  it('shows the caller itself, online after a heartbeat, and everyone with presence in the directory', async () => {
    const bridge = await start();
    const alice = await bridge.call('POST', '/v1/agents', {
      body: { name: 'alice', role: 'expert', capabilities: ['security'], description: 'reviews' },
    });
    const token = alice.body.token as string;
    const before = await bridge.call('GET', '/v1/agents/me', { token });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      agentId: alice.body.agentId,
      name: 'alice',
      role: 'expert',
      capabilities: ['security'],
      description: 'reviews',
      status: 'offline',
      lastSeenAt: null,
    });

    const beat = await bridge.call('POST', '/v1/agents/me/heartbeat', { token });
    expect(beat.status).toBe(200);
    expect(beat.body).toMatchObject({ agentId: alice.body.agentId, status: 'online' });
    expect(Date.parse(beat.body.lastSeenAt)).toBeGreaterThan(Date.now() - 60_000);

    const me = await bridge.call('GET', '/v1/agents/me', { token });
    expect(me.body.status).toBe('online');
    const directory = await bridge.call('GET', '/v1/agents', { token });
    expect(directory.body.agents).toEqual([
      expect.objectContaining({
        name: 'alice',
        status: 'online',
        lastSeenAt: beat.body.lastSeenAt,
      }),
    ]);
  });

  it('coming online is an event in the log', async () => {
    const bridge = await start();
    const token = await bridge.tokenFor('bob', 'builder');
    const head = await bridge.head();
    await bridge.call('POST', '/v1/agents/me/heartbeat', { token });
    expect(await bridge.head()).toBeGreaterThan(head);
  });

  it.each([
    ['no token', null, 401, 'unauthenticated'],
    ['the bootstrap admin, which is not a registered agent', undefined, 404, 'agent_not_found'],
  ])('refuses /v1/agents/me for %s', async (_case, token, status, code) => {
    const bridge = await start();
    for (const [method, path] of [
      ['GET', '/v1/agents/me'],
      ['POST', '/v1/agents/me/heartbeat'],
    ] as const) {
      const answer = await bridge.call(method, path, { token });
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
    }
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Agents, openAgents } from '../../src/agents/open-agents.js';
import { BOOTSTRAP_ADMIN } from '../../src/agents/service.js';
import { openSqliteStore } from '../../src/events/sqlite/sqlite-store.js';
import type { EventStore } from '../../src/events/store.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(
  dataDir: string,
  refreshIntervalMs?: number,
): Promise<{ store: EventStore; agents: Agents }> {
  const store = await openSqliteStore({ dataDir });
  const agents = await openAgents({ store, dataDir, refreshIntervalMs });
  cleanups.push(async () => {
    agents.close();
    await store.close();
  });
  return { store, agents };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'lhb-agents-'));
}

describe('agent service', () => {
  it('registers an agent whose token authenticates as that agent', async () => {
    const { agents } = await open(tempDir());
    const alice = await agents.service.register(
      { name: 'alice', role: 'builder', capabilities: ['review'] },
      BOOTSTRAP_ADMIN,
    );
    expect(alice).toMatchObject({ name: 'alice', role: 'builder' });
    expect(await agents.service.authenticate(alice.token)).toEqual({
      agentId: alice.agentId,
      name: 'alice',
      role: 'builder',
    });
    expect(agents.service.list()).toEqual([
      {
        agentId: alice.agentId,
        name: 'alice',
        role: 'builder',
        capabilities: ['review'],
        description: '',
        activeTokens: 1,
      },
    ]);
  });

  it('records who registered the agent and never the token', async () => {
    const { store, agents } = await open(tempDir());
    const alice = await agents.service.register({ name: 'alice', role: 'expert' }, BOOTSTRAP_ADMIN);
    const page = await store.readStream('$agent-alice');
    expect(page.events.map((event) => event.type)).toEqual(['AgentRegistered', 'AgentTokenIssued']);
    expect(page.events.every((event) => event.metadata.agentId === 'admin')).toBe(true);
    expect(JSON.stringify(page.events)).not.toContain(alice.token);
  });

  it('authenticates the bootstrap admin and refuses wrong or malformed tokens', async () => {
    const { agents } = await open(tempDir());
    const alice = await agents.service.register({ name: 'alice', role: 'builder' });
    expect(await agents.service.authenticate(agents.adminToken.token)).toEqual(BOOTSTRAP_ADMIN);
    const forged = `${alice.token.slice(0, -1)}${alice.token.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [forged, 'nonsense', '', `${agents.adminToken.token}x`]) {
      expect(await agents.service.authenticate(token)).toBeNull();
    }
  });

  it('issues more tokens by name or id and revokes them all', async () => {
    const { agents } = await open(tempDir());
    const first = await agents.service.register({ name: 'bob', role: 'observer' });
    const second = await agents.service.issueToken('bob');
    const third = await agents.service.issueToken(first.agentId);
    expect(agents.service.list()[0]?.activeTokens).toBe(3);
    expect(await agents.service.revokeTokens('bob')).toEqual({
      agentId: first.agentId,
      name: 'bob',
      revoked: 3,
    });
    for (const { token } of [first, second, third]) {
      expect(await agents.service.authenticate(token)).toBeNull();
    }
    expect(await agents.service.revokeTokens(first.agentId)).toMatchObject({ revoked: 0 });
    const fresh = await agents.service.issueToken('bob');
    expect(await agents.service.authenticate(fresh.token)).toMatchObject({ name: 'bob' });
  });

  it.each([
    [
      'a taken name',
      async (agents: Agents) => agents.service.register({ name: 'carol', role: 'builder' }),
      'agent_exists',
    ],
    [
      'an invalid name',
      async (agents: Agents) => agents.service.register({ name: 'Carol!', role: 'builder' }),
      'invalid_agent',
    ],
    [
      'an unknown role',
      async (agents: Agents) => agents.service.register({ name: 'dave', role: 'root' }),
      'invalid_agent',
    ],
    [
      'an unknown agent',
      async (agents: Agents) => agents.service.issueToken('nobody'),
      'agent_not_found',
    ],
    [
      'revoking an unknown agent',
      async (agents: Agents) => agents.service.revokeTokens('nobody'),
      'agent_not_found',
    ],
  ])('refuses %s and writes nothing', async (_name, act, code) => {
    const { store, agents } = await open(tempDir());
    await agents.service.register({ name: 'carol', role: 'builder' });
    const head = await store.headPosition();
    await expect(act(agents)).rejects.toMatchObject({ code });
    expect(await store.headPosition()).toBe(head);
  });

  it('keeps tokens across a restart', async () => {
    const dir = tempDir();
    const before = await open(dir);
    const alice = await before.agents.service.register({ name: 'alice', role: 'builder' });
    await cleanups.pop()?.();
    const after = await open(dir);
    expect(after.agents.adminToken).toEqual({
      token: before.agents.adminToken.token,
      created: false,
    });
    expect(await after.agents.service.authenticate(alice.token)).toMatchObject({ name: 'alice' });
  });

  it('sees tokens issued and revoked by another node sharing the store', async () => {
    const dir = tempDir();
    const nodeA = await open(dir);
    const nodeB = await open(dir, 20);
    const alice = await nodeA.agents.service.register({ name: 'alice', role: 'builder' });
    // Unknown to node B's registry until it catches up, which an unknown token id triggers.
    expect(await nodeB.agents.service.authenticate(alice.token)).toMatchObject({ name: 'alice' });
    await nodeA.agents.service.revokeTokens('alice');
    await expect
      .poll(() => nodeB.agents.service.authenticate(alice.token), { timeout: 5000 })
      .toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { appendBody, useBridges } from './harness.js';

const start = useBridges();

describe('agents over REST', () => {
  it('registers an agent (201) whose token works at once, and lists agents without secrets', async () => {
    const bridge = await start();
    const created = await bridge.call('POST', '/v1/agents', {
      body: { name: 'alice', role: 'expert', capabilities: ['security'], description: 'reviews' },
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['agentId', 'name', 'role', 'token']);
    expect(created.body).toMatchObject({ name: 'alice', role: 'expert' });
    const list = await bridge.call('GET', '/v1/agents', { token: created.body.token });
    expect(list.status).toBe(200);
    expect(list.body.agents).toEqual([
      {
        agentId: created.body.agentId,
        name: 'alice',
        role: 'expert',
        capabilities: ['security'],
        description: 'reviews',
        activeTokens: 1,
        status: 'offline',
        lastSeenAt: null,
      },
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/tokenHash|lhb_/);
  });

  it.each([
    [
      'an invalid name',
      { name: 'Alice Smith', role: 'builder' },
      400,
      'invalid_agent',
      /agent name/,
    ],
    [
      'an unknown role',
      { name: 'alice', role: 'root' },
      400,
      'invalid_request',
      /body\/role must be one of/,
    ],
    ['a missing role', { name: 'alice' }, 400, 'invalid_request', /body\/role is required/],
    [
      'an unknown field',
      { name: 'alice', role: 'builder', token: 'mine' },
      400,
      'invalid_request',
      /body\/token/,
    ],
    [
      'capabilities that are not strings',
      { name: 'alice', role: 'builder', capabilities: [1] },
      400,
      'invalid_request',
      /body\/capabilities\/0/,
    ],
    ['a reserved name', { name: 'admin', role: 'admin' }, 400, 'invalid_agent', /reserved/],
    ['a taken name', { name: 'taken', role: 'builder' }, 409, 'agent_exists', /taken/],
  ])('refuses %s and writes nothing', async (_name, body, status, code, message) => {
    const bridge = await start();
    await bridge.tokenFor('taken', 'observer');
    const head = await bridge.head();
    const answer = await bridge.call('POST', '/v1/agents', { body });
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.message).toMatch(message);
    expect(await bridge.head()).toBe(head);
  });

  it('only an admin manages agents; every role may list them', async () => {
    const bridge = await start();
    const tokens = {
      builder: await bridge.tokenFor('bob', 'builder'),
      expert: await bridge.tokenFor('erin', 'expert'),
      observer: await bridge.tokenFor('olga', 'observer'),
      admin: await bridge.tokenFor('ada', 'admin'),
    };
    for (const role of ['builder', 'expert', 'observer'] as const) {
      const token = tokens[role];
      expect(
        (await bridge.call('POST', '/v1/agents', { token, body: { name: 'x', role: 'admin' } }))
          .body.error.code,
      ).toBe('forbidden');
      expect((await bridge.call('POST', '/v1/agents/bob/tokens', { token })).status).toBe(403);
      expect((await bridge.call('DELETE', '/v1/agents/bob/tokens', { token })).status).toBe(403);
      expect((await bridge.call('GET', '/v1/agents', { token })).status).toBe(200);
    }
    const byAgentAdmin = await bridge.call('POST', '/v1/agents', {
      token: tokens.admin,
      body: { name: 'zed', role: 'observer' },
    });
    expect(byAgentAdmin.status).toBe(201);
    const registered = await bridge.call('GET', '/v1/streams/%24agent-zed/events');
    expect(registered.body.events[0].metadata.agentId).toBe(
      bridge.agents.registry.find('ada')?.agentId,
    );
  });

  it('issues a new token by name or id, and revocation takes effect at once', async () => {
    const bridge = await start();
    const first = (
      await bridge.call('POST', '/v1/agents', { body: { name: 'bob', role: 'builder' } })
    ).body;
    const byName = await bridge.call('POST', '/v1/agents/bob/tokens');
    const byId = await bridge.call('POST', `/v1/agents/${first.agentId}/tokens`);
    expect(byName.status).toBe(201);
    expect(byId.body).toMatchObject({ agentId: first.agentId, name: 'bob', role: 'builder' });
    const tokens = [first.token, byName.body.token, byId.body.token];
    for (const token of tokens) {
      expect(
        (await bridge.call('POST', '/v1/streams/s/events', { token, body: appendBody('A') }))
          .status,
      ).toBe(200);
    }
    const revoked = await bridge.call('DELETE', '/v1/agents/bob/tokens');
    expect(revoked).toMatchObject({
      status: 200,
      body: { agentId: first.agentId, name: 'bob', revoked: 3 },
    });
    for (const token of tokens) {
      const answer = await bridge.call('POST', '/v1/streams/s/events', {
        token,
        body: appendBody('A'),
      });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
    }
  });

  it('answers 404 for tokens of an unknown agent', async () => {
    const bridge = await start();
    for (const method of ['POST', 'DELETE']) {
      const answer = await bridge.call(method, '/v1/agents/nobody/tokens');
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('agent_not_found');
    }
  });

  it.each([
    ['no header', {}],
    ['another scheme', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
    [
      'a made-up token',
      {
        authorization:
          'Bearer lhb_01939d2e-7a4b-7000-8000-000000000001_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      },
    ],
  ])('answers 401 to %s', async (_name, headers) => {
    const bridge = await start();
    const answer = await bridge.call('GET', '/v1/agents', { token: null, headers });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('unauthenticated');
  });
});

describe('tokens across instances and restarts', () => {
  it('a token issued by one instance authenticates on another sharing the data dir', async () => {
    const first = await start();
    const second = await start({ dataDir: first.dataDir });
    expect(second.adminToken).toBe(first.adminToken);
    expect(first.adminTokenCreated).toBe(true);
    expect(second.adminTokenCreated).toBe(false);
    const token = await first.tokenFor('alice', 'builder');
    const answer = await second.call('POST', '/v1/streams/shared/events', {
      token,
      body: appendBody('A'),
    });
    expect(answer.status).toBe(200);
    expect((await first.call('GET', '/v1/streams/shared/events')).body.events).toHaveLength(1);
    await first.call('DELETE', '/v1/agents/alice/tokens');
    await expect
      .poll(async () => (await second.call('GET', '/v1/agents', { token })).status, {
        timeout: 5000,
      })
      .toBe(401);
  });

  it('tokens still work after everything is closed and reopened', async () => {
    const before = await start();
    const token = await before.tokenFor('alice', 'observer');
    await before.close();
    const after = await start({ dataDir: before.dataDir });
    expect(after.adminTokenCreated).toBe(false);
    expect(after.adminToken).toBe(before.adminToken);
    expect((await after.call('GET', '/v1/agents', { token })).status).toBe(200);
    expect((await after.call('GET', '/v1/agents')).status).toBe(200);
  });

  it('uses a configured admin token instead of a generated one', async () => {
    const bridge = await start({ adminToken: 'configured-admin-token' });
    expect(bridge.adminTokenCreated).toBe(false);
    expect(
      (await bridge.call('GET', '/v1/agents', { token: 'configured-admin-token' })).status,
    ).toBe(200);
  });
});

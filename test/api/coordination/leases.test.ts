import { describe, expect, it } from 'vitest';
import { useBridges } from '../harness.js';
import { registerTeam, type TeamMember } from './team.js';

const start = useBridges();

const NAMES = ['alice', 'bob', 'olly'] as const;
type Name = (typeof NAMES)[number];

async function setUp() {
  const bridge = await start();
  const registered = await registerTeam(bridge, [
    { name: 'alice', role: 'builder' },
    { name: 'bob', role: 'builder' },
    { name: 'olly', role: 'observer' },
  ]);
  const team = Object.fromEntries(NAMES.map((name) => [name, registered[name] as TeamMember]));
  const members = team as Record<Name, TeamMember>;
  const lease = (who: Name, body: unknown) =>
    bridge.call('POST', '/v1/leases', { token: members[who].token, body });
  const leased = async (who: Name, body: unknown) => {
    const answer = await lease(who, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };
  const heartbeat = (who: Name) =>
    bridge.call('POST', '/v1/agents/me/heartbeat', { token: members[who].token });
  return { bridge, team: members, lease, leased, heartbeat };
}

describe('file leases over REST', () => {
  it('leases paths, shows them by id, holder and path, renews and releases them', async () => {
    const { bridge, team, leased } = await setUp();
    const lease = await leased('alice', {
      paths: ['src/api/./app.ts', 'docs/**'],
      exclusive: true,
      ttlSeconds: 60,
      reason: 'refactoring',
    });
    expect(lease).toMatchObject({
      holder: { agentId: team.alice.agentId, name: 'alice' },
      paths: ['src/api/app.ts', 'docs/**'],
      exclusive: true,
      ttlSeconds: 60,
      reason: 'refactoring',
    });
    expect(Date.parse(lease.expiresAt) - Date.parse(lease.acquiredAt)).toBe(60_000);

    const byId = await bridge.call('GET', `/v1/leases/${lease.leaseId}`, { token: team.bob.token });
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(lease);
    const held = async (query: string) =>
      (await bridge.call('GET', `/v1/leases${query}`)).body.leases.map(
        (held: { leaseId: string }) => held.leaseId,
      );
    expect(await held('')).toEqual([lease.leaseId]);
    expect(await held('?holder=alice')).toEqual([lease.leaseId]);
    expect(await held(`?holder=${team.alice.agentId}`)).toEqual([lease.leaseId]);
    expect(await held('?holder=bob')).toEqual([]);

    const check = (who: Name, path: string) =>
      bridge.call('GET', `/v1/leases/check?path=${encodeURIComponent(path)}`, {
        token: team[who].token,
      });
    const blocking = await check('bob', 'docs/guide/intro.md');
    expect(blocking.status).toBe(200);
    expect(blocking.body).toEqual({ path: 'docs/guide/intro.md', lease });
    expect((await check('alice', 'docs/guide/intro.md')).body).toEqual({
      path: 'docs/guide/intro.md',
      lease: null,
    });
    expect((await check('bob', 'src/api/bridge.ts')).body.lease).toBeNull();

    const renewed = await bridge.call('POST', `/v1/leases/${lease.leaseId}/renew`, {
      token: team.alice.token,
      body: { ttlSeconds: 600 },
    });
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.body.expiresAt)).toBeGreaterThan(Date.parse(lease.expiresAt));
    const again = await bridge.call('POST', `/v1/leases/${lease.leaseId}/renew`, {
      token: team.alice.token,
    });
    expect(again.status).toBe(200);
    expect(again.body.ttlSeconds).toBe(60);

    const released = await bridge.call('DELETE', `/v1/leases/${lease.leaseId}`, {
      token: team.alice.token,
    });
    expect(released.status).toBe(200);
    expect(released.body).toEqual({
      leaseId: lease.leaseId,
      by: { agentId: team.alice.agentId, name: 'alice' },
      releasedAt: expect.any(String),
    });
    expect((await bridge.call('GET', `/v1/leases/${lease.leaseId}`)).status).toBe(404);
    expect(await held('')).toEqual([]);
    expect((await check('bob', 'docs/guide/intro.md')).body.lease).toBeNull();
  });

  it('grants exactly one of two agents leasing the same path exclusively at once', async () => {
    const { lease } = await setUp();
    const body = { paths: ['src/main.ts'], exclusive: true, ttlSeconds: 60 };
    const answers = await Promise.all([lease('alice', body), lease('bob', body)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const won = answers.find((answer) => answer.status === 201);
    const lost = answers.find((answer) => answer.status === 409);
    expect(lost?.body.error).toMatchObject({
      code: 'lease_conflict',
      details: {
        leaseId: won?.body.leaseId,
        holder: won?.body.holder.name,
        paths: ['src/main.ts'],
        exclusive: true,
      },
    });
  });

  it.each([
    ['two shared leases', false, false, 201],
    ['a shared lease beside an exclusive one', true, false, 409],
    ['an exclusive lease beside a shared one', false, true, 409],
  ])('answers %s with %i', async (_case, first, second, status) => {
    const { lease, leased } = await setUp();
    await leased('alice', { paths: ['src/**'], exclusive: first });
    const answer = await lease('bob', { paths: ['src/app.ts'], exclusive: second });
    expect(answer.status).toBe(status);
  });

  const forceReleases: [string, Name | undefined, boolean, number, string?][] = [
    ['the holder', 'alice', true, 200],
    ['an admin, while the holder is present', undefined, true, 200],
    ['another agent, once the holder is gone', 'bob', false, 200],
    ['another agent, while the holder is present', 'bob', true, 403, 'forbidden'],
    ['an observer', 'olly', false, 403, 'forbidden'],
  ];

  it.each(forceReleases)('force-release by %s', async (_case, who, present, status, code) => {
    const { bridge, team, leased, heartbeat } = await setUp();
    if (present) await heartbeat('alice');
    const lease = await leased('alice', { paths: ['package.json'], ttlSeconds: 600 });
    const answer = await bridge.call('POST', `/v1/leases/${lease.leaseId}/force-release`, {
      token: who === undefined ? undefined : team[who].token,
      body: { reason: 'stale' },
    });
    expect(answer.status).toBe(status);
    if (code) {
      expect(answer.body.error.code).toBe(code);
      expect((await bridge.call('GET', `/v1/leases/${lease.leaseId}`)).status).toBe(200);
    } else {
      expect(answer.body).toMatchObject({ leaseId: lease.leaseId, reason: 'stale' });
      expect((await bridge.call('GET', `/v1/leases/${lease.leaseId}`)).status).toBe(404);
    }
  });

  it('lets anyone force-release a lease whose time ran out, without a reason', async () => {
    const { bridge, team, leased, heartbeat } = await setUp();
    await heartbeat('alice');
    const lease = await leased('alice', { paths: ['package.json'], ttlSeconds: 0.05 });
    const expiresAt = Date.parse(lease.expiresAt);
    while (Date.now() <= expiresAt) await new Promise((resolve) => setTimeout(resolve, 5));
    const answer = await bridge.call('POST', `/v1/leases/${lease.leaseId}/force-release`, {
      token: team.bob.token,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ leaseId: lease.leaseId, by: { name: 'bob' } });
  });

  type Refusal = [string, Name, string, string, unknown, number, string, RegExp?];
  const refusals: Refusal[] = [
    ['renewal by another agent', 'bob', 'POST', '/renew', undefined, 403, 'not_holder'],
    ['release by another agent', 'bob', 'DELETE', '', undefined, 403, 'not_holder'],
    ['renewal by an observer', 'olly', 'POST', '/renew', undefined, 403, 'forbidden'],
    ['release by an observer', 'olly', 'DELETE', '', undefined, 403, 'forbidden'],
    [
      'a renewal beyond a day',
      'alice',
      'POST',
      '/renew',
      { ttlSeconds: 86_401 },
      400,
      'invalid_input',
    ],
    [
      'an unknown renewal field',
      'alice',
      'POST',
      '/renew',
      { ttl: 60 },
      400,
      'invalid_request',
      /body\/ttl is not an accepted field/,
    ],
    [
      'an unknown force-release field',
      'alice',
      'POST',
      '/force-release',
      { now: true },
      400,
      'invalid_request',
      /body\/now is not an accepted field/,
    ],
  ];

  it.each(refusals)(
    'refuses %s',
    async (_case, who, method, action, body, status, code, message) => {
      const { bridge, team, leased } = await setUp();
      const lease = await leased('alice', { paths: ['README.md'], ttlSeconds: 600 });
      const head = await bridge.head();
      const answer = await bridge.call(method, `/v1/leases/${lease.leaseId}${action}`, {
        token: team[who].token,
        body,
      });
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
      if (message) expect(answer.body.error.message).toMatch(message);
      expect(await bridge.head()).toBe(head);
      expect((await bridge.call('GET', `/v1/leases/${lease.leaseId}`)).body).toEqual(lease);
    },
  );

  const unknownId = '01890a5d-ac96-774b-bcce-b302099a8057';
  it.each([
    ['GET', `/v1/leases/${unknownId}`, 404, 'not_found', undefined],
    ['DELETE', `/v1/leases/${unknownId}`, 404, 'not_found', undefined],
    ['POST', `/v1/leases/${unknownId}/renew`, 404, 'not_found', { ttlSeconds: 60 }],
    ['POST', `/v1/leases/${unknownId}/force-release`, 404, 'not_found', undefined],
    ['POST', '/v1/leases', 400, 'invalid_path', { paths: ['../outside'] }],
    ['POST', '/v1/leases', 400, 'invalid_path', { paths: ['/etc/passwd'] }],
    ['POST', '/v1/leases', 400, 'invalid_input', { paths: [] }],
    ['POST', '/v1/leases', 400, 'invalid_input', { paths: ['a'], ttlSeconds: 0 }],
    ['POST', '/v1/leases', 400, 'invalid_request', { paths: ['a'], mode: 'exclusive' }],
    ['POST', '/v1/leases', 400, 'invalid_request', { exclusive: true }],
    ['GET', '/v1/leases/check', 400, 'invalid_request', undefined],
    ['GET', '/v1/leases?owner=alice', 400, 'invalid_request', undefined],
  ])('answers %s %s with %i %s', async (method, path, status, code, body) => {
    const { bridge, team } = await setUp();
    const answer = await bridge.call(method, path, { token: team.alice.token, body });
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
  });

  it('lets an observer read leases but not take one', async () => {
    const { bridge, team, lease, leased } = await setUp();
    const held = await leased('alice', { paths: ['src/**'] });
    const listed = await bridge.call('GET', '/v1/leases', { token: team.olly.token });
    expect(listed.body.leases).toEqual([held]);
    const check = await bridge.call('GET', '/v1/leases/check?path=src/a.ts', {
      token: team.olly.token,
    });
    expect(check.body.lease).toEqual(held);
    const refused = await lease('olly', { paths: ['docs'] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
  });
});

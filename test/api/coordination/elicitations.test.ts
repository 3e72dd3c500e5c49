import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type TestBridge, useBridges } from '../harness.js';
import { expectRefusalRecordsNothing, registerTeam, type TeamMember } from './team.js';

const start = useBridges();
const UNKNOWN_ID = '0190f3a0-0000-7000-8000-000000000000';
const SEVERITY = {
  type: 'object',
  properties: { severity: { enum: ['low', 'high'] }, note: { type: 'string' } },
  required: ['severity'],
  additionalProperties: false,
};

const TEAM = [
  { name: 'alice', role: 'builder' },
  { name: 'bob', role: 'builder' },
  { name: 'erin', role: 'expert', capabilities: ['security'] },
  { name: 'eve', role: 'expert', capabilities: ['security'] },
  { name: 'ed', role: 'expert', capabilities: ['performance'] },
  { name: 'olga', role: 'observer' },
] as const;

type Name = (typeof TEAM)[number]['name'];

async function setUp() {
  const bridge = await start();
  const team = (await registerTeam(bridge, TEAM)) as Record<Name, TeamMember>;
  return { bridge, team };
}

async function ask(
  bridge: TestBridge,
  asker: TeamMember,
  body: Record<string, unknown>,
): Promise<string> {
  const asked = await bridge.call('POST', '/v1/elicitations', {
    token: asker.token,
    body: { question: 'Severity?', schema: SEVERITY, ...body },
  });
  expect(asked.status).toBe(201);
  return asked.body.elicitationId;
}

function act(bridge: TestBridge, who: TeamMember, id: string, action: string, body?: unknown) {
  return bridge.call('POST', `/v1/elicitations/${id}/${action}`, { token: who.token, body });
}

function look(bridge: TestBridge, who: TeamMember, id: string, waitMs?: number) {
  const query = waitMs === undefined ? '' : `?waitMs=${waitMs}`;
  return bridge.call('GET', `/v1/elicitations/${id}${query}`, { token: who.token });
}

async function listed(bridge: TestBridge, who: TeamMember, query = ''): Promise<string[]> {
  const answer = await bridge.call('GET', `/v1/elicitations${query}`, { token: who.token });
  expect(answer.status).toBe(200);
  return answer.body.elicitations.map((question: { question: string }) => question.question);
}

describe('questions (elicitations) over REST', () => {
  it('asks, answers, and hands the asker the answer itself', async () => {
    const { bridge, team } = await setUp();
    const { alice, erin } = team;
    const asked = await bridge.call('POST', '/v1/elicitations', {
      token: alice.token,
      body: { to: 'erin', question: 'Severity of CVE-1?', schema: SEVERITY, timeoutMs: 600_000 },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toEqual({
      elicitationId: expect.any(String),
      from: { agentId: alice.agentId, name: 'alice' },
      to: 'erin',
      question: 'Severity of CVE-1?',
      schema: SEVERITY,
      askedAt: expect.any(String),
      deadline: expect.any(String),
      status: 'open',
      answer: null,
      closedBy: null,
      closedAt: null,
      reason: null,
    });
    expect(Date.parse(asked.body.deadline) - Date.parse(asked.body.askedAt)).toBe(600_000);
    const id = asked.body.elicitationId;

    expect(await listed(bridge, erin)).toEqual(['Severity of CVE-1?']);
    expect(await listed(bridge, erin, '?status=open')).toEqual(['Severity of CVE-1?']);
    expect(await listed(bridge, alice)).toEqual([]);
    expect(await listed(bridge, alice, '?role=asked')).toEqual(['Severity of CVE-1?']);

    const answered = await act(bridge, erin, id, 'answer', {
      data: { severity: 'high', note: 'remote' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'answered',
      answer: { severity: 'high', note: 'remote' },
      closedBy: { agentId: erin.agentId, name: 'erin' },
    });
    const seen = await look(bridge, alice, id);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual(answered.body);
    expect(await listed(bridge, erin, '?status=open')).toEqual([]);
    expect(await listed(bridge, erin, '?status=answered')).toEqual(['Severity of CVE-1?']);
  });

  it('uses a deadline of 30 seconds unless told otherwise', async () => {
    const { bridge, team } = await setUp();
    const asked = await bridge.call('POST', '/v1/elicitations', {
      token: team.alice.token,
      body: { to: 'bob', question: 'Ready?', schema: { type: 'boolean' } },
    });
    expect(Date.parse(asked.body.deadline) - Date.parse(asked.body.askedAt)).toBe(30_000);
  });

  it.each([
    ['an agent', 'erin', ['erin']],
    ['a role', 'role:expert', ['erin', 'eve', 'ed']],
    ['a capability', 'capability:security', ['erin', 'eve']],
    ['everyone', '*', ['bob', 'erin', 'eve', 'ed', 'olga']],
  ])(
    'reaches %s (%s): exactly those see it, and one of them answers',
    async (_case, to, reached) => {
      const { bridge, team } = await setUp();
      const id = await ask(bridge, team.alice, { to, question: 'Who?' });
      for (const member of Object.values(team)) {
        if (member.name === 'alice') continue;
        const addressed = reached.includes(member.name);
        expect(await listed(bridge, member), member.name).toEqual(addressed ? ['Who?'] : []);
        expect((await look(bridge, member, id)).status, member.name).toBe(addressed ? 200 : 404);
      }
      // The first one reached is never the observer, who may not answer.
      const answerer = team[reached[0] as Name];
      const answered = await act(bridge, answerer, id, 'answer', { data: { severity: 'low' } });
      expect(answered.status).toBe(200);
    },
  );

  it('refuses an answer that does not match the schema, naming the field, and records nothing', async () => {
    const { bridge, team } = await setUp();
    const { alice, erin } = team;
    const id = await ask(bridge, alice, { to: 'erin' });
    for (const [data, field] of [
      [{ severity: 'medium' }, '/severity'],
      [{ note: 'no severity' }, '/severity'],
      [{ severity: 'low', extra: 1 }, '/extra'],
      ['high', ''],
    ] as const) {
      const head = await bridge.head();
      const refused = await act(bridge, erin, id, 'answer', { data });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('invalid_answer');
      expect(refused.body.error.details.field).toBe(field);
      if (field !== '') expect(refused.body.error.message).toContain(field);
      expect(await bridge.head()).toBe(head);
    }
    expect((await look(bridge, alice, id)).body.status).toBe('open');
  });

  it('lets only the addressee answer', async () => {
    const { bridge, team } = await setUp();
    const { alice, bob, erin } = team;
    const id = await ask(bridge, alice, { to: 'capability:security' });
    const head = await bridge.head();
    const cases = [
      ['the asker', alice.token, 403, 'not_addressee'],
      ['the bootstrap admin', undefined, 403, 'not_addressee'],
      ['an agent it is not addressed to', bob.token, 404, 'not_found'],
    ] as const;
    for (const [who, token, status, code] of cases) {
      const refused = await bridge.call('POST', `/v1/elicitations/${id}/answer`, {
        token,
        body: { data: { severity: 'low' } },
      });
      expect([who, refused.status, refused.body.error.code]).toEqual([who, status, code]);
    }
    expect(await bridge.head()).toBe(head);
    expect((await act(bridge, erin, id, 'answer', { data: { severity: 'low' } })).status).toBe(200);
  });

  it('returns the answer to a waiting asker as soon as it arrives', async () => {
    const { bridge, team } = await setUp();
    const { alice, erin } = team;
    const id = await ask(bridge, alice, { to: 'erin', timeoutMs: 600_000 });
    let settled = false;
    const waiting = look(bridge, alice, id, 60_000).finally(() => {
      settled = true;
    });
    await sleep(100);
    expect(settled).toBe(false);
    const answered = await act(bridge, erin, id, 'answer', { data: { severity: 'high' } });
    const outcome = await waiting;
    expect(outcome.status).toBe(200);
    expect(outcome.body.status).toBe('answered');
    expect(outcome.body.answer).toEqual({ severity: 'high' });
    expect(outcome.body).toEqual(answered.body);
  });

  it('expires at the deadline and refuses late answers', async () => {
    const { bridge, team } = await setUp();
    const { alice, erin } = team;
    const id = await ask(bridge, alice, { to: 'erin', timeoutMs: 200 });
    const outcome = await look(bridge, alice, id, 60_000);
    expect(outcome.body.status).toBe('expired');
    const head = await bridge.head();
    for (const [who, action, body] of [
      [erin, 'answer', { data: { severity: 'low' } }],
      [erin, 'decline', undefined],
      [alice, 'cancel', undefined],
    ] as const) {
      const late = await act(bridge, who, id, action, body);
      expect([action, late.status, late.body.error.code]).toEqual([action, 410, 'expired']);
    }
    expect(await bridge.head()).toBe(head);
  });

  it('lets the addressee decline and the asker cancel, each with a reason', async () => {
    const { bridge, team } = await setUp();
    const { alice, erin } = team;
    const declinedId = await ask(bridge, alice, { to: 'erin', question: 'Declined?' });
    const waiting = look(bridge, alice, declinedId, 60_000);
    const declined = await act(bridge, erin, declinedId, 'decline', { reason: 'out of scope' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'declined',
      reason: 'out of scope',
      closedBy: { name: 'erin' },
    });
    expect((await waiting).body.status).toBe('declined');

    const cancelledId = await ask(bridge, alice, { to: 'erin', question: 'Cancelled?' });
    const notAsker = await act(bridge, erin, cancelledId, 'cancel');
    expect([notAsker.status, notAsker.body.error.code]).toEqual([403, 'not_asker']);
    const cancelled = await act(bridge, alice, cancelledId, 'cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: '' });
    const late = await act(bridge, erin, cancelledId, 'answer', { data: { severity: 'low' } });
    expect([late.status, late.body.error.code]).toEqual([409, 'already_closed']);

    expect(await listed(bridge, alice, '?role=asked')).toEqual(['Cancelled?', 'Declined?']);
    expect(await listed(bridge, alice, '?role=asked&status=declined')).toEqual(['Declined?']);
  });

  it('lets exactly one of two concurrent answers win', async () => {
    const { bridge, team } = await setUp();
    const { alice, erin, eve } = team;
    const id = await ask(bridge, alice, { to: 'capability:security' });
    const answers = await Promise.all(
      [erin, eve].map((expert) => act(bridge, expert, id, 'answer', { data: { severity: 'low' } })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const loser = answers.find((answer) => answer.status === 409);
    expect(loser?.body.error.code).toBe('already_answered');
    const winner = answers.find((answer) => answer.status === 200);
    expect((await look(bridge, alice, id)).body.closedBy).toEqual(winner?.body.closedBy);
  });

  it('pages listings newest first with a cursor', async () => {
    const { bridge, team } = await setUp();
    const { alice, bob } = team;
    for (const question of ['one', 'two', 'three'])
      await ask(bridge, alice, { to: 'bob', question });
    const first = await bridge.call('GET', '/v1/elicitations?limit=2', { token: bob.token });
    expect(first.body.elicitations.map((q: { question: string }) => q.question)).toEqual([
      'three',
      'two',
    ]);
    expect(first.body.next).toBe(first.body.elicitations[1].elicitationId);
    expect(await listed(bridge, bob, `?limit=2&before=${first.body.next}`)).toEqual(['one']);
    const last = await bridge.call('GET', `/v1/elicitations?before=${first.body.next}`, {
      token: bob.token,
    });
    expect(last.body.next).toBeNull();
  });

  it('ends a waiting request when the bridge shuts down', async () => {
    const { bridge, team } = await setUp();
    const { alice } = team;
    const id = await ask(bridge, alice, { to: 'bob', timeoutMs: 600_000 });
    let settled = false;
    const waiting = look(bridge, alice, id, 60_000).finally(() => {
      settled = true;
    });
    await sleep(100);
    expect(settled).toBe(false);
    await bridge.close();
    const outcome = await waiting;
    expect(outcome.status).toBe(200);
    expect(outcome.body.status).toBe('open');
  });

  const asking = { to: 'erin', question: 'q', schema: SEVERITY };
  const unknown = `/v1/elicitations/${UNKNOWN_ID}`;
  // [case, caller (null: no token), request, body, status, code, what the error names]
  // biome-ignore format: one refusal per line reads as a table
  const refusals: [string, Name | null, string, unknown, number, string, string?][] = [
    ['no token', null, 'POST /v1/elicitations', asking, 401, 'unauthenticated'],
    ['an observer asking', 'olga', 'POST /v1/elicitations', asking, 403, 'forbidden'],
    ['an unknown field', 'alice', 'POST /v1/elicitations', { ...asking, urgent: true }, 400, 'invalid_request', 'body/urgent'],
    ['a missing schema', 'alice', 'POST /v1/elicitations', { to: 'erin', question: 'q' }, 400, 'invalid_request', 'body/schema'],
    ['a schema that is no JSON Schema', 'alice', 'POST /v1/elicitations', { ...asking, schema: { type: 'strng' } }, 400, 'invalid_schema', 'schema'],
    ['a deadline over an hour', 'alice', 'POST /v1/elicitations', { ...asking, timeoutMs: 3_600_001 }, 400, 'invalid_request', 'body/timeoutMs'],
    ['a deadline of 0', 'alice', 'POST /v1/elicitations', { ...asking, timeoutMs: 0 }, 400, 'invalid_request', 'body/timeoutMs'],
    ['an address that reaches no one', 'alice', 'POST /v1/elicitations', { ...asking, to: 'capability:legal' }, 400, 'no_recipients', 'capability:legal'],
    ['a question to oneself', 'alice', 'POST /v1/elicitations', { ...asking, to: 'alice' }, 400, 'no_recipients'],
    ['an unknown list filter', 'alice', 'GET /v1/elicitations?mine=true', undefined, 400, 'invalid_request', 'querystring/mine'],
    ['an unknown status', 'alice', 'GET /v1/elicitations?status=lost', undefined, 400, 'invalid_request', 'querystring/status'],
    ['a wait over a minute', 'alice', `GET ${unknown}?waitMs=60001`, undefined, 400, 'invalid_request', 'querystring/waitMs'],
    ['an unknown question', 'alice', `GET ${unknown}`, undefined, 404, 'not_found'],
    ['waiting on an unknown question', 'alice', `GET ${unknown}?waitMs=1000`, undefined, 404, 'not_found'],
    ['answering an unknown question', 'erin', `POST ${unknown}/answer`, { data: 1 }, 404, 'not_found'],
    ['declining an unknown question', 'erin', `POST ${unknown}/decline`, undefined, 404, 'not_found'],
    ['cancelling an unknown question', 'alice', `POST ${unknown}/cancel`, undefined, 404, 'not_found'],
    ['an answer without data', 'erin', `POST ${unknown}/answer`, {}, 400, 'invalid_request', 'body/data'],
    ['an unknown field in a decline', 'erin', `POST ${unknown}/decline`, { why: 'x' }, 400, 'invalid_request', 'body/why'],
  ];

  it.each(refusals)(
    'refuses %s and records nothing',
    async (_case, caller, request, body, status, code, named) => {
      const { bridge, team } = await setUp();
      const token = caller === null ? null : team[caller].token;
      await expectRefusalRecordsNothing(bridge, token, request, body, { status, code, named });
    },
  );

  it('refuses answers and declines from an observer it reaches', async () => {
    const { bridge, team } = await setUp();
    const { alice, olga } = team;
    const id = await ask(bridge, alice, { to: '*' });
    expect((await look(bridge, olga, id)).status).toBe(200);
    for (const [action, body] of [
      ['answer', { data: { severity: 'low' } }],
      ['decline', undefined],
    ] as const) {
      const refused = await act(bridge, olga, id, action, body);
      expect([action, refused.status, refused.body.error.code]).toEqual([action, 403, 'forbidden']);
    }
  });
});

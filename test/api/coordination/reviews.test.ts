import { describe, expect, it } from 'vitest';
import type { ReviewRequest } from '../../../src/coordination/reviews/decide.js';
import { useBridges } from '../harness.js';
import { registerTeam, type TeamMember } from './team.js';

const start = useBridges();

const NAMES = ['bea', 'sec0', 'sec1', 'sec2', 'pat', 'olly'] as const;
type Name = (typeof NAMES)[number];

async function setUp() {
  const bridge = await start();
  const registered = await registerTeam(bridge, [
    { name: 'bea', role: 'builder' },
    { name: 'sec0', role: 'expert', capabilities: ['security'] },
    { name: 'sec1', role: 'expert', capabilities: ['security'] },
    { name: 'sec2', role: 'expert', capabilities: ['security'] },
    { name: 'pat', role: 'expert', capabilities: ['performance'] },
    { name: 'olly', role: 'observer' },
  ]);
  const team = Object.fromEntries(NAMES.map((name) => [name, registered[name] as TeamMember]));
  const members = team as Record<Name, TeamMember>;
  /** What the guard does when it escalates a call of `requester`. */
  const open = async (change: Partial<ReviewRequest> = {}, requester: Name = 'bea') => {
    const { agentId, name } = members[requester];
    return bridge.coordination.reviews.open({
      requester: { agentId, name },
      toolCall: { tool: 'Bash', summary: 'terraform destroy' },
      normalizedInput: { command: 'terraform destroy' },
      ruleIds: ['infrastructure.terraform-destroy'],
      reason: 'destroys infrastructure',
      capability: 'security',
      timeoutMs: 600_000,
      ...change,
    });
  };
  /** `who` undefined: the bootstrap admin, deciding as the human. */
  const decide = (who: Name | undefined, reviewId: string, body: unknown) =>
    bridge.call('POST', `/v1/reviews/${reviewId}/decision`, {
      token: who === undefined ? undefined : members[who].token,
      body,
    });
  return { bridge, team: members, open, decide };
}

describe('expert reviews over REST', () => {
  const consensus: [string, string, [Name, boolean][], 'allow' | 'deny' | null][] = [
    ['one approval settles a normal review', 'normal', [['sec1', true]], 'allow'],
    ['one approval leaves a high-risk review pending', 'high', [['sec1', true]], null],
    [
      'two approvals by distinct experts settle a high-risk review',
      'high',
      [
        ['sec1', true],
        ['sec2', true],
      ],
      'allow',
    ],
    ['a reject denies a normal review', 'normal', [['sec1', false]], 'deny'],
    [
      'a reject after an approval denies a high-risk review',
      'high',
      [
        ['sec1', true],
        ['sec2', false],
      ],
      'deny',
    ],
  ];

  it.each(consensus)('%s', async (_case, risk, decisions, outcome) => {
    const { bridge, open, decide } = await setUp();
    const review = await open({ risk });
    for (const [who, approve] of decisions) {
      const answer = await decide(who, review.reviewId, { approve, reason: `${who} looked` });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    const settled = await bridge.call('GET', `/v1/reviews/${review.reviewId}`);
    expect(settled.status).toBe(200);
    expect(
      settled.body.decisions.map((decision: { expert: { name: string } }) => decision.expert.name),
    ).toEqual(decisions.map(([who]) => who));
    if (outcome === null) {
      expect(settled.body).toMatchObject({ status: 'pending', outcome: null });
    } else {
      const last = decisions.at(-1)?.[0];
      expect(settled.body).toMatchObject({
        status: 'resolved',
        outcome: { decision: outcome, resolvedBy: 'experts', by: { name: last } },
      });
    }
  });

  it('shows the whole review as the experts see it', async () => {
    const { bridge, team, open } = await setUp();
    const review = await open({ risk: 'high', fallback: 'allow' });
    const answer = await bridge.call('GET', `/v1/reviews/${review.reviewId}`, {
      token: team.sec1.token,
    });
    expect(answer.body).toEqual({
      reviewId: review.reviewId,
      requester: { agentId: team.bea.agentId, name: 'bea' },
      toolCall: { tool: 'Bash', summary: 'terraform destroy' },
      normalizedInput: { command: 'terraform destroy' },
      ruleIds: ['infrastructure.terraform-destroy'],
      reason: 'destroys infrastructure',
      risk: 'high',
      capability: 'security',
      fallback: 'allow',
      openedAt: review.openedAt,
      deadline: review.deadline,
      status: 'pending',
      decisions: [],
      outcome: null,
      promotion: null,
    });
  });

  type Refusal = [string, Name, unknown, number, string, RegExp?];
  const refusals: Refusal[] = [
    [
      'an expert without the capability',
      'pat',
      { approve: true, reason: 'ok' },
      403,
      'not_addressee',
    ],
    [
      'the expert whose own call it is',
      'sec0',
      { approve: true, reason: 'ok' },
      403,
      'own_request',
    ],
    ['a builder', 'bea', { approve: true, reason: 'ok' }, 403, 'not_addressee'],
    ['an observer', 'olly', { approve: true, reason: 'ok' }, 403, 'forbidden'],
    [
      'a second decision of the same expert',
      'sec1',
      { approve: false, reason: 'no' },
      409,
      'already_decided',
    ],
    ['an empty reason', 'sec2', { approve: true, reason: '' }, 400, 'invalid_input'],
    [
      'a missing reason',
      'sec2',
      { approve: true },
      400,
      'invalid_request',
      /body\/reason is required/,
    ],
    [
      'approve as text',
      'sec2',
      { approve: 'yes', reason: 'ok' },
      400,
      'invalid_request',
      /body\/approve/,
    ],
    [
      'an unknown field',
      'sec2',
      { approve: true, reason: 'ok', weight: 2 },
      400,
      'invalid_request',
      /body\/weight is not an accepted field/,
    ],
  ];

  it.each(refusals)('refuses a decision by %s', async (_case, who, body, status, code, message) => {
    const { bridge, open, decide } = await setUp();
    const review = await open({ risk: 'high' }, 'sec0');
    await decide('sec1', review.reviewId, { approve: true, reason: 'fine by me' });
    const head = await bridge.head();
    const answer = await decide(who, review.reviewId, body);
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    if (message) expect(answer.body.error.message).toMatch(message);
    expect(await bridge.head()).toBe(head);
    const after = await bridge.call('GET', `/v1/reviews/${review.reviewId}`);
    expect(after.body).toMatchObject({ status: 'pending', decisions: [{ approve: true }] });
  });

  it('refuses decisions once a review is resolved', async () => {
    const { open, decide } = await setUp();
    const review = await open();
    await decide('sec1', review.reviewId, { approve: false, reason: 'no' });
    const late = await decide('sec2', review.reviewId, { approve: true, reason: 'yes' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('already_resolved');
  });

  it('lets an admin decide as the human and promote the decision to a rule', async () => {
    const { bridge, team, open, decide } = await setUp();
    const review = await open({ risk: 'high' });
    const promote = (token: string | undefined, rule: string) =>
      bridge.call('POST', `/v1/reviews/${review.reviewId}/promote`, { token, body: { rule } });
    const rule = 'deny: terraform destroy';

    const early = await promote(undefined, rule);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_resolved');

    const decided = await decide(undefined, review.reviewId, {
      approve: false,
      reason: 'never in production',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'resolved',
      decisions: [],
      outcome: { decision: 'deny', resolvedBy: 'admin', reason: 'never in production' },
    });

    const byExpert = await promote(team.sec1.token, rule);
    expect(byExpert.status).toBe(403);
    expect(byExpert.body.error.code).toBe('forbidden');

    const promoted = await promote(undefined, rule);
    expect(promoted.status).toBe(200);
    expect(promoted.body.promotion).toMatchObject({ rule });
    expect(promoted.body.promotion.promotedAt).toEqual(expect.any(String));

    const again = await promote(undefined, rule);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_promoted');
  });

  it('lists reviews by status and capability, and those an expert may still decide', async () => {
    const { bridge, team, open, decide } = await setUp();
    const first = await open({ risk: 'high' });
    const second = await open({}, 'sec1');
    const perf = await open({ capability: 'performance' });
    const resolved = await open();
    await decide('sec2', resolved.reviewId, { approve: true, reason: 'ok' });
    await decide('sec2', first.reviewId, { approve: true, reason: 'ok' });
    const ids = async (query: string, token?: string) => {
      const answer = await bridge.call('GET', `/v1/reviews${query}`, { token });
      expect(answer.status).toBe(200);
      return answer.body.reviews.map((review: { reviewId: string }) => review.reviewId);
    };

    expect(await ids('')).toEqual([first, second, perf, resolved].map((r) => r.reviewId));
    expect(await ids('?status=pending')).toEqual([first, second, perf].map((r) => r.reviewId));
    expect(await ids('?status=resolved')).toEqual([resolved.reviewId]);
    expect(await ids('?capability=performance')).toEqual([perf.reviewId]);
    expect(await ids('?status=pending&limit=1')).toEqual([first.reviewId]);
    expect(await ids('?mine=true', team.sec1.token)).toEqual([first.reviewId]);
    expect(await ids('?mine=true', team.sec2.token)).toEqual([second.reviewId]);
    expect(await ids('?mine=true', team.pat.token)).toEqual([perf.reviewId]);
    expect(await ids('?mine=true&capability=security', team.pat.token)).toEqual([]);
    expect(await ids('?mine=true', team.bea.token)).toEqual([]);
    expect(await ids('?mine=false', team.olly.token)).toHaveLength(4);
  });

  it('answers a waiting reader as soon as the review is decided', async () => {
    const { bridge, team, open, decide } = await setUp();
    const review = await open();
    const waiting = bridge.call('GET', `/v1/reviews/${review.reviewId}?waitMs=60000`, {
      token: team.bea.token,
    });
    await decide('sec2', review.reviewId, { approve: true, reason: 'read only' });
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'resolved', outcome: { decision: 'allow' } });
  });

  it('applies the fallback at the deadline, and the waiting reader hears it', async () => {
    const { bridge, open } = await setUp();
    const review = await open({ timeoutMs: 50, fallback: 'allow' });
    const answer = await bridge.call('GET', `/v1/reviews/${review.reviewId}?waitMs=60000`);
    expect(answer.body).toMatchObject({
      status: 'resolved',
      outcome: { decision: 'allow', resolvedBy: 'fallback', by: null },
    });
  });

  it('ends a waiting read when the bridge shuts down', async () => {
    const { bridge, open } = await setUp();
    const review = await open();
    const path = `/v1/reviews/${review.reviewId}?waitMs=60000`;
    const arrived = new Promise<void>((resolve) => {
      bridge.app.server.on('request', (request) => {
        if (request.url === path) resolve();
      });
    });
    const waiting = bridge.call('GET', path);
    await arrived;
    await bridge.close();
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('pending');
  });

  const unknownId = '01890a5d-ac96-774b-bcce-b302099a8057';
  it.each([
    ['GET', `/v1/reviews/${unknownId}`, 404, 'not_found', undefined],
    ['GET', `/v1/reviews/${unknownId}?waitMs=100`, 404, 'not_found', undefined],
    ['POST', `/v1/reviews/${unknownId}/decision`, 404, 'not_found', { approve: true, reason: 'x' }],
    ['POST', `/v1/reviews/${unknownId}/promote`, 404, 'not_found', { rule: 'deny: x' }],
    ['GET', `/v1/reviews/${unknownId}?waitMs=3600000`, 400, 'invalid_request', undefined],
    ['GET', '/v1/reviews?status=open', 400, 'invalid_request', undefined],
    ['GET', '/v1/reviews?mine=maybe', 400, 'invalid_request', undefined],
    ['GET', '/v1/reviews?expert=sec1', 400, 'invalid_request', undefined],
    ['POST', '/v1/reviews', 404, 'not_found', { capability: 'security' }],
  ])('answers %s %s with %i %s', async (method, path, status, code, body) => {
    const { bridge } = await setUp();
    const answer = await bridge.call(method, path, { body });
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
  });
});

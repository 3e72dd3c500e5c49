import { describe, expect, it } from 'vitest';
import type { ReviewRequest } from '../../src/coordination/reviews/decide.js';
import { type CliTeam, failedWith, jsonOf, succeeded, useCliTeam } from './coordination-team.js';

const start = useCliTeam();

const REVIEW_TEAM = [
  { name: 'bob', role: 'builder' },
  { name: 'sec', role: 'expert', capabilities: ['security'] },
  { name: 'sec2', role: 'expert', capabilities: ['security'] },
  { name: 'pat', role: 'expert', capabilities: ['performance'] },
];

/** What the guard does when it escalates one of bob's calls. */
async function escalate({ bridge, team }: CliTeam, change: Partial<ReviewRequest> = {}) {
  return bridge.coordination.reviews.open({
    requester: { agentId: team.bob?.agentId as string, name: 'bob' },
    toolCall: { tool: 'Bash', summary: 'terraform destroy' },
    normalizedInput: { command: 'terraform destroy' },
    ruleIds: ['infrastructure.terraform-destroy'],
    reason: 'destroys infrastructure',
    capability: 'security',
    timeoutMs: 600_000,
    ...change,
  });
}

describe('lighthouse-bridge review', () => {
  it('lists the reviews an expert may decide, shows one and approves it', async () => {
    const cli = await start(REVIEW_TEAM);
    const { as } = cli;
    const review = await escalate(cli);

    const listed = succeeded(await as('sec')(['review', 'list', '--mine'])).split('\n');
    expect(listed[0]).toMatch(/^ID\s+REQUESTER\s+RISK\s+CAPABILITY\s+OUTCOME\s+CALL$/);
    expect(listed[1]).toMatch(
      new RegExp(
        `^${review.reviewId}  bob        \\w+ +security    pending until \\S+Z  Bash: terraform destroy$`,
      ),
    );
    expect(succeeded(await as('pat')(['review', 'list', '--mine']))).toBe('no reviews\n');
    expect(jsonOf(await as('bob')(['review', 'list', '--json']))).toMatchObject([
      { reviewId: review.reviewId },
    ]);

    const shown = succeeded(await as('sec')(['review', 'show', review.reviewId]));
    expect(shown).toContain('Call:       Bash: terraform destroy\n');
    expect(shown).toContain('Rules:      infrastructure.terraform-destroy\n');

    expect(
      succeeded(await as('sec')(['review', 'approve', review.reviewId, 'planned teardown'])),
    ).toBe(`approved ${review.reviewId}; allow by sec\n`);
    expect(succeeded(await as('sec')(['review', 'show', review.reviewId]))).toMatch(
      /^ {2}approved by sec at \S+Z: planned teardown$/m,
    );
    expect(
      jsonOf(await as('bob')(['review', 'list', '--status', 'resolved', '--json'])),
    ).toMatchObject([
      { reviewId: review.reviewId, outcome: { decision: 'allow', resolvedBy: 'experts' } },
    ]);
  });

  it('a reject denies; a high-risk review stays pending after one approval', async () => {
    const cli = await start(REVIEW_TEAM);
    const { as } = cli;
    const high = await escalate(cli, { risk: 'high' });
    expect(succeeded(await as('sec')(['review', 'approve', high.reviewId, 'fine by me']))).toMatch(
      /; pending until \S+Z\n$/,
    );
    expect(succeeded(await as('sec2')(['review', 'reject', high.reviewId, 'not today']))).toBe(
      `rejected ${high.reviewId}; deny by sec2\n`,
    );
  });

  it.each([
    [
      'an unknown review',
      'sec',
      ['review', 'approve', '01a21b9d-d512-7000-ad93-000000000000', 'ok'],
      404,
      'not_found',
      /no review has the id/,
    ],
    [
      'a builder deciding',
      'bob',
      ['review', 'reject', '{id}', 'no'],
      403,
      'own_request',
      /may not review its own/,
    ],
    [
      'an expert without the capability',
      'pat',
      ['review', 'approve', '{id}', 'ok'],
      403,
      'not_addressee',
      /capability security/,
    ],
    ['an empty reason', 'sec', ['review', 'approve', '{id}', ''], 400, 'invalid_input', /reason/],
  ])('refuses %s with the bridge code', async (_case, who, args, status, code, message) => {
    const cli = await start(REVIEW_TEAM);
    const { as } = cli;
    const review = await escalate(cli);
    const filled = args.map((arg) => arg.replace('{id}', review.reviewId));
    failedWith(await as(who)(filled), status, code, message);
  });
});

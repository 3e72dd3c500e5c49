import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/agents/principal.js';
import type { ReviewRequest } from '../../src/coordination/reviews/decide.js';
import { ReviewService } from '../../src/coordination/reviews/service.js';
import { useTempDirs } from '../support/temp-dir.js';
import { openWorld, refusal, registerAgents, tally } from './harness.js';

const tempDir = useTempDirs();
const ADMIN: Principal = { agentId: 'admin', name: 'admin', role: 'admin' };

async function setUp(dataDir = tempDir(), clock?: () => number) {
  const world = await openWorld(dataDir);
  const agents = await registerAgents(world, [
    { name: 'bea', role: 'builder' },
    { name: 'pat', role: 'expert', capabilities: ['performance'] },
    ...Array.from({ length: 5 }, (_, n) => ({
      name: `sec-${n}`,
      role: 'expert',
      capabilities: ['security'],
    })),
  ]);
  const reviews = new ReviewService(world.store, world.registry, { clock });
  await reviews.start();
  const experts = Array.from({ length: 5 }, (_, n) => agents[`sec-${n}`] as Principal);
  const bea = agents.bea as Principal;
  const request = (change: Partial<ReviewRequest> = {}): ReviewRequest => ({
    requester: bea,
    toolCall: { tool: 'Bash', summary: 'terraform destroy' },
    normalizedInput: { tool: 'Bash', input: '{"command":"terraform destroy"}' },
    ruleIds: ['infrastructure.terraform-destroy'],
    reason: 'destroys infrastructure',
    capability: 'security',
    ...change,
  });
  return { world, reviews, bea, pat: agents.pat as Principal, experts, request };
}

describe('ReviewService', () => {
  it('hands the waiting guard the outcome once an expert approves', async () => {
    const { world, reviews, experts, request } = await setUp();
    const review = await reviews.open(request({ timeoutMs: 3_600_000 }));
    const waiting = reviews.waitForOutcome(review.reviewId, 3_600_000);
    await reviews.decide(experts[2] as Principal, review.reviewId, {
      approve: true,
      reason: 'staging only',
    });
    const outcome = await waiting;
    expect(outcome.status).toBe('resolved');
    expect(outcome.outcome).toMatchObject({
      decision: 'allow',
      resolvedBy: 'experts',
      by: { name: 'sec-2' },
    });
    expect((await reviews.waitForOutcome(review.reviewId, 0)).outcome?.decision).toBe('allow');
    await reviews.close();
    await world.close();
  });

  it('needs two distinct approvals for high risk, even when five experts decide at once', async () => {
    const { world, reviews, experts, request } = await setUp();
    const review = await reviews.open(request({ risk: 'high' }));
    const results = await Promise.allSettled(
      experts.map((expert) =>
        reviews.decide(expert, review.reviewId, { approve: true, reason: 'ok' }),
      ),
    );
    expect(tally(results)).toEqual({ ok: 2, already_resolved: 3 });
    const resolved = reviews.get(review.reviewId);
    expect(resolved.decisions).toHaveLength(2);
    expect(new Set(resolved.decisions.map((decision) => decision.expert.agentId)).size).toBe(2);
    expect(resolved.outcome?.decision).toBe('allow');
    await reviews.close();
    await world.close();
  });

  it('lets a reject win, keeps requesters and outsiders out, and offers pending reviews to the right experts', async () => {
    const { world, reviews, bea, pat, experts, request } = await setUp();
    const [sam, sue] = experts as [Principal, Principal];
    const review = await reviews.open(request({ risk: 'high' }));
    expect(reviews.pendingFor(sam).map((pending) => pending.reviewId)).toEqual([review.reviewId]);
    expect(reviews.pendingFor(pat)).toEqual([]);
    expect(reviews.pendingFor(bea)).toEqual([]);
    await refusal(
      reviews.decide(pat, review.reviewId, { approve: true, reason: 'fine' }),
      'not_addressee',
    );
    await refusal(
      reviews.decide(bea, review.reviewId, { approve: true, reason: 'mine' }),
      'own_request',
    );

    await reviews.decide(sam, review.reviewId, { approve: true, reason: 'looks fine' });
    expect(reviews.pendingFor(sam)).toEqual([]);
    await refusal(
      reviews.decide(sam, review.reviewId, { approve: true, reason: 'again' }),
      'already_decided',
    );
    const rejected = await reviews.decide(sue, review.reviewId, {
      approve: false,
      reason: 'production state',
    });
    expect(rejected.outcome).toMatchObject({
      decision: 'deny',
      resolvedBy: 'experts',
      reason: 'production state',
    });
    expect(reviews.list({ status: 'resolved' })).toHaveLength(1);
    expect(reviews.list({ status: 'pending' })).toHaveLength(0);
    await reviews.close();
    await world.close();
  });

  it('lets an admin decide directly and promote the decision to a rule', async () => {
    const { world, reviews, experts, request } = await setUp();
    const review = await reviews.open(request());
    await refusal(
      reviews.promote(ADMIN, review.reviewId, 'allow terraform destroy in staging'),
      'not_resolved',
    );
    const decided = await reviews.decide(ADMIN, review.reviewId, {
      approve: true,
      reason: 'staging stack',
    });
    expect(decided.outcome).toMatchObject({
      decision: 'allow',
      resolvedBy: 'admin',
      by: { name: 'admin' },
    });
    await refusal(reviews.promote(experts[0] as Principal, review.reviewId, 'rule'), 'forbidden');
    const promoted = await reviews.promote(
      ADMIN,
      review.reviewId,
      'allow terraform destroy in staging',
    );
    expect(promoted.promotion).toMatchObject({
      rule: 'allow terraform destroy in staging',
      by: { name: 'admin' },
    });
    await refusal(reviews.promote(ADMIN, review.reviewId, 'again'), 'already_promoted');
    await refusal(reviews.open(request({ capability: 'Not A Capability' })), 'invalid_input');
    expect(reviews.list()).toHaveLength(1);
    expect(reviews.list({ capability: 'performance' })).toHaveLength(0);
    await reviews.close();
    await world.close();
  });

  it('applies the fallback at the deadline and tells the waiting guard', async () => {
    const { world, reviews, request } = await setUp();
    const denied = await reviews.open(request({ timeoutMs: 20 }));
    const allowed = await reviews.open(request({ timeoutMs: 20, fallback: 'allow' }));
    const [deny, allow] = await Promise.all([
      reviews.waitForOutcome(denied.reviewId, 60_000),
      reviews.waitForOutcome(allowed.reviewId, 60_000),
    ]);
    expect(deny.outcome).toMatchObject({ decision: 'deny', resolvedBy: 'fallback', by: null });
    expect(allow.outcome).toMatchObject({ decision: 'allow', resolvedBy: 'fallback' });
    await reviews.close();
    await world.close();
  });

  it('resolves overdue reviews on start after a restart, and rebuilds the same board', async () => {
    const dataDir = tempDir();
    let now = Date.parse('2026-03-01T12:00:00.000Z');
    const clock = () => now;
    const first = await setUp(dataDir, clock);
    const overdue = await first.reviews.open(first.request({ timeoutMs: 1000 }));
    const lasting = await first.reviews.open(first.request({ timeoutMs: 3_600_000, risk: 'high' }));
    await first.reviews.decide(first.experts[0] as Principal, lasting.reviewId, {
      approve: true,
      reason: 'one',
    });
    const before = first.reviews.list();
    await first.reviews.close();
    await first.world.close();

    const world = await openWorld(dataDir);
    const same = new ReviewService(world.store, world.registry, { clock });
    await same.start();
    expect(same.list()).toEqual(before);
    await same.close();

    now += 5000;
    const later = new ReviewService(world.store, world.registry, { clock });
    await later.start();
    expect(later.get(overdue.reviewId).outcome).toMatchObject({
      decision: 'deny',
      resolvedBy: 'fallback',
    });
    expect(later.get(lasting.reviewId)).toEqual(before[1]);
    await later.close();
    await world.close();
  });
});
